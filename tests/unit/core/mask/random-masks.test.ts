// Cross-checks on seeded random masks: exact polygon and RLE round trips (saddles included), and
// grow/shrink against brute-force definitions of the structuring elements.
import { describe, expect, it } from 'vitest';
import { maskToPolygons, polygonsToMask } from '../../../../native-models/core/mask/mask-polygons.ts';
import { decodeRle, encodeCompressedRle } from '../../../../native-models/core/mask/coco-rle.ts';
import { growMask, shrinkMask } from '../../../../native-models/core/mask/mask-morphology.ts';
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import { mulberry32 as rng } from '../../../../native-models/core/random/mulberry32.ts';


function randomMask(width: number, height: number, density: number, seed: number): BinaryMask {
  const next = rng(seed);
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = next() < density ? 1 : 0;
  return { width, height, data };
}

function bruteGrow(mask: BinaryMask, r: number, shape: 'disc' | 'square'): Uint8Array {
  const { width, height, data } = mask;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let dy = -r; dy <= r && !out[y * width + x]; dy++) {
        for (let dx = -r; dx <= r; dx++) {
          if (shape === 'disc' && dx * dx + dy * dy > r * r) continue;
          const sx = x + dx;
          const sy = y + dy;
          if (sx >= 0 && sy >= 0 && sx < width && sy < height && data[sy * width + sx]) {
            out[y * width + x] = 1;
            break;
          }
        }
      }
    }
  }
  return out;
}

describe('random masks', () => {
  const cases = [
    [13, 9, 0.5, 1],
    [20, 17, 0.3, 2],
    [31, 5, 0.7, 3],
    [1, 12, 0.5, 4],
    [16, 16, 0.05, 5],
  ] as const;

  it('polygons at tolerance 0 rasterise back to the same mask', () => {
    for (const [w, h, d, s] of cases) {
      const mask = randomMask(w, h, d, s);
      expect(Array.from(polygonsToMask(maskToPolygons(mask, { tolerance: 0 }), w, h).data)).toEqual(Array.from(mask.data));
    }
  });

  it('compressed RLE decodes back to the same mask', () => {
    for (const [w, h, d, s] of cases) {
      const mask = randomMask(w, h, d, s);
      expect(Array.from(decodeRle(encodeCompressedRle(mask)).data)).toEqual(Array.from(mask.data));
    }
  });

  it('grow matches brute force for discs and squares of radius 1–4', () => {
    for (const [w, h, , s] of cases) {
      const mask = randomMask(w, h, 0.08, s + 10);
      for (const r of [1, 2, 3, 4]) {
        for (const shape of ['disc', 'square'] as const) {
          expect(Array.from(growMask(mask, r, shape).data)).toEqual(Array.from(bruteGrow(mask, r, shape)));
        }
      }
    }
  });

  it('shrink is the complement of growing the complement', () => {
    const mask = randomMask(19, 14, 0.8, 42);
    const inverted = { ...mask, data: mask.data.map((v) => 1 - v) };
    const expected = bruteGrow(inverted, 2, 'disc').map((v) => 1 - v);
    expect(Array.from(shrinkMask(mask, 2, 'disc').data)).toEqual(Array.from(expected));
  });
});
