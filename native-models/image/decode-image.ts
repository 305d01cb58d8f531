// Decodes image files or bytes (PNG, JPEG, WebP, GIF, TIFF, AVIF… whatever sharp reads) into 8-bit
// RGB/RGBA pixels, upright according to the EXIF orientation, with a cap on the pixel count.

import { readFile } from 'node:fs/promises';
import { TesseraError } from '../api/errors.ts';
import { imageDecodeError } from './image-errors.ts';
import { maxPixels, sharpOfEncoded } from './pixel-limit.ts';
import type { ImageSize, RgbImage } from './rgb-image.ts';

export interface DecodeImageOptions {
  /** Largest width × height accepted (default maxPixels(): Settings.maxPixels / --max-pixels, else 64 Mpx). */
  limitInputPixels?: number;
  /** Name used in error messages when decoding bytes (a path names itself). */
  name?: string;
}

/**
 * Image → HWC uint8 pixels: 4 channels when the file has alpha, else 3 (grey is expanded to RGB).
 * The first frame of animations; 16-bit files are reduced to 8 bits; CMYK and profiles go to sRGB.
 * Errors: IMAGE_UNREADABLE (missing, empty, corrupt, truncated, not an image), IMAGE_TOO_LARGE.
 */
export async function decodeImage(source: string | Uint8Array, options: DecodeImageOptions = {}): Promise<RgbImage> {
  return decode(source, options, false);
}

/**
 * Like decodeImage but always 3 channels: an alpha channel is DROPPED, not composited, so transparent
 * pixels keep whatever colour they hold (PIL's `convert("RGB")`, which diffusers applies to init images).
 */
export async function decodeRgb(source: string | Uint8Array, options: DecodeImageOptions = {}): Promise<RgbImage> {
  return decode(source, options, true);
}

/** Width and height after EXIF orientation, read from the header only. */
export async function readImageSize(source: string | Uint8Array, options: DecodeImageOptions = {}): Promise<ImageSize> {
  const { bytes, name } = await loadBytes(source, options);
  return checkedHeader(bytes, name, options.limitInputPixels ?? maxPixels());
}

/** Reads the header only (no pixel is decoded) and refuses an image over the limit before anything is allocated. */
async function checkedHeader(bytes: Buffer, name: string, limit: number): Promise<ImageSize> {
  try {
    // The header is read with no limit so a refusal can say the declared size; nothing is decoded here.
    const meta = await sharpOfEncoded(bytes, false).metadata();
    const width = meta.autoOrient?.width ?? meta.width;
    const height = meta.autoOrient?.height ?? meta.height;
    if (width * height > limit) throw tooLarge(name, width, height, limit);
    return { width, height };
  } catch (error) {
    throw imageDecodeError(error, name, limit);
  }
}

async function decode(source: string | Uint8Array, options: DecodeImageOptions, dropAlpha: boolean): Promise<RgbImage> {
  const { bytes, name } = await loadBytes(source, options);
  const limit = options.limitInputPixels ?? maxPixels();
  if (!(limit > 0)) {
    throw new TesseraError('INVALID_ARGUMENT', `limitInputPixels: got ${limit}, expected a positive number`);
  }
  await checkedHeader(bytes, name, limit);
  try {
    let pipeline = sharpOfEncoded(bytes, limit).autoOrient().toColourspace('srgb');
    if (dropAlpha) pipeline = pipeline.removeAlpha();
    const { data, info } = await pipeline.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== 3 && info.channels !== 4) {
      throw new TesseraError('IMAGE_UNREADABLE', `${name}: got ${info.channels} channels after decoding, expected 3 or 4`);
    }
    return {
      width: info.width,
      height: info.height,
      channels: info.channels,
      data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    };
  } catch (error) {
    throw imageDecodeError(error, name, limit);
  }
}

/** Reads a path into memory (so errors name the file and empty files are caught up front). */
async function loadBytes(source: string | Uint8Array, options: DecodeImageOptions): Promise<{ bytes: Buffer; name: string }> {
  const name = typeof source === 'string' ? source : (options.name ?? 'image data');
  let bytes: Buffer;
  if (typeof source === 'string') {
    try {
      bytes = await readFile(source);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      throw new TesseraError('IMAGE_UNREADABLE', `${name}: cannot read the file (${code}), expected a readable image file`, {
        file: name,
        errno: code,
      });
    }
  } else {
    bytes = Buffer.from(source.buffer, source.byteOffset, source.length);
  }
  if (bytes.length === 0) {
    throw new TesseraError('IMAGE_UNREADABLE', `${name}: got an empty file (0 bytes), expected an image`, { file: name });
  }
  return { bytes, name };
}

function tooLarge(name: string, width: number, height: number, limit: number): TesseraError {
  return new TesseraError(
    'IMAGE_TOO_LARGE',
    `${name}: got ${width}x${height} (${width * height} pixels), expected at most ${limit} pixels (raise the limit with --max-pixels N or Settings' maxPixels)`,
    { file: name, width, height, limitPixels: limit },
  );
}
