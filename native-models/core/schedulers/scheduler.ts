// The one interface every diffusion scheduler implements (style rule 5), with diffusers' step semantics.
import type { NoiseSource } from '../noise-source.ts';

export interface SchedulerStepResult {
  /** x_{t-1}: the sample to feed the next step. */
  prevSample: Float32Array;
  /** The scheduler's estimate of the clean sample x_0 at this step (LCM: its `denoised`). */
  predOriginalSample: Float32Array;
}

/** The parsed scheduler_config.json, with diffusers' own snake_case keys. */
export type SchedulerConfigJson = Record<string, unknown>;

export interface Scheduler {
  /** Short name (`euler`, `dpmpp_2m_karras`, …). */
  readonly name: string;
  /** Number of model evaluations per denoising step (2 for Heun); img2img skips `order × t_start` timesteps. */
  readonly order: number;
  /** Timesteps of the current schedule, one per model evaluation, in sampling order. */
  readonly timesteps: number[];
  /** Noise levels σ where the scheduler works in σ space (Euler, LMS, Heun, DPM++, …); length timesteps + 1. */
  readonly sigmas?: number[];
  /** Standard deviation of the initial noise: initial latents = N(0,1) × initNoiseSigma. */
  readonly initNoiseSigma: number;
  /** Computes the schedule for `numSteps` inference steps; resets any multistep state. */
  setTimesteps(numSteps: number): void;
  /** Scales the denoising model input for timestep t (identity for DDPM-family schedulers). */
  scaleModelInput(sample: Float32Array, t: number): Float32Array;
  /** Noises a clean sample to timestep t (img2img, inpainting by blending). */
  addNoise(original: Float32Array, noise: Float32Array, t: number): Float32Array;
  /**
   * One step from timestep t: like diffusers, the position in `timesteps` is found from the value of t,
   * so a loop may start part-way through the schedule.
   */
  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult;
}
