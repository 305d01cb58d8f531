// mulberry32: deterministic per seed, uniform on [0, 1).
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../../native-models/core/random/mulberry32.ts';

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('stays in [0, 1) with a mean near 1/2', () => {
    const next = mulberry32(7);
    let sum = 0;
    for (let i = 0; i < 20000; i++) {
      const v = next();
      expect(v >= 0 && v < 1).toBe(true);
      sum += v;
    }
    // the standard error of the mean of 20,000 uniforms is 0.002; 0.01 is five of them
    expect(Math.abs(sum / 20000 - 0.5)).toBeLessThan(0.01);
  });
});
