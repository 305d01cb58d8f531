// The binary mask type shared by segmentation, cut-outs and inpainting, with its basic measures.
// A mask is row-major, one byte per pixel, values 0 (background) or 1 (foreground).

import { TesseraError } from '../../api/errors.ts';

export interface BinaryMask {
  readonly width: number;
  readonly height: number;
  /** Row-major [height, width], values 0 or 1. */
  readonly data: Uint8Array;
}

/** A pixel rectangle: (x, y) is the top-left pixel, width × height pixels (the COCO `bbox` order). */
export interface PixelBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Builds a mask, checking its size; with no data the mask is empty. Values other than 0 count as 1. */
export function createMask(width: number, height: number, data?: Uint8Array): BinaryMask {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new TesseraError('INVALID_ARGUMENT', `mask size: got ${width}x${height}, expected non-negative integers`);
  }
  if (data === undefined) return { width, height, data: new Uint8Array(width * height) };
  if (data.length !== width * height) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `mask data: got ${data.length} values, expected ${width * height} for ${width}x${height}`,
    );
  }
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
  return { width, height, data: out };
}

/** Throws unless both masks have the same size. */
export function assertSameMaskSize(a: BinaryMask, b: BinaryMask, what = 'masks'): void {
  if (a.width !== b.width || a.height !== b.height) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `${what}: got ${b.width}x${b.height}, expected ${a.width}x${a.height} (sizes must match)`,
    );
  }
}

/** Number of foreground pixels. */
export function maskArea(mask: BinaryMask): number {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
  return n;
}

/** Tightest rectangle holding every foreground pixel, or null for an empty mask. */
export function maskBoundingBox(mask: BinaryMask): PixelBox | null {
  const { width, height, data } = mask;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] === 0) continue;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      y1 = y;
    }
  }
  if (x1 < 0) return null;
  return { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/** Mask from 8-bit values (a grey mask image or an alpha channel): value >= threshold is foreground. */
export function maskFromGray(width: number, height: number, values: Uint8Array, threshold = 128): BinaryMask {
  if (values.length !== width * height) {
    throw new TesseraError('INVALID_ARGUMENT', `grey values: got ${values.length}, expected ${width * height}`);
  }
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] >= threshold ? 1 : 0;
  return { width, height, data: out };
}

/** The mask as 8-bit grey, 0 and 255 (what mask PNGs hold). */
export function maskToGray(mask: BinaryMask): Uint8Array {
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i] !== 0 ? 255 : 0;
  return out;
}

/** Foreground ↔ background. */
export function invertMask(mask: BinaryMask): BinaryMask {
  const out = new Uint8Array(mask.data.length);
  for (let i = 0; i < out.length; i++) out[i] = mask.data[i] !== 0 ? 0 : 1;
  return { width: mask.width, height: mask.height, data: out };
}
