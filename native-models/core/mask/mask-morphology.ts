// Grow (dilate) and shrink (erode) a mask by N pixels, through distance transforms so the cost does not
// depend on N.
//
// Structuring elements: 'disc' adds every pixel whose centre lies within Euclidean distance N of a
// foreground pixel centre (dx² + dy² ≤ N²); 'square' uses the chessboard distance (max(|dx|, |dy|) ≤ N),
// i.e. a (2N+1)×(2N+1) square. Shrinking is growing the background; the image border counts as
// foreground there, so shrinking does not eat in from the border (OpenCV's default for erode too).

import { TesseraError } from '../../api/errors.ts';
import type { BinaryMask } from './binary-mask.ts';

export type StructuringElement = 'disc' | 'square';

/** Dilation by `px` pixels (0 returns a copy). */
export function growMask(mask: BinaryMask, px: number, shape: StructuringElement = 'disc'): BinaryMask {
  checkRadius(px);
  const { width, height, data } = mask;
  const out = new Uint8Array(data.length);
  if (px === 0) {
    out.set(data);
    return { width, height, data: out };
  }
  if (shape === 'square') {
    growSquare(width, height, data, px, out);
  } else {
    const d2 = squaredEuclideanDistance(width, height, data);
    const r2 = px * px;
    for (let i = 0; i < out.length; i++) out[i] = d2[i] <= r2 ? 1 : 0;
  }
  return { width, height, data: out };
}

/** Erosion by `px` pixels: a pixel stays only if every pixel within the element is foreground. */
export function shrinkMask(mask: BinaryMask, px: number, shape: StructuringElement = 'disc'): BinaryMask {
  checkRadius(px);
  const inverted = new Uint8Array(mask.data.length);
  for (let i = 0; i < inverted.length; i++) inverted[i] = mask.data[i] !== 0 ? 0 : 1;
  const grown = growMask({ width: mask.width, height: mask.height, data: inverted }, px, shape);
  for (let i = 0; i < inverted.length; i++) inverted[i] = grown.data[i] !== 0 ? 0 : 1;
  return { width: mask.width, height: mask.height, data: inverted };
}

function checkRadius(px: number): void {
  if (!Number.isInteger(px) || px < 0) {
    throw new TesseraError('INVALID_ARGUMENT', `grow/shrink radius: got ${px}, expected an integer >= 0 (pixels)`);
  }
}

/** Square element: reachable along the row within px, then along the column within px (separable). */
function growSquare(width: number, height: number, data: Uint8Array, px: number, out: Uint8Array): void {
  const rows = rowDistances(width, height, data);
  const across = new Uint8Array(data.length);
  for (let i = 0; i < across.length; i++) across[i] = rows[i] <= px ? 1 : 0;
  for (let x = 0; x < width; x++) {
    let last = -Infinity;
    for (let y = 0; y < height; y++) {
      if (across[y * width + x] !== 0) last = y;
      out[y * width + x] = y - last <= px ? 1 : 0;
    }
    last = Infinity;
    for (let y = height - 1; y >= 0; y--) {
      if (across[y * width + x] !== 0) last = y;
      if (last - y <= px) out[y * width + x] = 1;
    }
  }
}

/** Distance along its row from each pixel to the nearest foreground pixel (Infinity when none). */
function rowDistances(width: number, height: number, data: Uint8Array): Float64Array {
  const out = new Float64Array(data.length);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (data[row + x] !== 0) last = x;
      out[row + x] = x - last;
    }
    last = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (data[row + x] !== 0) last = x;
      out[row + x] = Math.min(out[row + x], last - x);
    }
  }
  return out;
}

/**
 * Squared Euclidean distance to the nearest foreground pixel: the separable lower-envelope method of
 * Felzenszwalb & Huttenlocher ("Distance Transforms of Sampled Functions", 2012), rows then columns.
 */
function squaredEuclideanDistance(width: number, height: number, data: Uint8Array): Float64Array {
  const rows = rowDistances(width, height, data);
  const f = new Float64Array(height);
  const d = new Float64Array(height);
  const v = new Int32Array(height);
  const z = new Float64Array(height + 1);
  const out = new Float64Array(data.length);
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const r = rows[y * width + x];
      f[y] = r === Infinity ? 1e20 : r * r;
    }
    lowerEnvelope(f, d, v, z, height);
    for (let y = 0; y < height; y++) out[y * width + x] = d[y] >= 1e20 ? Infinity : d[y];
  }
  return out;
}

/** d[q] = min over p of (q − p)² + f[p], in O(n). */
function lowerEnvelope(f: Float64Array, d: Float64Array, v: Int32Array, z: Float64Array, n: number): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    d[q] = (q - v[k]) * (q - v[k]) + f[v[k]];
  }
}
