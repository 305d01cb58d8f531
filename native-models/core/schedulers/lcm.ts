// Latent Consistency Model multistep sampling (diffusers' LCMScheduler): predict x0, apply the consistency
// boundary condition (c_skip, c_out), then re-noise to the next timestep (no noise after the last step).
import { TesseraError } from '../../api/errors.ts';
import type { NoiseSource } from '../noise-source.ts';
import type { SchedulerStepResult } from './scheduler.ts';
import { DdpmSpaceScheduler } from './ddpm-space-scheduler.ts';
import { ddpmOriginalAndEpsilon, limitOriginal } from './model-output.ts';
import { indexForTimestep } from './timestep-spacing.ts';

const SIGMA_DATA = 0.5;

export class LcmScheduler extends DdpmSpaceScheduler {
  readonly name: string = 'lcm';
  private stepIndex: number | undefined;

  /** Timesteps from the distillation schedule: k = N / original_steps, candidates k·i − 1, evenly skipped. */
  setTimesteps(numSteps: number): void {
    const original = this.settings.originalInferenceSteps;
    if (numSteps > original) {
      throw new TesseraError('INVALID_ARGUMENT', `lcm: got ${numSteps} steps, expected at most original_inference_steps (${original})`);
    }
    const k = Math.floor(this.settings.numTrainTimesteps / original);
    const candidates = Array.from({ length: original }, (_, i) => (i + 1) * k - 1).reverse();
    this.timesteps = Array.from({ length: numSteps }, (_, i) => candidates[Math.floor((i * candidates.length) / numSteps)]!);
    this.numInferenceSteps = numSteps;
    this.stepIndex = undefined;
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult {
    if (this.stepIndex === undefined) this.stepIndex = indexForTimestep(this.timesteps, t);
    const i = this.stepIndex;
    const prevT = i + 1 < this.timesteps.length ? this.timesteps[i + 1]! : t;
    const alphaT = this.alphaAt(t);
    const alphaPrev = this.alphaAt(prevT);
    const scaled = t * this.settings.timestepScaling;
    const cSkip = SIGMA_DATA ** 2 / (scaled ** 2 + SIGMA_DATA ** 2);
    const cOut = scaled / Math.sqrt(scaled ** 2 + SIGMA_DATA ** 2);
    const { original } = ddpmOriginalAndEpsilon(this.settings.predictionType, modelOutput, sample, alphaT);
    const x0 = limitOriginal(original, this.settings);
    const denoised = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) denoised[k] = cOut * x0[k]! + cSkip * sample[k]!;
    let prevSample = denoised;
    if (i !== this.numInferenceSteps - 1) {
      if (!noise) throw new TesseraError('INVALID_ARGUMENT', 'lcm: step needs a noise source for every step but the last');
      const fresh = noise.randn(sample.length);
      prevSample = denoised.map((v, k) => Math.sqrt(alphaPrev) * v + Math.sqrt(1 - alphaPrev) * fresh[k]!);
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: denoised };
  }
}
