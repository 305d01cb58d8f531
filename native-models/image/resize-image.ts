// Resizing with sharp: Lanczos for photos (diffusers resizes img2img inputs with PIL's Lanczos),
// nearest-neighbour for masks so they stay 0/255.

import sharp from 'sharp';
import { TesseraError } from '../api/errors.ts';
import type { GrayImage, RgbImage } from './rgb-image.ts';

export type ResizeKernel = 'nearest' | 'linear' | 'cubic' | 'lanczos3';

/** Stretches an RGB(A) image to exactly width × height. */
export async function resizeImage(image: RgbImage, width: number, height: number, kernel: ResizeKernel = 'lanczos3'): Promise<RgbImage> {
  checkSize(width, height);
  if (image.width === width && image.height === height) return image;
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize(width, height, { fit: 'fill', kernel })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width, height, channels: info.channels === 4 ? 4 : 3, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Resizes a grey image or 0/255 mask; nearest-neighbour by default so no new values appear. */
export async function resizeGray(image: GrayImage, width: number, height: number, kernel: ResizeKernel = 'nearest'): Promise<GrayImage> {
  checkSize(width, height);
  if (image.width === width && image.height === height) return image;
  const { data, info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel })
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new TesseraError('INTERNAL', `grey resize: got ${info.channels} channels, expected 1`);
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * Size rounded DOWN to a multiple (diffusers' ONNX img2img uses 64: `x − x % 64`); at least one multiple.
 */
export function floorToMultiple(width: number, height: number, multiple = 64): { width: number; height: number } {
  return { width: Math.max(multiple, width - (width % multiple)), height: Math.max(multiple, height - (height % multiple)) };
}

/** An img2img init image resized with Lanczos to width × height (or to its own size floored to a multiple of 64). */
export async function resizeForImg2Img(image: RgbImage, width?: number, height?: number): Promise<RgbImage> {
  const target = width !== undefined && height !== undefined ? { width, height } : floorToMultiple(image.width, image.height, 64);
  return resizeImage(image, target.width, target.height, 'lanczos3');
}

function checkSize(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new TesseraError('INVALID_ARGUMENT', `resize target: got ${width}x${height}, expected positive integers`);
  }
}
