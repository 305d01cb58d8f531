// Single steps on two-element tensors against the update formulas written out by hand (Karras et al. 2022
// algorithms 1–2 for Euler/Heun, k-diffusion's ancestral split, DPM-Solver++ eq. (9) first order), using the
// scheduler's own σ so the check is on the update, not on the schedule (schedules are tested elsewhere).
import { describe, expect, it } from 'vitest';
import type { NoiseSource } from '../../../../native-models/core/noise-source.ts';
import { createScheduler } from '../../../../native-models/core/schedulers/create-scheduler.ts';

const SD15 = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, steps_offset: 1 };
const X = Float32Array.of(1, 2);
const EPS = Float32Array.of(0.5, -0.5);
const fixedNoise = (values: number[]): NoiseSource => ({ randn: () => Float32Array.from(values) });

describe('one step', () => {
  it('Euler, SD-Turbo style (trailing, 1 step): x0 = x − σ·ε and the step lands on it', () => {
    const s = createScheduler('euler', { ...SD15, timestep_spacing: 'trailing' });
    s.setTimesteps(1);
    const sigma = s.sigmas![0]!;
    const { prevSample, predOriginalSample } = s.step(EPS, 999, X);
    expect(prevSample[0]).toBeCloseTo(1 - sigma * 0.5, 4);
    expect(prevSample[1]).toBeCloseTo(2 + sigma * 0.5, 4);
    expect(Array.from(predOriginalSample)).toEqual(Array.from(prevSample));
  });

  it('Euler a: Euler to σ_down = √(σ₁² − σ_up²), then σ_up·z with σ_up = σ₁·√(σ₀² − σ₁²)/σ₀', () => {
    const s = createScheduler('euler_a', SD15);
    s.setTimesteps(2);
    const [s0, s1] = s.sigmas as [number, number];
    const up = Math.sqrt((s1 * s1 * (s0 * s0 - s1 * s1)) / (s0 * s0));
    const down = Math.sqrt(s1 * s1 - up * up);
    const { prevSample } = s.step(EPS, s.timesteps[0]!, X, fixedNoise([1, -1]));
    expect(prevSample[0]).toBeCloseTo(1 + 0.5 * (down - s0) + up, 4);
    expect(prevSample[1]).toBeCloseTo(2 - 0.5 * (down - s0) - up, 4);
  });

  it('Heun: the corrector averages the slopes of both evaluations over the same Δσ', () => {
    const s = createScheduler('heun', SD15);
    s.setTimesteps(2);
    const [s0, s1] = s.sigmas as [number, number];
    const [t0, t1] = s.timesteps as [number, number];
    const predicted = s.step(EPS, t0, X).prevSample;
    expect(predicted[0]).toBeCloseTo(1 + 0.5 * (s1 - s0), 4);
    // second evaluation at σ₁ returns ε₂ = (0.1, 0.3): slope₂ = ε₂, final = x + (ε₁ + ε₂)/2 · (σ₁ − σ₀)
    // (3 decimals: slope₂ = (x − x0)/σ₁ divides float32 rounding of x by σ₁ ≈ 0.03, then Δσ ≈ 14.6 multiplies it)
    const corrected = s.step(Float32Array.of(0.1, 0.3), t1, predicted).prevSample;
    expect(corrected[0]).toBeCloseTo(1 + ((0.5 + 0.1) / 2) * (s1 - s0), 3);
    expect(corrected[1]).toBeCloseTo(2 + ((-0.5 + 0.3) / 2) * (s1 - s0), 3);
  });

  it('DPM++ 2M first step (order 1): x_t = (σ_t/σ_s)·x − α_t(e^{−h} − 1)·x0 in VP units', () => {
    const s = createScheduler('dpmpp_2m', SD15);
    s.setTimesteps(10);
    const [k0, k1] = s.sigmas as [number, number];
    const alpha = (k: number) => 1 / Math.sqrt(k * k + 1);
    const vpSigma = (k: number) => k * alpha(k);
    // λ = ln(α/σ_vp) = −ln k, so e^{−h} = k₁/k₀
    const x0 = Array.from(X, (x, i) => (x - vpSigma(k0) * EPS[i]!) / alpha(k0));
    const expected = Array.from(X, (x, i) => (vpSigma(k1) / vpSigma(k0)) * x - alpha(k1) * (k1 / k0 - 1) * x0[i]!);
    const { prevSample, predOriginalSample } = s.step(EPS, s.timesteps[0]!, X);
    expect(predOriginalSample[0]).toBeCloseTo(x0[0]!, 4);
    expect(prevSample[0]).toBeCloseTo(expected[0]!, 4);
    expect(prevSample[1]).toBeCloseTo(expected[1]!, 4);
  });

  it('ancestral and SDE samplers refuse to step without a noise source', () => {
    for (const name of ['euler_a', 'dpmpp_2m_sde_karras', 'dpmpp_sde_karras']) {
      const s = createScheduler(name, SD15);
      s.setTimesteps(4);
      expect(() => s.step(EPS, s.timesteps[0]!, X)).toThrow(/noise source/);
    }
  });

  it('a step count outside [1, num_train_timesteps] is a clear error', () => {
    for (const name of ['euler', 'ddim', 'dpmpp_2m', 'dpmpp_sde_karras']) {
      expect(() => createScheduler(name, SD15).setTimesteps(0)).toThrow(/expected an integer in \[1, /);
      expect(() => createScheduler(name, SD15).setTimesteps(1001)).toThrow(/expected an integer in \[1, /);
    }
  });
});
