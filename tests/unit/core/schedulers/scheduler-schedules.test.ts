// Timesteps and σ of each scheduler for given configs, against numbers worked out by hand from diffusers'
// set_timesteps formulas (model-contracts.md §1.2, §2) or published with SD (σ_max = 14.6146).
import { describe, expect, it } from 'vitest';
import { createScheduler, resolveSchedulerName } from '../../../../native-models/core/schedulers/create-scheduler.ts';

const SD15 = { _class_name: 'PNDMScheduler', beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, steps_offset: 1, set_alpha_to_one: false, skip_prk_steps: true, clip_sample: false };
// σ(t=0) = √(β_0/(1−β_0)) with β_0 = 0.00085; σ(t=999) = 14.6146 (the value SD-Turbo's one-step recipe uses)
const SIGMA_MIN = Math.sqrt(0.00085 / (1 - 0.00085));
const SIGMA_MAX = 14.6146;

function scheduleOf(name: string, steps: number, config: Record<string, unknown> = SD15) {
  const scheduler = createScheduler(name, config);
  scheduler.setTimesteps(steps);
  return scheduler;
}

describe('PNDM (SD 1.5 config)', () => {
  it('50 steps, leading + offset 1, PRK skipped: 981, 961, 961, 941, …, 21, 1', () => {
    const ts = scheduleOf('pndm', 50).timesteps;
    expect(ts.slice(0, 4)).toEqual([981, 961, 961, 941]);
    expect(ts.slice(-2)).toEqual([21, 1]);
    expect(ts).toHaveLength(51);
  });

  it('with PRK steps: the Runge–Kutta warm-up timesteps come first', () => {
    // _timesteps = 1, 101, …, 901; last 4 repeated + [0, 50] → 601, 651, …, 901, 951; drop the last, repeat,
    // trim one at each end and reverse (diffusers' prk_timesteps) → 901, 851, 851, 801, 801, 751, …, 601
    const ts = scheduleOf('pndm', 10, { ...SD15, skip_prk_steps: false }).timesteps;
    expect(ts.slice(0, 6)).toEqual([901, 851, 851, 801, 801, 751]);
    expect(ts.slice(10, 12)).toEqual([651, 601]);
    expect(ts.slice(-3)).toEqual([201, 101, 1]);
  });
});

describe('DDIM', () => {
  it('50 steps leading + offset 1: 981 … 1 in steps of 20', () => {
    const ts = scheduleOf('ddim', 50).timesteps;
    expect(ts[0]).toBe(981);
    expect(ts.at(-1)).toBe(1);
    expect(new Set(ts.slice(1).map((t, i) => ts[i]! - t))).toEqual(new Set([20]));
  });

  it('trailing spacing, 4 steps: 999, 749, 499, 249', () => {
    expect(scheduleOf('ddim', 4, { ...SD15, timestep_spacing: 'trailing' }).timesteps).toEqual([999, 749, 499, 249]);
  });
});

describe('Euler', () => {
  it('SD-Turbo: trailing, 1 step → t = 999, σ = 14.6146, init noise σ = σ_max', () => {
    const s = scheduleOf('euler', 1, { ...SD15, _class_name: 'EulerDiscreteScheduler', timestep_spacing: 'trailing' });
    expect(s.timesteps).toEqual([999]);
    expect(s.sigmas![0]).toBeCloseTo(SIGMA_MAX, 3);
    expect(s.sigmas![1]).toBe(0);
    expect(s.initNoiseSigma).toBeCloseTo(SIGMA_MAX, 3);
  });

  it('linspace, 4 steps: 999, 666, 333, 0 and σ ends at σ(0) then 0', () => {
    const s = scheduleOf('euler', 4);
    expect(s.timesteps).toEqual([999, 666, 333, 0]);
    expect(s.sigmas![3]).toBeCloseTo(SIGMA_MIN, 6);
    expect(s.sigmas![4]).toBe(0);
  });

  it('leading spacing starts below σ_max and scales the initial noise by √(σ²+1)', () => {
    const s = scheduleOf('euler', 10, { ...SD15, timestep_spacing: 'leading' });
    expect(s.timesteps[0]).toBe(901);
    expect(s.initNoiseSigma).toBeCloseTo(Math.sqrt(s.sigmas![0]! ** 2 + 1), 6);
  });

  it('Karras σ follow (σ_max^(1/7) + r·(σ_min^(1/7) − σ_max^(1/7)))^7', () => {
    const s = scheduleOf('euler', 3, { ...SD15, use_karras_sigmas: true });
    // by hand: 14.6146^(1/7) = 1.46692, 0.029167^(1/7) = 0.60355, mean 1.03524, ^7 = 1.2741
    expect(s.sigmas![1]).toBeCloseTo(1.2741, 3);
  });
});

describe('Heun', () => {
  it('repeats every timestep but the first (two evaluations per step)', () => {
    const s = scheduleOf('heun', 3);
    expect(s.timesteps).toEqual([999, 499.5, 499.5, 0, 0]);
    expect(s.order).toBe(2);
    expect(s.sigmas).toHaveLength(6);
  });
});

describe('DPM++ 2M', () => {
  it('linspace, 10 steps: numpy linspace(0, 999, 11) rounded half-to-even, last dropped', () => {
    expect(scheduleOf('dpmpp_2m', 10).timesteps).toEqual([999, 899, 799, 699, 599, 500, 400, 300, 200, 100]);
  });

  it('the Karras variant spans σ_max … σ_min of the whole training range', () => {
    const s = scheduleOf('dpmpp_2m_karras', 10);
    expect(s.sigmas![0]).toBeCloseTo(SIGMA_MAX, 3);
    expect(s.sigmas![9]).toBeCloseTo(SIGMA_MIN, 6);
    expect(s.timesteps[0]).toBe(999);
    expect(s.timesteps[9]).toBe(0);
  });
});

describe('LCM', () => {
  it('4 steps of LCM_Dreamshaper_v7 (original_inference_steps 50): 999, 759, 499, 259', () => {
    expect(scheduleOf('lcm', 4, { ...SD15, _class_name: 'LCMScheduler', steps_offset: 0, set_alpha_to_one: true }).timesteps).toEqual([999, 759, 499, 259]);
  });

  it('at t = 0 the boundary condition returns the sample itself (c_skip = 1, c_out = 0)', () => {
    const s = scheduleOf('lcm', 50, { ...SD15, original_inference_steps: 50 });
    // the last LCM timestep for 50 steps is 19; check c_skip at t = 19 via one step with a zero-noise source
    const sample = Float32Array.of(0.3, -0.2);
    const t = s.timesteps.at(-1)!;
    const out = s.step(new Float32Array(2), t, sample);
    // ε = 0 ⇒ x0 = x/√ᾱ; denoised = c_out·x0 + c_skip·x with c_skip = 0.25/((10t)²+0.25)
    const scaled = 10 * t;
    const cSkip = 0.25 / (scaled * scaled + 0.25);
    const cOut = scaled / Math.sqrt(scaled * scaled + 0.25);
    let alphaBar = 1;
    for (let i = 0; i <= t; i++) alphaBar *= 1 - (Math.sqrt(0.00085) + ((Math.sqrt(0.012) - Math.sqrt(0.00085)) * i) / 999) ** 2;
    expect(out.prevSample[0]).toBeCloseTo(cOut * (0.3 / Math.sqrt(alphaBar)) + cSkip * 0.3, 6);
  });
});

describe('createScheduler', () => {
  it('accepts diffusers class names and picks the Karras variant from the config', () => {
    expect(resolveSchedulerName('EulerAncestralDiscreteScheduler')).toBe('euler_a');
    expect(resolveSchedulerName('DPMSolverMultistepScheduler', { use_karras_sigmas: true })).toBe('dpmpp_2m_karras');
    expect(resolveSchedulerName('PNDMScheduler')).toBe('pndm');
  });

  it.each([
    ['warp-drive', {}, /unknown scheduler "warp-drive", expected one of ddim, pndm/],
    ['euler', { beta_schedule: 'cosine-ish' }, /beta_schedule is "cosine-ish", expected one of linear, scaled_linear, squaredcos_cap_v2/],
    ['euler', { num_train_timesteps: -1 }, /num_train_timesteps is -1/],
    ['ddim', { prediction_type: 'noise' }, /prediction_type is "noise"/],
    ['dpmpp_2m', { solver_order: 4 }, /solver_order is 4, expected 1, 2 or 3/],
    ['DPMSolverMultistepScheduler', { algorithm_type: 'dpmsolver' }, /final_sigmas_type is "zero", expected "sigma_min"/],
    ['euler', { use_beta_sigmas: true }, /use_beta_sigmas is true/],
    ['euler', { use_karras_sigmas: true, use_exponential_sigmas: true }, /one σ schedule at a time/],
  ])('%s with %o is a clear error', (name, config, message) => {
    expect(() => createScheduler(name, config)).toThrow(message);
  });

  it('ignores keys it does not know', () => {
    expect(() => createScheduler('euler', { ...SD15, _diffusers_version: '0.8.0', some_future_key: 3 })).not.toThrow();
  });
});

describe('x0 limits', () => {
  it('clip_sample clamps the predicted x0 to ±clip_sample_range (DDIM)', () => {
    const s = scheduleOf('ddim', 10, { ...SD15, clip_sample: true, clip_sample_range: 1 });
    const t = s.timesteps[0]!;
    // ε = 0 ⇒ x0 = x/√ᾱ_t, far outside [-1, 1] for x = ±5
    const { predOriginalSample } = s.step(new Float32Array(2), t, Float32Array.of(5, -5));
    expect(Array.from(predOriginalSample)).toEqual([1, -1]);
  });

  it('dynamic thresholding rescales by the 99.5% quantile of |x0| (bounded by sample_max_value)', () => {
    const s = scheduleOf('ddim', 10, { ...SD15, thresholding: true, dynamic_thresholding_ratio: 0.995, sample_max_value: 2 });
    const t = s.timesteps.at(-1)!; // ᾱ ≈ 0.98: x0 ≈ x
    const { predOriginalSample } = s.step(new Float32Array(3), t, Float32Array.of(0.5, 3, -4));
    // quantile of |x0| ≈ 4.04 → s = min(max(q, 1), 2) = 2: clip to ±2 then divide by 2
    expect(predOriginalSample[1]).toBeCloseTo(1, 5);
    expect(predOriginalSample[2]).toBeCloseTo(-1, 5);
    expect(Math.abs(predOriginalSample[0]!)).toBeLessThan(0.3);
  });
});

describe('PNDM with its Runge–Kutta warm-up', () => {
  it('lands on x0 with an exact noise oracle', () => {
    const s = scheduleOf('pndm', 20, { ...SD15, skip_prk_steps: false });
    const x0 = Float32Array.of(0.3, -0.7, 0.1);
    const alphaBar: number[] = [];
    let prod = 1;
    for (let i = 0; i < 1000; i++) {
      prod *= 1 - (Math.sqrt(0.00085) + ((Math.sqrt(0.012) - Math.sqrt(0.00085)) * i) / 999) ** 2;
      alphaBar.push(prod);
    }
    let x: Float32Array = Float32Array.of(1.2, -0.4, 0.8);
    for (const t of s.timesteps) {
      const a = alphaBar[t]!;
      const eps = x.map((v, i) => (v - Math.sqrt(a) * x0[i]!) / Math.sqrt(1 - a));
      x = s.step(eps, t, x).prevSample;
    }
    // ends at ᾱ_0 (set_alpha_to_one false): x = √ᾱ_0·x0 + √(1−ᾱ_0)·ε, with |ε| ≲ 2
    for (let i = 0; i < 3; i++) expect(Math.abs(x[i]! - x0[i]!)).toBeLessThan(0.08);
  });
});
