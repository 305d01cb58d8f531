// Connected components of a mask, and SAM's clean-up of small islands and small holes.

import { TesseraError } from '../../api/errors.ts';
import type { BinaryMask } from './binary-mask.ts';

export interface ComponentLabels {
  /** Row-major; 0 = background, 1..count = component id in raster order of first pixel. */
  labels: Int32Array;
  count: number;
  /** areas[id - 1] = pixel count of component id. */
  areas: number[];
}

/** Labels the foreground's connected regions (8-connected by default, as SAM's OpenCV call). */
export function labelComponents(mask: BinaryMask, connectivity: 4 | 8 = 8): ComponentLabels {
  const { width, height, data } = mask;
  const labels = new Int32Array(data.length);
  const areas: number[] = [];
  const stack: number[] = [];
  let count = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] === 0 || labels[start] !== 0) continue;
    count++;
    let area = 0;
    labels[start] = count;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop() as number;
      area++;
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const j = ny * width + nx;
          if (data[j] !== 0 && labels[j] === 0) {
            labels[j] = count;
            stack.push(j);
          }
        }
      }
    }
    areas.push(area);
  }
  return { labels, count, areas };
}

/**
 * SAM's remove_small_regions (segment_anything/utils/amg.py): with mode 'islands', foreground regions
 * smaller than `minArea` pixels are removed, but if every region is that small the largest is kept;
 * with mode 'holes', background regions smaller than `minArea` are filled. As in SAM, a small background
 * region touching the image border counts as a hole too, and regions are 8-connected.
 */
export function removeSmallRegions(mask: BinaryMask, minArea: number, mode: 'islands' | 'holes'): BinaryMask {
  if (!(minArea >= 0)) {
    throw new TesseraError('INVALID_ARGUMENT', `minimum region area: got ${minArea}, expected a number >= 0`);
  }
  const { width, height, data } = mask;
  const fillHoles = mode === 'holes';
  const working = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) working[i] = (data[i] !== 0) !== fillHoles ? 1 : 0;
  const { labels, count, areas } = labelComponents({ width, height, data: working }, 8);
  const small = new Uint8Array(count + 1);
  let anySmall = false;
  for (let id = 1; id <= count; id++) {
    if (areas[id - 1] < minArea) {
      small[id] = 1;
      anySmall = true;
    }
  }
  const out = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] !== 0 ? 1 : 0;
  if (!anySmall) return { width, height, data: out };
  if (fillHoles) {
    for (let i = 0; i < out.length; i++) if (small[labels[i]] === 1) out[i] = 1;
    return { width, height, data: out };
  }
  let keepOnly = -1;
  if (areas.every((a) => a < minArea)) {
    keepOnly = 1;
    for (let id = 2; id <= count; id++) if (areas[id - 1] > areas[keepOnly - 1]) keepOnly = id;
  }
  for (let i = 0; i < out.length; i++) {
    const id = labels[i];
    if (id === 0) continue;
    out[i] = keepOnly > 0 ? (id === keepOnly ? 1 : 0) : small[id] === 1 ? 0 : 1;
  }
  return { width, height, data: out };
}
