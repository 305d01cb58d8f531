// Encodes 8-bit pixels as PNG bytes: RGB, RGBA, grey and masks.

import sharp from 'sharp';
import { TesseraError } from '../api/errors.ts';
import type { BinaryMask } from '../core/mask/binary-mask.ts';
import { maskToGray } from '../core/mask/binary-mask.ts';
import type { GrayImage, PixelImage } from './rgb-image.ts';

export interface EncodePngOptions {
  /** zlib level 0–9 (default 6: sharp's default; 9 saves little and costs much on big images). */
  compressionLevel?: number;
}

/** PNG of an interleaved 8-bit image; 1 and 2 channels are written as grey (+alpha), 3/4 as RGB(A). */
export async function encodePng(image: PixelImage, options: EncodePngOptions = {}): Promise<Uint8Array> {
  const { width, height, channels, data } = image;
  if (data.length !== width * height * channels) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `image data: got ${data.length} bytes, expected ${width * height * channels} for ${width}x${height}x${channels}`,
    );
  }
  let pipeline = sharp(data, { raw: { width, height, channels } });
  // sharp writes raw input in sRGB unless told otherwise; keep grey files grey.
  if (channels <= 2) pipeline = pipeline.toColourspace('b-w');
  const png = await pipeline.png({ compressionLevel: options.compressionLevel ?? 6, palette: false }).toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}

/** PNG of one grey channel. */
export async function encodeGrayPng(image: GrayImage, options: EncodePngOptions = {}): Promise<Uint8Array> {
  return encodePng({ width: image.width, height: image.height, channels: 1, data: image.data }, options);
}

/** Mask PNG at the mask's size: grey, 255 = foreground, 0 = background. */
export async function encodeMaskPng(mask: BinaryMask, options: EncodePngOptions = {}): Promise<Uint8Array> {
  return encodeGrayPng({ width: mask.width, height: mask.height, data: maskToGray(mask) }, options);
}
