// SAM 2's stretch: prompts scale per axis (x·1024/W, y·1024/H), unlike SAM 1's ResizeLongestSide.
import { describe, expect, it } from 'vitest';
import { StretchTransform } from '../../../../native-models/core/geometry/stretch-transform.ts';
import { ResizeLongestSideTransform } from '../../../../native-models/core/geometry/resize-longest-side.ts';

describe('StretchTransform', () => {
  const size = { width: 1600, height: 900 };

  it('maps each axis to the full 1024 frame', () => {
    expect(new StretchTransform().applyCoords([{ x: 1600, y: 900 }, { x: 800, y: 450 }], size)).toEqual([
      { x: 1024, y: 1024 },
      { x: 512, y: 512 },
    ]);
    expect(new StretchTransform().applyBoxes([[160, 90, 320, 180]], size)).toEqual([[102.4, 102.4, 204.8, 204.8]]);
  });

  it('differs from the letterbox mapping on a non-square image (y would land at 576·y/900)', () => {
    const [letterboxed] = new ResizeLongestSideTransform().applyCoords([{ x: 800, y: 450 }], size);
    expect(letterboxed!.y).toBeCloseTo(288, 6);
    expect(new StretchTransform().applyCoords([{ x: 800, y: 450 }], size)[0]!.y).toBe(512);
  });
});
