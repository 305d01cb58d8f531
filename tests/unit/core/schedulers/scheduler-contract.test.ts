// One contract suite over every scheduler: schedule shape, input scaling, and landing on x0 with an exact
// noise oracle (ε = (x_t − √ᾱ·x0)/√(1−ᾱ), σ interpolated linearly between integer timesteps as diffusers does).
import { describe, expect, it } from 'vitest';
import { createScheduler, SCHEDULER_NAMES } from '../../../../native-models/core/schedulers/create-scheduler.ts';
import { TorchCpuGenerator } from '../../../../native-models/core/random/torch-cpu-generator.ts';

// SD 1.5's scheduler_config.json (model-contracts.md §1.2)
const SD15 = { beta_start: 0.00085, beta_end: 0.012, beta_schedule: 'scaled_linear', num_train_timesteps: 1000, steps_offset: 1, set_alpha_to_one: false, skip_prk_steps: true, clip_sample: false };

const alphaBar = (() => {
  const out: number[] = [];
  let prod = 1;
  for (let i = 0; i < 1000; i++) {
    const b = (Math.sqrt(0.00085) + ((Math.sqrt(0.012) - Math.sqrt(0.00085)) * i) / 999) ** 2;
    prod *= 1 - b;
    out.push(prod);
  }
  return out;
})();

function alphaBarAt(t: number): number {
  const sigma = (i: number) => Math.sqrt((1 - alphaBar[i]!) / alphaBar[i]!);
  const lo = Math.min(998, Math.max(0, Math.floor(t)));
  const s = sigma(lo) + (Math.min(999, Math.max(0, t)) - lo) * (sigma(lo + 1) - sigma(lo));
  return 1 / (1 + s * s);
}

function oracle(x0: Float32Array, prediction: 'epsilon' | 'v_prediction') {
  return (xt: Float32Array, t: number): Float32Array => {
    const a = alphaBarAt(t);
    return xt.map((v, i) => {
      const eps = (v - Math.sqrt(a) * x0[i]!) / Math.sqrt(1 - a);
      return prediction === 'epsilon' ? eps : Math.sqrt(a) * eps - Math.sqrt(1 - a) * x0[i]!;
    });
  };
}

const x0 = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * 0.8);
const LEFTOVER_NOISE = new Set(['ddim', 'pndm']);

describe.each(SCHEDULER_NAMES)('%s', (name) => {
  const predictions = name === 'lcm' ? (['epsilon'] as const) : (['epsilon', 'v_prediction'] as const);

  it.each([4, 10, 25])('schedule with %i steps is descending and within the training range', (steps) => {
    const scheduler = createScheduler(name, SD15);
    scheduler.setTimesteps(steps);
    const ts = scheduler.timesteps;
    // PLMS repeats one timestep to warm up; second-order schedulers (Heun, DPM++ SDE) evaluate twice per step but the last
    expect(ts.length).toBe(name === 'pndm' ? steps + 1 : scheduler.order === 2 ? 2 * steps - 1 : steps);
    for (let i = 1; i < ts.length; i++) expect(ts[i]!).toBeLessThanOrEqual(ts[i - 1]!);
    expect(Math.min(...ts)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ts)).toBeLessThan(1000);
    expect(scheduler.scaleModelInput(new Float32Array(8).fill(1), ts[0]!)).toHaveLength(8);
  });

  it.each(predictions.flatMap((p) => [8, 20].map((s) => [p, s] as const)))('with a %s oracle lands on x0 in %i steps', (prediction, steps) => {
    const scheduler = createScheduler(name, { ...SD15, prediction_type: prediction });
    scheduler.setTimesteps(steps);
    const noise = new TorchCpuGenerator(1234);
    const model = oracle(x0, prediction);
    let x: Float32Array = noise.randn(x0.length).map((v) => v * scheduler.initNoiseSigma);
    for (const t of scheduler.timesteps) x = scheduler.step(model(scheduler.scaleModelInput(x, t), t), t, x, noise).prevSample;
    const worst = Math.max(...x.map((v, i) => Math.abs(v - x0[i]!)));
    // DDIM/PNDM stop at ᾱ_0 < 1 (set_alpha_to_one false): √(1−ᾱ_0) ≈ 0.029 of noise remains
    expect(worst).toBeLessThan(LEFTOVER_NOISE.has(name) ? 0.15 : 2e-3);
  });

  it('starts part-way through the schedule (img2img) and still lands', () => {
    const scheduler = createScheduler(name, SD15);
    scheduler.setTimesteps(20);
    const start = 10 * scheduler.order;
    const tail = scheduler.timesteps.slice(start);
    const noise = new TorchCpuGenerator(7);
    let x: Float32Array = scheduler.addNoise(x0.map((v) => v * 0.5), noise.randn(x0.length), tail[0]!);
    const model = oracle(x0, 'epsilon');
    for (const t of tail) x = scheduler.step(model(scheduler.scaleModelInput(x, t), t), t, x, noise).prevSample;
    const worst = Math.max(...x.map((v, i) => Math.abs(v - x0[i]!)));
    // LMS as diffusers runs it: a loop that starts part-way weighs its first derivatives with order-4
    // coefficients of which it has only some, so it lands less exactly (still well under one 8-bit level in pixels)
    expect(worst).toBeLessThan(LEFTOVER_NOISE.has(name) ? 0.15 : name === 'lms' ? 0.03 : 2e-3);
  });

  it('is deterministic for a seeded noise source', () => {
    const run = () => {
      const scheduler = createScheduler(name, SD15);
      scheduler.setTimesteps(6);
      const noise = new TorchCpuGenerator(99);
      let x: Float32Array = noise.randn(16).map((v) => v * scheduler.initNoiseSigma);
      const model = oracle(x0.subarray(0, 16), 'epsilon');
      for (const t of scheduler.timesteps) x = scheduler.step(model(scheduler.scaleModelInput(x, t), t), t, x, noise).prevSample;
      return Array.from(x);
    };
    expect(run()).toEqual(run());
  });
});
