// logitsToMask: threshold at 0 (SAM's mask_threshold) with area and bounding box from the same pass.
import { describe, expect, it } from 'vitest';
import { logitsToMask } from '../../../../native-models/pipelines/segment/logits-to-mask.ts';

describe('logitsToMask', () => {
  it('foreground is logit > 0 (0 itself is background); area and box by hand', () => {
    // 4×3 logits; positives at (1,0), (3,1), (2,2); the 0 at (0,1) stays background
    // prettier-ignore
    const logits = Float32Array.of(
      -1, 2.5, -3, -0.1,
       0, -1, -1, 7,
      -2, -1, 0.01, -5,
    );
    const { mask, area, box } = logitsToMask(logits, 4, 3);
    expect(Array.from(mask.data)).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0]);
    expect(area).toBe(3);
    // x from 1 to 3, y from 0 to 2 → (1, 0) and 3 × 3
    expect(box).toEqual({ x: 1, y: 0, width: 3, height: 3 });
    expect([mask.width, mask.height]).toEqual([4, 3]);
  });

  it('an all-negative mask is empty with no box', () => {
    const { mask, area, box } = logitsToMask(new Float32Array(6).fill(-1), 3, 2);
    expect(area).toBe(0);
    expect(box).toBeNull();
    expect(mask.data.every((v) => v === 0)).toBe(true);
  });

  it('a single foreground row in the middle gives a one-row box', () => {
    const logits = new Float32Array(5 * 4).fill(-1);
    logits.fill(1, 2 * 5 + 1, 2 * 5 + 4); // row 2, x = 1..3
    expect(logitsToMask(logits, 5, 4)).toMatchObject({ area: 3, box: { x: 1, y: 2, width: 3, height: 1 } });
  });
});
