// Greedy mask NMS keeps the best-scored mask of each overlapping group and every disjoint one.
import { describe, expect, it } from 'vitest';
import { maskNms } from '../../../../native-models/core/mask/mask-nms.ts';
import { drawMask } from './draw-mask.ts';

describe('maskNms', () => {
  const big = drawMask(['####....', '####....', '####....', '####....']); // 16 px
  const nearlyBig = drawMask(['####....', '####....', '####....', '###.....']); // 15 px, IoU with big 15/16
  const right = drawMask(['.....###', '.....###', '........', '........']); // disjoint
  const half = drawMask(['##......', '##......', '##......', '##......']); // IoU with big 8/16 = 0.5

  it('drops a near-duplicate with the lower score and keeps disjoint masks', () => {
    expect(maskNms([nearlyBig, right, big], [0.8, 0.5, 0.9], 0.7)).toEqual([2, 1]);
  });

  it('keeps the near-duplicate instead when it scores higher', () => {
    expect(maskNms([nearlyBig, right, big], [0.95, 0.5, 0.9], 0.7)).toEqual([0, 1]);
  });

  it('suppresses only above the threshold (IoU 0.5 survives 0.5, not 0.4)', () => {
    expect(maskNms([big, half], [0.9, 0.8], 0.5)).toEqual([0, 1]);
    expect(maskNms([big, half], [0.9, 0.8], 0.4)).toEqual([0]);
  });

  it('is greedy: a mask suppressed by a kept one does not suppress others', () => {
    const a = drawMask(['####....']);
    const b = drawMask(['..####..']); // IoU(a, b) = 2/6, IoU(b, c) = 2/6
    const c = drawMask(['....####']); // IoU(a, c) = 0
    expect(maskNms([a, b, c], [0.9, 0.8, 0.7], 0.3)).toEqual([0, 2]);
  });

  it('checks that every mask has a score', () => {
    expect(() => maskNms([big], [1, 2], 0.5)).toThrow(/got 2, expected one per mask \(1\)/);
  });
});
