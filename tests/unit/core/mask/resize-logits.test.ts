// Bilinear logit upsampling with PyTorch's align_corners=False rule (expected values: F.interpolate of
// [[0, 1], [2, 3]] to 4×4, worked by hand from src = (dst + 0.5)/2 − 0.5 clamped at 0).
import { describe, expect, it } from 'vitest';
import { resizeLogitsBilinear } from '../../../../native-models/core/mask/resize-logits.ts';

describe('resizeLogitsBilinear', () => {
  it('2×2 → 4×4 matches F.interpolate(bilinear, align_corners=False)', () => {
    const out = resizeLogitsBilinear(Float32Array.of(0, 1, 2, 3), 1, 2, 2, 4, 4);
    expect(Array.from(out)).toEqual([0, 0.25, 0.75, 1, 0.5, 0.75, 1.25, 1.5, 1.5, 1.75, 2.25, 2.5, 2, 2.25, 2.75, 3]);
  });

  it('resizes each mask of a stack on its own, to a non-square size', () => {
    const stack = Float32Array.of(1, 1, 1, 1, -5, -5, -5, -5);
    const out = resizeLogitsBilinear(stack, 2, 2, 2, 3, 1);
    expect(Array.from(out)).toEqual([1, 1, 1, -5, -5, -5]);
  });
});
