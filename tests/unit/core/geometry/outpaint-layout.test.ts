// Outpaint canvas layout and the hires fix size: rounding to multiples of 8 goes to an extended side and never moves
// the original off the requested offset.
import { describe, expect, it } from 'vitest';
import { outpaintLayout } from '../../../../native-models/core/geometry/outpaint-layout.ts';
import { hiresTargetSize } from '../../../../native-models/core/geometry/hires-size.ts';

describe('outpaintLayout', () => {
  it('puts the rounding on the far side when it grows, keeping the original at (left, top)', () => {
    expect(outpaintLayout(44, 40, { left: 10, right: 5, top: 0, bottom: 3 })).toEqual({ width: 64, height: 48, originX: 10, originY: 0, added: { left: 10, right: 10, top: 0, bottom: 8 } });
  });
  it('when only the near side grows, the rounding goes there (nothing appears on the untouched side)', () => {
    expect(outpaintLayout(64, 64, { left: 30, right: 0, top: 13, bottom: 0 })).toMatchObject({ width: 96, height: 80, originX: 32, originY: 16 });
  });
  it('an axis that is not extended but not a multiple of 8 grows on its far side', () => {
    expect(outpaintLayout(44, 40, { left: 0, right: 0, top: 8, bottom: 0 })).toMatchObject({ width: 48, height: 48, originX: 0, originY: 8, added: { right: 4 } });
  });
});

describe('hiresTargetSize', () => {
  it('floors base × scale to multiples of 8, as A1111 sizes the latents', () => {
    expect(hiresTargetSize(512, 512, 2)).toEqual({ width: 1024, height: 1024 });
    expect(hiresTargetSize(512, 768, 1.3)).toEqual({ width: 664, height: 992 });
    expect(hiresTargetSize(70, 80, 1.6)).toEqual({ width: 112, height: 128 });
  });
});
