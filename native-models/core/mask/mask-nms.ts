// Greedy non-maximum suppression over masks: keep the best-scored mask, drop those overlapping it too much.

import { TesseraError } from '../../api/errors.ts';
import { assertSameMaskSize, maskArea, maskBoundingBox } from './binary-mask.ts';
import type { BinaryMask, PixelBox } from './binary-mask.ts';

/**
 * Indices of the masks kept, best score first. A mask is dropped when its mask IoU with an already kept
 * mask exceeds `iouThreshold` (SAM's automatic mask generator uses 0.7, on boxes). Ties in score keep
 * the lower index first, so the result is deterministic.
 */
export function maskNms(masks: readonly BinaryMask[], scores: readonly number[], iouThreshold: number): number[] {
  if (masks.length !== scores.length) {
    throw new TesseraError('INVALID_ARGUMENT', `NMS scores: got ${scores.length}, expected one per mask (${masks.length})`);
  }
  if (!(iouThreshold >= 0 && iouThreshold <= 1)) {
    throw new TesseraError('INVALID_ARGUMENT', `NMS IoU threshold: got ${iouThreshold}, expected 0..1`);
  }
  for (let i = 1; i < masks.length; i++) assertSameMaskSize(masks[0], masks[i], `NMS mask ${i}`);
  const order = masks.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  // Areas and boxes let most pairs be ruled out without touching pixels.
  const areas = masks.map(maskArea);
  const boxes = masks.map(maskBoundingBox);
  const kept: number[] = [];
  for (const i of order) {
    let suppressed = false;
    for (const k of kept) {
      if (overlapIou(masks[i], masks[k], areas[i], areas[k], boxes[i], boxes[k]) > iouThreshold) {
        suppressed = true;
        break;
      }
    }
    if (!suppressed) kept.push(i);
  }
  return kept;
}

function overlapIou(
  a: BinaryMask,
  b: BinaryMask,
  areaA: number,
  areaB: number,
  boxA: PixelBox | null,
  boxB: PixelBox | null,
): number {
  if (boxA === null || boxB === null) return 0;
  const x0 = Math.max(boxA.x, boxB.x);
  const y0 = Math.max(boxA.y, boxB.y);
  const x1 = Math.min(boxA.x + boxA.width, boxB.x + boxB.width);
  const y1 = Math.min(boxA.y + boxA.height, boxB.y + boxB.height);
  if (x1 <= x0 || y1 <= y0) return 0;
  let inter = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * a.width;
    for (let x = x0; x < x1; x++) if (a.data[row + x] !== 0 && b.data[row + x] !== 0) inter++;
  }
  return inter / (areaA + areaB - inter);
}
