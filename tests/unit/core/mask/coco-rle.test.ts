// COCO RLE: hand-worked uncompressed and compressed examples (following maskApi.c rleEncode/rleToString
// step by step) and round trips on drawn shapes.
import { describe, expect, it } from 'vitest';
import {
  compressRleCounts,
  decodeRle,
  decompressRleCounts,
  encodeCompressedRle,
  encodeRle,
} from '../../../../native-models/core/mask/coco-rle.ts';
import { discMask, drawMask } from './draw-mask.ts';

describe('uncompressed COCO RLE', () => {
  it('runs down columns, starting with background', () => {
    // Columns (top to bottom): col0 = 0,0  col1 = 1,1  col2 = 1,0  → 0 0 1 1 1 0 → runs 2, 3, 1.
    const mask = drawMask(['.##', '.#.']);
    expect(encodeRle(mask)).toEqual({ size: [2, 3], counts: [2, 3, 1] });
  });

  it('starts with a zero run when the first pixel is foreground', () => {
    expect(encodeRle(drawMask(['#.', '..'])).counts).toEqual([0, 1, 3]);
  });

  it('decodes back to the same mask, including all-empty and all-full', () => {
    for (const rows of [['.##', '.#.'], ['...', '...'], ['###', '###'], ['#.#.', '.#.#', '##..']]) {
      const mask = drawMask(rows);
      expect(decodeRle(encodeRle(mask)).data).toEqual(mask.data);
    }
  });

  it('rejects counts that do not cover the image', () => {
    expect(() => decodeRle({ size: [2, 3], counts: [2, 3] })).toThrow(/sum: got 5, expected 6/);
  });
});

describe('compressed COCO RLE string', () => {
  it('writes small counts as one character each (48 + count), no delta for the first three', () => {
    // 2 → '2', 3 → '3', 1 → '1' (index 2 is not delta-coded: maskApi.c subtracts only for i > 2).
    expect(compressRleCounts([2, 3, 1])).toBe('231');
  });

  it('splits counts >= 16 into 5-bit groups with the 0x20 continuation bit', () => {
    // 20 = 0b10100: low group 20 has bit 0x10 set, so a second group is needed: (20|0x20)+48 = 'd', then 0+48 = '0'.
    // 40: low group 8 | 0x20 → 40+48 = 'X'; rest 1 → '1'.
    expect(compressRleCounts([20])).toBe('d0');
    expect(compressRleCounts([40])).toBe('X1');
  });

  it('delta-codes from the fourth count against the count two places earlier, negative deltas sign-extended', () => {
    // [5, 40, 3, 50]: 5 → '5', 40 → 'X1', 3 → '3', 50 − 40 = 10 → ':' (58).
    expect(compressRleCounts([5, 40, 3, 50])).toBe('5X13:');
    // [1, 20, 1, 4]: 4 − 20 = −16: low 5 bits 16, shifted rest −1 with the sign bit set → stop: 16+48 = '@'.
    expect(compressRleCounts([1, 20, 1, 4])).toBe('1d01@');
    expect(decompressRleCounts('1d01@')).toEqual([1, 20, 1, 4]);
    expect(decompressRleCounts('5X13:')).toEqual([5, 40, 3, 50]);
  });

  it('round-trips large counts exactly (beyond 2^31)', () => {
    const counts = [3_000_000_000, 7, 4_000_000_000, 1, 123_456_789];
    expect(decompressRleCounts(compressRleCounts(counts))).toEqual(counts);
  });

  it('round-trips a drawn disc through mask → string → mask', () => {
    const mask = discMask(37, 23, 15.2, 11.7, 9);
    const rle = encodeCompressedRle(mask);
    expect(rle.size).toEqual([23, 37]);
    expect(decodeRle(rle).data).toEqual(mask.data);
  });

  it('rejects characters outside the alphabet and truncated numbers', () => {
    expect(() => decompressRleCounts('2 3')).toThrow(/character/);
    expect(() => decompressRleCounts('d')).toThrow(/mid-number/);
  });
});
