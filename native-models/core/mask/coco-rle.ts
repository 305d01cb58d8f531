// COCO run-length encoding of masks, uncompressed (`counts: number[]`) and compressed (`counts: string`),
// bit-compatible with pycocotools (`mask.encode` / `mask.decode`, maskApi.c rleEncode/rleToString).
//
// Runs are taken in COLUMN-MAJOR order (down each column, columns left to right) and alternate
// background/foreground, starting with background: a mask whose first pixel is foreground starts with 0.
// `size` is [height, width], as in COCO annotation files.

import { TesseraError } from '../../api/errors.ts';
import type { BinaryMask } from './binary-mask.ts';

export interface CocoRle {
  /** [height, width] */
  size: [number, number];
  counts: number[];
}

export interface CocoCompressedRle {
  /** [height, width] */
  size: [number, number];
  counts: string;
}

/** Uncompressed COCO RLE of a mask. */
export function encodeRle(mask: BinaryMask): CocoRle {
  const { width, height, data } = mask;
  const counts: number[] = [];
  let current = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = data[y * width + x] !== 0 ? 1 : 0;
      if (v !== current) {
        counts.push(run);
        run = 0;
        current = v;
      }
      run++;
    }
  }
  counts.push(run);
  return { size: [height, width], counts };
}

/** Compressed COCO RLE (the string form pycocotools writes into annotation JSON). */
export function encodeCompressedRle(mask: BinaryMask): CocoCompressedRle {
  const rle = encodeRle(mask);
  return { size: rle.size, counts: compressRleCounts(rle.counts) };
}

/** Decodes either RLE form back to a mask; the counts must cover exactly height × width pixels. */
export function decodeRle(rle: CocoRle | CocoCompressedRle): BinaryMask {
  const [height, width] = rle.size;
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 0 || width < 0) {
    throw new TesseraError('INVALID_ARGUMENT', `RLE size: got [${rle.size.join(', ')}], expected [height, width]`);
  }
  const counts = typeof rle.counts === 'string' ? decompressRleCounts(rle.counts) : rle.counts;
  const total = width * height;
  let sum = 0;
  for (const c of counts) {
    if (!Number.isInteger(c) || c < 0) {
      throw new TesseraError('INVALID_ARGUMENT', `RLE counts: got ${c}, expected non-negative integers`);
    }
    sum += c;
  }
  if (sum !== total) {
    throw new TesseraError('INVALID_ARGUMENT', `RLE counts sum: got ${sum}, expected ${total} (${height}x${width})`);
  }
  const data = new Uint8Array(total);
  let pos = 0; // position in column-major order
  let value = 0;
  for (const c of counts) {
    if (value === 1) {
      for (let k = pos; k < pos + c; k++) {
        const x = Math.floor(k / height);
        const y = k - x * height;
        data[y * width + x] = 1;
      }
    }
    pos += c;
    value ^= 1;
  }
  return { width, height, data };
}

// The string form, as maskApi.c rleToString: each count (from the 4th on, minus the count two places
// earlier) is a signed number written 5 bits per character, least significant first; bit 0x20 says
// "more characters follow", bit 0x10 of the last character is the sign; characters are offset by 48.
// Arithmetic (not bit operators) keeps counts above 2^31 exact.

/** Counts → pycocotools' compressed string. */
export function compressRleCounts(counts: readonly number[]): string {
  let s = '';
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i];
    if (i > 2) x -= counts[i - 2];
    let more = true;
    while (more) {
      let c = ((x % 32) + 32) % 32; // x & 0x1f, also for negative x
      x = Math.floor(x / 32); // arithmetic shift right
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      s += String.fromCharCode(c + 48);
    }
  }
  return s;
}

/** pycocotools' compressed string → counts. */
export function decompressRleCounts(s: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    let more = true;
    while (more) {
      if (p >= s.length) {
        throw new TesseraError('INVALID_ARGUMENT', `compressed RLE: got a string ending mid-number, expected complete counts`);
      }
      const c = s.charCodeAt(p) - 48;
      if (c < 0 || c > 63) {
        throw new TesseraError('INVALID_ARGUMENT', `compressed RLE: got character '${s[p]}', expected ASCII 48–111`);
      }
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
      if (!more && (c & 0x10) !== 0) x -= 2 ** (5 * k); // sign-extend
    }
    if (counts.length > 2) x += counts[counts.length - 2];
    counts.push(x);
  }
  return counts;
}
