// Grow/shrink with disc and square elements, checked against hand-drawn results.
import { describe, expect, it } from 'vitest';
import { growMask, shrinkMask } from '../../../../native-models/core/mask/mask-morphology.ts';
import { drawMask, maskRows } from './draw-mask.ts';

const dot = drawMask(['.....', '.....', '..#..', '.....', '.....']);

describe('growMask', () => {
  it('square radius 1 gives a 3×3 block', () => {
    expect(maskRows(growMask(dot, 1, 'square'))).toEqual(['.....', '.###.', '.###.', '.###.', '.....']);
  });

  it('disc radius 1 gives a plus (diagonals are √2 away)', () => {
    expect(maskRows(growMask(dot, 1, 'disc'))).toEqual(['.....', '..#..', '.###.', '..#..', '.....']);
  });

  it('disc radius 2 includes (±1, ±1) (distance √2 ≤ 2) but not (±2, ±1) (√5 > 2)', () => {
    expect(maskRows(growMask(dot, 2, 'disc'))).toEqual(['..#..', '.###.', '#####', '.###.', '..#..']);
  });

  it('radius 0 is a copy and an empty mask stays empty', () => {
    expect(maskRows(growMask(dot, 0))).toEqual(maskRows(dot));
    expect(maskRows(growMask(drawMask(['...', '...']), 3))).toEqual(['...', '...']);
  });

  it('rejects negative or fractional radii', () => {
    expect(() => growMask(dot, -1)).toThrow(/got -1/);
    expect(() => growMask(dot, 1.5)).toThrow(/got 1.5/);
  });
});

describe('shrinkMask', () => {
  it('undoes a grow of an isolated block (square, radius 1)', () => {
    const block = drawMask(['.......', '.......', '..###..', '..###..', '..###..', '.......', '.......']);
    expect(maskRows(shrinkMask(growMask(block, 1, 'square'), 1, 'square'))).toEqual(maskRows(block));
  });

  it('peels one pixel off a 5×5 block, but not from the image border side', () => {
    const mask = drawMask(['#####.', '#####.', '#####.', '#####.', '#####.']);
    // The left, top and bottom sides touch the border, which counts as foreground, so only the right side moves.
    expect(maskRows(shrinkMask(mask, 1, 'square'))).toEqual(['####..', '####..', '####..', '####..', '####..']);
  });
});
