// Mask IoU, stability score on constructed logits, bounding box and area.
import { describe, expect, it } from 'vitest';
import { maskIou, stabilityScore } from '../../../../native-models/core/mask/mask-scores.ts';
import { createMask, maskArea, maskBoundingBox } from '../../../../native-models/core/mask/binary-mask.ts';
import { drawMask } from './draw-mask.ts';

describe('maskIou', () => {
  it('is |A∩B| / |A∪B|', () => {
    const a = drawMask(['##..', '##..']);
    const b = drawMask(['.##.', '.##.']);
    // intersection = 2 (column 1), union = 6 → 1/3.
    expect(maskIou(a, b)).toBeCloseTo(1 / 3, 12);
    expect(maskIou(a, a)).toBe(1);
    expect(maskIou(createMask(2, 2), createMask(2, 2))).toBe(0);
  });

  it('rejects masks of different sizes', () => {
    expect(() => maskIou(createMask(2, 2), createMask(3, 2))).toThrow(/got 3x2, expected 2x2/);
  });
});

describe('stabilityScore (SAM: count(logit > t+o) / count(logit > t−o))', () => {
  it('matches a hand count on constructed logits', () => {
    // Logits: 4 values > 1, 2 values in (−1, 1], 4 values <= −1 → 4 / 6.
    const logits = new Float32Array([5, 3, 2, 1.5, 0.5, -0.5, -1, -2, -3, -8]);
    expect(stabilityScore(logits, 0, 1)).toBeCloseTo(4 / 6, 12);
  });

  it('is 1 for a confident mask and falls as logits hover near the threshold', () => {
    expect(stabilityScore(new Float32Array([10, 10, -10, -10]))).toBe(1);
    expect(stabilityScore(new Float32Array([0.1, 0.2, -0.3, 10]))).toBeCloseTo(1 / 4, 12);
  });

  it('uses strict comparisons at the thresholds', () => {
    // 1 is not > 1; -1 is not > -1: intersection {2}, union {2, 1, 0} → 1/3.
    expect(stabilityScore(new Float32Array([2, 1, 0, -1]), 0, 1)).toBeCloseTo(1 / 3, 12);
  });

  it('is 0 when the union is empty', () => {
    expect(stabilityScore(new Float32Array([-5, -6]))).toBe(0);
  });
});

describe('maskArea and maskBoundingBox', () => {
  it('count pixels and give the COCO-order box', () => {
    const mask = drawMask(['.....', '..#..', '.##..', '.....']);
    expect(maskArea(mask)).toBe(3);
    expect(maskBoundingBox(mask)).toEqual({ x: 1, y: 1, width: 2, height: 2 });
    expect(maskBoundingBox(createMask(3, 3))).toBeNull();
  });
});
