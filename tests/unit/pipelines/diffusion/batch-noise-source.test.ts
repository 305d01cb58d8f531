// Batch noise: image k's share comes only from its own generator, in order (diffusers' list-of-generators rule).
import { describe, expect, it } from 'vitest';
import { BatchNoiseSource } from '../../../../native-models/pipelines/diffusion/batch-noise-source.ts';
import type { NoiseSource } from '../../../../native-models/core/noise-source.ts';

/** A counting source: returns start, start+1, … so the order of draws is visible. */
function counter(start: number): NoiseSource {
  let next = start;
  return { randn: (n) => Float32Array.from({ length: n }, () => next++) };
}

describe('BatchNoiseSource', () => {
  it('fills each image share from its own generator and keeps each stream going across calls', () => {
    const source = new BatchNoiseSource([counter(0), counter(100)]);
    expect(Array.from(source.randn(4))).toEqual([0, 1, 100, 101]);
    expect(Array.from(source.randn(2))).toEqual([2, 102]);
  });

  it('rejects a count that does not split over the images', () => {
    expect(() => new BatchNoiseSource([counter(0), counter(0)]).randn(3)).toThrow(/cannot split 3 samples over 2 images/);
  });
});
