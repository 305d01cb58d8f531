// --bgcolor: a cut-out laid over a solid colour with the "over" operator.
import { describe, expect, it } from 'vitest';
import { flattenOnColor } from '../../../native-models/image/background-color.ts';

describe('flattenOnColor', () => {
  it('transparent → the colour, opaque → the pixel, half → the mix; opaque colour gives opaque alpha', () => {
    const cutout = { width: 3, height: 1, channels: 4 as const, data: Uint8Array.from([200, 100, 0, 0, 200, 100, 0, 255, 200, 100, 0, 128]) };
    const out = flattenOnColor(cutout, [0, 0, 255, 255]);
    expect(Array.from(out.data)).toEqual([0, 0, 255, 255, 200, 100, 0, 255, 100, 50, 127, 255]);
  });

  it('a transparent colour keeps the cut-out as it is', () => {
    const cutout = { width: 1, height: 1, channels: 4 as const, data: Uint8Array.from([10, 20, 30, 128]) };
    expect(Array.from(flattenOnColor(cutout, [255, 0, 0, 0]).data)).toEqual([10, 20, 30, 128]);
  });

  it('a colour out of range is INVALID_ARGUMENT', () => {
    const cutout = { width: 1, height: 1, channels: 4 as const, data: new Uint8Array(4) };
    expect(() => flattenOnColor(cutout, [256, 0, 0, 255])).toThrow(/got \[256, 0, 0, 255\], expected 4 integers 0–255/);
  });
});
