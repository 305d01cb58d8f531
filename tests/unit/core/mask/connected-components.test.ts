// Connected components and SAM-style small region removal on drawn masks.
import { describe, expect, it } from 'vitest';
import { labelComponents, removeSmallRegions } from '../../../../native-models/core/mask/connected-components.ts';
import { drawMask, maskRows } from './draw-mask.ts';

describe('labelComponents', () => {
  it('joins diagonal neighbours with 8-connectivity but not with 4', () => {
    const mask = drawMask(['#..', '.#.', '..#', '#..']);
    expect(labelComponents(mask, 8).count).toBe(2);
    expect(labelComponents(mask, 8).areas).toEqual([3, 1]);
    expect(labelComponents(mask, 4).count).toBe(4);
  });
});

describe('removeSmallRegions', () => {
  it("removes islands smaller than the area ('islands')", () => {
    const mask = drawMask(['##...', '##..#', '.....', '...##']);
    expect(maskRows(removeSmallRegions(mask, 3, 'islands'))).toEqual(['##...', '##...', '.....', '.....']);
  });

  it('keeps the largest island when every island is small (as SAM does)', () => {
    const mask = drawMask(['#...#', '....#', '.....']);
    expect(maskRows(removeSmallRegions(mask, 10, 'islands'))).toEqual(['....#', '....#', '.....']);
  });

  it("fills holes smaller than the area ('holes'), leaving big background alone", () => {
    const mask = drawMask(['#####.....', '#.#.#.....', '#####.....']);
    // Two 1-px holes are filled; the 15-px background on the right is not.
    expect(maskRows(removeSmallRegions(mask, 3, 'holes'))).toEqual(['#####.....', '#####.....', '#####.....']);
  });
});
