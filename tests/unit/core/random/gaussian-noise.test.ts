// gaussianNoise = one torch.randn(shape) on a fresh CPU generator. Expected values printed by torch 1.13.0 CPU (AVX2):
//   torch.randn(shape, generator=torch.Generator("cpu").manual_seed(seed)).flatten()[i]; sums in float64.
import { describe, expect, it } from 'vitest';
import { gaussianNoise } from '../../../../native-models/core/random/gaussian-noise.ts';

function sum(v: Float32Array): number {
  let s = 0;
  for (const x of v) s += x;
  return s;
}

describe('gaussianNoise', () => {
  it('SD 1.x 512×512 latents, seed 0, shape [1,4,64,64]', () => {
    const v = gaussianNoise(0, [1, 4, 64, 64]);
    expect(v.length).toBe(16384);
    const picks = [0, 1, 4095, 4096, 10000, 16383].map((i) => v[i]);
    expect(picks).toEqual([
      -1.1258398294448853, -1.152360200881958, 0.6019821166992188, 1.947645664215088, -1.9876643419265747,
      -1.0782079696655273,
    ]);
    // Bit-exact values give the float64 sum to rounding noise of the summation order only.
    expect(sum(v)).toBeCloseTo(-124.11269989912398, 9);
  });

  it('batch of two 768×512 latents, seed 1234, shape [2,4,96,64], is one draw over 49152 elements', () => {
    const v = gaussianNoise(1234, [2, 4, 96, 64]);
    expect([0, 7, 24575, 49151].map((i) => v[i])).toEqual([
      -0.1117185652256012, -0.46749794483184814, -0.30938518047332764, -0.12157158553600311,
    ]);
    expect(sum(v)).toBeCloseTo(55.85762142988824, 9);
  });

  it('is deterministic and depends on the seed', () => {
    expect(gaussianNoise(99, [2, 3, 5])).toEqual(gaussianNoise(99, [2, 3, 5]));
    expect(gaussianNoise(99, [30])[0]).not.toBe(gaussianNoise(98, [30])[0]);
  });

  it('rejects non-integer or negative dims', () => {
    expect(() => gaussianNoise(0, [1, -4])).toThrow(RangeError);
    expect(() => gaussianNoise(0, [2.5])).toThrow(RangeError);
  });
});
