// Shared state of the DDPM-space schedulers (DDIM, PNDM, LCM): integer timesteps, ᾱ lookup, identity input scaling.
import type { NoiseSource } from '../noise-source.ts';
import type { Scheduler, SchedulerStepResult } from './scheduler.ts';
import type { SchedulerSettings } from './scheduler-config.ts';
import { alphasCumprod } from './noise-schedule.ts';
import { mix } from './model-output.ts';

export abstract class DdpmSpaceScheduler implements Scheduler {
  abstract readonly name: string;
  readonly order: number = 1;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  protected numInferenceSteps = 0;
  /** DDIM and LCM take rescale_betas_zero_snr (keeping ᾱ_T = 0); PNDM has no such option and ignores the key. */
  protected readonly supportsZeroSnr: boolean = true;
  private cachedAlphaBar: Float64Array | undefined;

  constructor(protected readonly settings: SchedulerSettings) {}

  /** Built on first use, after subclass fields (supportsZeroSnr) are initialised. */
  protected get alphaBar(): Float64Array {
    this.cachedAlphaBar ??= alphasCumprod({ ...this.settings, rescaleBetasZeroSnr: this.supportsZeroSnr && this.settings.rescaleBetasZeroSnr }, { zeroSnrFloor: false });
    return this.cachedAlphaBar;
  }

  /** ᾱ "before" step 0: 1 with set_alpha_to_one, else ᾱ_0 (SD's configs: false). */
  protected get finalAlphaCumprod(): number {
    return this.settings.setAlphaToOne ? 1 : this.alphaBar[0]!;
  }

  abstract setTimesteps(numSteps: number): void;

  protected alphaAt(t: number): number {
    return t >= 0 ? this.alphaBar[Math.round(t)]! : this.finalAlphaCumprod;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  addNoise(original: Float32Array, noise: Float32Array, t: number): Float32Array {
    const a = this.alphaBar[Math.round(t)]!;
    return mix(original, noise, Math.sqrt(a), Math.sqrt(1 - a));
  }

  abstract step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult;
}
