// DPM++ SDE (Karras): the doubled schedule with log-σ midpoints and the Brownian-consistent noise substitute,
// checked against hand derivations from diffusers' DPMSolverSDEScheduler formulas.
import { describe, expect, it } from 'vitest';
import type { NoiseSource } from '../../../../native-models/core/noise-source.ts';
import { createScheduler } from '../../../../native-models/core/schedulers/create-scheduler.ts';

const SD15 = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, steps_offset: 1 };
const SIGMA_MAX = 14.6146; // σ(t = 999) of SD's schedule
const SIGMA_MIN = Math.sqrt(0.00085 / (1 - 0.00085)); // σ(t = 0) = √(β_0/(1 − β_0))

/** Hands out the queued arrays in order, so a test controls each draw. */
class QueuedNoise implements NoiseSource {
  constructor(private readonly queue: Float32Array[]) {}
  randn(count: number): Float32Array {
    const next = this.queue.shift();
    if (!next || next.length !== count) throw new Error(`unexpected draw of ${count}`);
    return next;
  }
}

describe('DPM++ SDE Karras schedule', () => {
  it('2 steps: σ = [σ_max, σ_min] doubled after the first, and the midpoint timestep sits at √(σ_max·σ_min)', () => {
    const s = createScheduler('dpmpp_sde_karras', SD15);
    s.setTimesteps(2);
    // Karras with 2 points is just its end points; the schedule repeats every σ but the first, then 0
    expect(s.sigmas![0]).toBeCloseTo(SIGMA_MAX, 3);
    expect(s.sigmas![1]).toBeCloseTo(SIGMA_MIN, 6);
    expect(s.sigmas![2]).toBe(s.sigmas![1]);
    expect(s.sigmas![3]).toBe(0);
    expect(s.order).toBe(2);
    // t = −ln σ halfway ⇒ σ_mid = √(σ_max·σ_min) ≈ 0.6529, between training σ(233) and σ(234)
    expect(s.timesteps).toHaveLength(3);
    expect(s.timesteps[0]).toBeCloseTo(999, 5);
    expect(s.timesteps[1]).toBeGreaterThan(233);
    expect(s.timesteps[1]).toBeLessThan(234);
    expect(s.timesteps[2]).toBe(0);
  });

  it('scales the second evaluation by the midpoint σ', () => {
    const s = createScheduler('dpmpp_sde_karras', SD15);
    s.setTimesteps(2);
    const [t0, tMid] = s.timesteps as [number, number];
    const x = Float32Array.of(1);
    expect(s.scaleModelInput(x, t0)[0]).toBeCloseTo(1 / Math.sqrt(s.sigmas![0]! ** 2 + 1), 6);
    s.step(Float32Array.of(0), t0, x, new QueuedNoise([Float32Array.of(0)]));
    const mid = Math.sqrt(s.sigmas![0]! * s.sigmas![1]!);
    expect(s.scaleModelInput(x, tMid)[0]).toBeCloseTo(1 / Math.sqrt(mid * mid + 1), 5);
  });
});

describe('DPM++ SDE noise substitute', () => {
  it('the full step reuses the half-step draw: w = (z₁√d₁ + z₂√d₂)/√(d₁+d₂) scaled by σ_up', () => {
    // two runs that differ only in the second draw z₂ (0 vs 1): the outputs differ by σ_up·√d₂/√(d₁+d₂)
    const run = (z2: number) => {
      const s = createScheduler('dpmpp_sde_karras', SD15);
      s.setTimesteps(3);
      const noise = new QueuedNoise([Float32Array.of(0.7), Float32Array.of(z2)]);
      const [t0, tMid] = s.timesteps as [number, number];
      const half = s.step(Float32Array.of(0.1), t0, Float32Array.of(2), noise).prevSample;
      return { s, out: s.step(Float32Array.of(0.1), tMid, half, noise).prevSample[0]! };
    };
    const { s, out: a } = run(0);
    const { out: b } = run(1);
    const sigma = s.sigmas![0]!;
    const next = s.sigmas![1]!;
    const mid = Math.sqrt(sigma * next);
    const up = Math.min(next, Math.sqrt((next * next * (sigma * sigma - next * next)) / (sigma * sigma)));
    const d1 = sigma - mid;
    const d2 = mid - next;
    expect(b - a).toBeCloseTo((up * Math.sqrt(d2)) / Math.sqrt(d1 + d2), 5);
  });

  it('needs a noise source, except on the last (Euler) step', () => {
    const s = createScheduler('dpmpp_sde_karras', SD15);
    s.setTimesteps(2);
    expect(() => s.step(Float32Array.of(0), s.timesteps[0]!, Float32Array.of(1))).toThrow(/got no noise source/);
    const last = createScheduler('dpmpp_sde_karras', SD15);
    last.setTimesteps(2);
    // ε = 0.5 at σ_min: the Euler step to σ = 0 returns x − σ·ε
    const t = last.timesteps.at(-1)!;
    const out = last.step(Float32Array.of(0.5), t, Float32Array.of(1)).prevSample[0]!;
    expect(out).toBeCloseTo(1 - SIGMA_MIN * 0.5, 6);
  });
});
