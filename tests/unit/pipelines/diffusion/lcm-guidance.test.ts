// LCM guidance embedding, checked against the formula of model-contracts.md §2 evaluated by hand.
import { describe, expect, it } from 'vitest';
import { guidanceScaleEmbedding } from '../../../../native-models/pipelines/diffusion/lcm-guidance.ts';

describe('guidanceScaleEmbedding', () => {
  it('is [sin(1000·w·f_k), cos(1000·w·f_k)] with f_k = exp(−k·ln(10000)/(half − 1))', () => {
    const emb = guidanceScaleEmbedding(8.5, 8, 1); // w = 7.5, half = 4, f = [1, 10^-4/3, 10^-8/3, 10^-4]
    const w = 7500;
    const f = [1, 10 ** (-4 / 3), 10 ** (-8 / 3), 1e-4];
    expect(Array.from(emb.subarray(0, 4))).toEqual(f.map((x) => Math.fround(Math.sin(w * x))));
    expect(Array.from(emb.subarray(4))).toEqual(f.map((x) => Math.fround(Math.cos(w * x))));
  });

  it('guidance 1 (w = 0) gives sin = 0, cos = 1, repeated per image', () => {
    const emb = guidanceScaleEmbedding(1, 4, 2);
    expect(Array.from(emb)).toEqual([0, 0, 1, 1, 0, 0, 1, 1]);
  });
});
