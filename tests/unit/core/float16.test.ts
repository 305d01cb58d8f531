// float32 ⇄ float16 conversion: exact bit patterns from IEEE 754-2008 binary16 (worked out by hand).
import { describe, expect, it } from 'vitest';
import { float16BitsToFloat32, float32ToFloat16Bits, float32ToHalfBits, halfBitsToFloat32 } from '../../../native-models/core/float16.ts';

describe('float32ToHalfBits', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff], // largest finite half
    [65520, 0x7c00], // rounds up to +inf (halfway between 65504 and 65536, ties to even = inf)
    [1e6, 0x7c00],
    [-1e6, 0xfc00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -15, 0x0200], // a subnormal
    [2 ** -25, 0x0000], // exactly half the smallest subnormal: ties to even → 0
    [1.5 * 2 ** -25, 0x0001], // above the halfway point → rounds up
    [1 + 2 ** -11, 0x3c00], // halfway between 1 and 1+2^-10: ties to even (down)
    [1 + 3 * 2 ** -11, 0x3c02], // halfway between 1+2^-10 and 1+2^-9: ties to even (up)
    [0.1, 0x2e66], // 0.0999755859375 is nearest
  ])('%s → 0x%s', (value, bits) => {
    expect(float32ToHalfBits(value)).toBe(bits);
  });

  it('keeps NaN as NaN', () => {
    const bits = float32ToHalfBits(Number.NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x03ff).not.toBe(0);
    expect(Number.isNaN(halfBitsToFloat32(bits))).toBe(true);
  });
});

describe('halfBitsToFloat32', () => {
  it.each([
    [0x3c00, 1],
    [0xc000, -2],
    [0x7bff, 65504],
    [0x0001, 2 ** -24],
    [0x03ff, 1023 * 2 ** -24], // largest subnormal
    [0x0400, 2 ** -14],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('0x%s → %s', (bits, value) => {
    expect(halfBitsToFloat32(bits)).toBe(value);
  });

  it('decodes negative zero', () => {
    expect(Object.is(halfBitsToFloat32(0x8000), -0)).toBe(true);
  });
});

describe('array conversion', () => {
  it('round-trips every finite half exactly through float32 (table decoder agrees with the scalar one)', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const floats = float16BitsToFloat32(all);
    const back = float32ToFloat16Bits(floats);
    for (let i = 0; i < 65536; i++) {
      const isNaN = (i & 0x7c00) === 0x7c00 && (i & 0x3ff) !== 0;
      if (isNaN) expect(Number.isNaN(floats[i])).toBe(true);
      else {
        expect(back[i]).toBe(i);
        expect(floats[i]).toBe(halfBitsToFloat32(i));
      }
    }
  });
});
