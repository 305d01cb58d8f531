// The deterministic sample, noise and "model" of diffusers' scheduler tests (tests/schedulers/test_schedulers.py
// @ 58eb52c: dummy_sample_deter, dummy_noise_deter, dummy_model), so their published full-loop sums can be replayed.
import type { NoiseSource } from '../../../../native-models/core/noise-source.ts';
import type { Scheduler } from '../../../../native-models/core/schedulers/scheduler.ts';

const B = 4;
const C = 3;
const H = 8;
const W = 8;
const N = B * C * H * W;

/**
 * arange(768) reshaped to (C, H, W, B), divided by 768 and permuted to (B, C, H, W), in NCHW memory order;
 * `flipped` gives dummy_noise_deter (the arange reversed before the reshape).
 */
export function dummySample(flipped = false): Float32Array {
  const out = new Float32Array(N);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++) {
          const v = c * H * W * B + h * W * B + w * B + b;
          out[((b * C + c) * H + h) * W + w] = Math.fround((flipped ? N - 1 - v : v) / N);
        }
  return out;
}

/** dummy_model: sample · t/(t + 1), with t cast to the sample's float32. */
export function dummyModel(sample: Float32Array, t: number): Float32Array {
  const tf = Math.fround(t);
  const k = Math.fround(tf / Math.fround(tf + 1));
  return sample.map((v) => v * k);
}

export interface DummyLoopOptions {
  /** diffusers' σ-space tests pass the *scaled* sample to step (`sample = scale_model_input(sample, t)`). */
  stepOnScaledSample?: boolean;
  /** img2img-style start: add dummy noise at timesteps[tStart·order] and run from there. */
  tStart?: number;
  noise?: NoiseSource;
}

/** Runs the full loop of diffusers' test_full_loop_* on `scheduler` (setTimesteps already called). */
export function runDummyLoop(scheduler: Scheduler, options: DummyLoopOptions = {}): Float32Array {
  let x: Float32Array = dummySample().map((v) => v * scheduler.initNoiseSigma);
  let timesteps = scheduler.timesteps;
  if (options.tStart !== undefined) {
    timesteps = timesteps.slice(options.tStart * scheduler.order);
    x = scheduler.addNoise(x, dummySample(true), timesteps[0]!);
  }
  for (const t of timesteps) {
    const input = scheduler.scaleModelInput(x, t);
    const output = dummyModel(input, t);
    x = scheduler.step(output, t, options.stepOnScaledSample ? input : x, options.noise).prevSample;
  }
  return x;
}

export function absSum(values: Float32Array): number {
  return values.reduce((sum, v) => sum + Math.abs(v), 0);
}
