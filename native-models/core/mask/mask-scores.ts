// Mask quality measures: intersection-over-union of two masks, and SAM's stability score of mask logits.

import { TesseraError } from '../../api/errors.ts';
import { assertSameMaskSize } from './binary-mask.ts';
import type { BinaryMask } from './binary-mask.ts';

/** |a ∩ b| / |a ∪ b|; two empty masks have IoU 0 (nothing to agree on). */
export function maskIou(a: BinaryMask, b: BinaryMask): number {
  assertSameMaskSize(a, b);
  let inter = 0;
  let union = 0;
  for (let i = 0; i < a.data.length; i++) {
    const p = a.data[i] !== 0;
    const q = b.data[i] !== 0;
    if (p && q) inter++;
    if (p || q) union++;
  }
  return union === 0 ? 0 : inter / union;
}

/**
 * SAM's stability score (segment_anything/utils/amg.py calculate_stability_score): the IoU of the masks
 * obtained by thresholding the logits at `threshold + offset` and at `threshold - offset`. The first is a
 * subset of the second, so it is count(logit > t + o) / count(logit > t − o). SAM uses threshold 0 (the
 * mask threshold) and offset 1. An empty union gives 0 where SAM gets NaN; both fail any stability filter.
 */
export function stabilityScore(logits: ArrayLike<number>, threshold = 0, offset = 1): number {
  if (!(offset >= 0)) {
    throw new TesseraError('INVALID_ARGUMENT', `stability offset: got ${offset}, expected a number >= 0`);
  }
  const high = threshold + offset;
  const low = threshold - offset;
  let inter = 0;
  let union = 0;
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i];
    if (v > high) inter++;
    if (v > low) union++;
  }
  return union === 0 ? 0 : inter / union;
}
