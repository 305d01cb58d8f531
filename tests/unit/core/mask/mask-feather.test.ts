// Box blur and feathered alpha: exact alpha at radius 0, hand-computed ramp values at radius 1.
import { describe, expect, it } from 'vitest';
import { boxBlur, featherMask } from '../../../../native-models/core/mask/mask-feather.ts';
import { drawMask } from './draw-mask.ts';

describe('boxBlur', () => {
  it('averages a (2r+1) window with edge clamping', () => {
    // One row [0, 0, 9, 0, 0], r = 1: means of windows → [0, 3, 3, 3, 0]; a 1-row column pass is identity.
    expect(Array.from(boxBlur([0, 0, 9, 0, 0], 5, 1, 1))).toEqual([0, 3, 3, 3, 0]);
    // Edge clamp: [6, 0, 0], r = 1 → first window (6, 6, 0) = 4, then (6, 0, 0) = 2, (0, 0, 0) = 0.
    expect(Array.from(boxBlur([6, 0, 0], 3, 1, 1))).toEqual([4, 2, 0]);
  });

  it('keeps a constant image constant', () => {
    const out = boxBlur(new Float32Array(20).fill(7), 5, 4, 2);
    expect(Array.from(out).every((v) => Math.abs(v - 7) < 1e-5)).toBe(true);
  });
});

describe('featherMask', () => {
  it('is exactly mask × 255 at radius 0', () => {
    const mask = drawMask(['#..', '.##']);
    expect(Array.from(featherMask(mask, 0))).toEqual([255, 0, 0, 0, 255, 255]);
  });

  it('ramps over 2r+1 pixels at radius 1 (vertical edge, hand-computed thirds)', () => {
    const mask = drawMask(['##..', '##..', '##..']);
    // Row means over x windows: x=0: (255,255,255)/3 = 255; x=1: (255,255,0)/3 = 170; x=2: 85; x=3: 0.
    const alpha = featherMask(mask, 1);
    expect(Array.from(alpha.slice(4, 8))).toEqual([255, 170, 85, 0]);
  });
});
