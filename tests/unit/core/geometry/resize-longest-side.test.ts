// SAM's ResizeLongestSide rules, worked by hand: new = int(old·1024/max + 0.5); coords scale by new/old per axis.
import { describe, expect, it } from 'vitest';
import { ResizeLongestSideTransform, resizeLongestSide } from '../../../../native-models/core/geometry/resize-longest-side.ts';

describe('resizeLongestSide', () => {
  it.each([
    [1500, 900, 1024, 614], // 900·1024/1500 = 614.4 → 614
    [900, 1500, 614, 1024],
    [37, 23, 1024, 637], // 23·1024/37 = 636.54 → 637
    [1024, 1024, 1024, 1024],
    [640, 480, 1024, 768],
    [513, 257, 1024, 513], // 257·1024/513 = 512.998 → 513
  ])('%i×%i → %i×%i', (w, h, nw, nh) => {
    expect(resizeLongestSide(w, h, 1024)).toEqual({ width: nw, height: nh });
  });
});

describe('ResizeLongestSideTransform', () => {
  const t = new ResizeLongestSideTransform(1024);

  it('maps points with the rounded new size per axis', () => {
    // 37×23 → 1024×637: sx = 1024/37 = 27.6757, sy = 637/23 = 27.6957
    const [p] = t.applyCoords([{ x: 10, y: 10 }], { width: 37, height: 23 });
    expect(p!.x).toBeCloseTo(276.757, 3);
    expect(p!.y).toBeCloseTo(276.957, 3);
  });

  it('maps boxes corner by corner', () => {
    expect(t.applyBoxes([[0, 0, 750, 450]], { width: 1500, height: 900 })).toEqual([[0, 0, 512, (450 * 614) / 900]]);
  });
});
