// Shared state of the σ-space schedulers: schedule, σ lookup by step index, input scaling and noising.
import type { NoiseSource } from '../noise-source.ts';
import type { Scheduler, SchedulerStepResult } from './scheduler.ts';
import type { SchedulerSettings } from './scheduler-config.ts';
import { alphasCumprod } from './noise-schedule.ts';
import { mix } from './model-output.ts';
import { sigmaSchedule, type SigmaFamily } from './sigma-schedule.ts';
import { indexForTimestep } from './timestep-spacing.ts';

export abstract class SigmaSpaceScheduler implements Scheduler {
  abstract readonly name: string;
  readonly order: number = 1;
  timesteps: number[] = [];
  sigmas: number[] = [];
  initNoiseSigma = 1;
  /** Which diffusers class's σ options apply (see SigmaFamily). */
  protected readonly family: SigmaFamily = 'k-diffusion';
  /** Where the loop is; found from the first timestep it sees, then advanced one per step (as diffusers). */
  protected stepIndex: number | undefined;
  private cachedAlphaBar: Float64Array | undefined;

  constructor(protected readonly settings: SchedulerSettings) {}

  /** Built on first use, after subclass fields (family) are initialised. Of these classes only Euler and Euler a
   *  take rescale_betas_zero_snr (with ᾱ_T floored at 2⁻²⁴); LMS, Heun and DPM++ SDE ignore the key. */
  protected get alphaBar(): Float64Array {
    const zeroSnr = (this.family === 'euler' || this.family === 'euler_a') && this.settings.rescaleBetasZeroSnr;
    this.cachedAlphaBar ??= alphasCumprod({ ...this.settings, rescaleBetasZeroSnr: zeroSnr });
    return this.cachedAlphaBar;
  }

  setTimesteps(numSteps: number): void {
    const schedule = sigmaSchedule(this.settings, this.alphaBar, numSteps, this.family);
    this.timesteps = schedule.timesteps;
    this.sigmas = schedule.sigmas;
    this.initNoiseSigma = schedule.initNoiseSigma;
    this.stepIndex = undefined;
  }

  protected currentIndex(t: number): number {
    if (this.stepIndex === undefined) this.stepIndex = indexForTimestep(this.timesteps, t);
    return this.stepIndex;
  }

  /** x / √(σ² + 1): the UNet expects DDPM-scaled input. */
  scaleModelInput(sample: Float32Array, t: number): Float32Array {
    const sigma = this.sigmas[this.currentIndex(t)]!;
    const scale = 1 / Math.sqrt(sigma * sigma + 1);
    return sample.map((v) => v * scale);
  }

  addNoise(original: Float32Array, noise: Float32Array, t: number): Float32Array {
    return mix(original, noise, 1, this.sigmas[indexForTimestep(this.timesteps, t)]!);
  }

  abstract step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult;
}
