// Soft mask edges: a separable box blur, and the feathered 8-bit alpha built from it for cut-outs and
// inpainting composites.

import { TesseraError } from '../../api/errors.ts';
import type { BinaryMask } from './binary-mask.ts';

/**
 * Box blur of radius r (a (2r+1)-wide mean) along rows then columns, values outside the image taken
 * from the nearest edge pixel so borders do not darken. `values` is row-major [height, width].
 */
export function boxBlur(values: ArrayLike<number>, width: number, height: number, radius: number): Float32Array {
  if (!Number.isInteger(radius) || radius < 0) {
    throw new TesseraError('INVALID_ARGUMENT', `blur radius: got ${radius}, expected an integer >= 0`);
  }
  if (values.length !== width * height) {
    throw new TesseraError('INVALID_ARGUMENT', `blur input: got ${values.length} values, expected ${width * height}`);
  }
  const tmp = new Float32Array(values.length);
  const out = new Float32Array(values.length);
  for (let y = 0; y < height; y++) blurLine(values, tmp, y * width, 1, width, radius);
  for (let x = 0; x < width; x++) blurLine(tmp, out, x, width, height, radius);
  return out;
}

/** Running-sum mean over one row or column (start index, stride, length) with edge clamping. */
function blurLine(src: ArrayLike<number>, dst: Float32Array, start: number, stride: number, n: number, r: number): void {
  if (n === 0) return;
  const at = (i: number): number => src[start + Math.min(n - 1, Math.max(0, i)) * stride];
  let sum = 0;
  for (let i = -r; i <= r; i++) sum += at(i);
  const norm = 1 / (2 * r + 1);
  for (let i = 0; i < n; i++) {
    dst[start + i * stride] = sum * norm;
    sum += at(i + r + 1) - at(i - r);
  }
}

/**
 * 8-bit alpha from a mask: 255 inside, 0 outside, and with `featherPx` > 0 a box-blurred edge, a linear
 * ramp about 2·featherPx + 1 pixels wide centred on the boundary. With featherPx = 0 the alpha is
 * exactly mask × 255.
 */
export function featherMask(mask: BinaryMask, featherPx = 0): Uint8Array {
  const { width, height, data } = mask;
  const alpha = new Uint8Array(data.length);
  if (featherPx === 0) {
    for (let i = 0; i < alpha.length; i++) alpha[i] = data[i] !== 0 ? 255 : 0;
    return alpha;
  }
  const src = new Float32Array(data.length);
  for (let i = 0; i < src.length; i++) src[i] = data[i] !== 0 ? 255 : 0;
  const blurred = boxBlur(src, width, height, featherPx);
  for (let i = 0; i < alpha.length; i++) alpha[i] = Math.round(Math.min(255, Math.max(0, blurred[i])));
  return alpha;
}
