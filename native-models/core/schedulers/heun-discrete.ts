// Heun (Karras et al. 2022, Algorithm 1): an Euler step, then a correction with the slope at the end point.
// Two model evaluations per step: the schedule repeats every timestep but the first (diffusers' HeunDiscreteScheduler).
import type { SchedulerStepResult } from './scheduler.ts';
import { sigmaSpaceOriginal } from './model-output.ts';
import { SigmaSpaceScheduler } from './sigma-space-scheduler.ts';

export class HeunDiscreteScheduler extends SigmaSpaceScheduler {
  readonly name: string = 'heun';
  override readonly order = 2;
  private firstOrder: { derivative: Float32Array; dt: number; sample: Float32Array } | undefined;

  override setTimesteps(numSteps: number): void {
    super.setTimesteps(numSteps);
    const [firstT, ...restT] = this.timesteps;
    const sigmas = this.sigmas; // σ_0 … σ_{n−1}, 0
    this.timesteps = [firstT!, ...restT.flatMap((t) => [t, t])];
    this.sigmas = [sigmas[0]!, ...sigmas.slice(1, -1).flatMap((s) => [s, s]), 0];
    this.firstOrder = undefined;
  }

  /** HeunDiscreteScheduler's clip_sample (it has no thresholding). */
  private clip(original: Float32Array): Float32Array {
    if (!this.settings.clipSample) return original;
    const r = this.settings.clipSampleRange;
    return original.map((v) => Math.min(r, Math.max(-r, v)));
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    const i = this.currentIndex(t);
    const prevSample = new Float32Array(sample.length);
    let original: Float32Array;
    if (!this.firstOrder) {
      // predictor: Euler step from σ_i to σ_{i+1}
      const sigma = this.sigmas[i]!;
      const dt = this.sigmas[i + 1]! - sigma;
      original = this.clip(sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample, sigma));
      const derivative = new Float32Array(sample.length);
      for (let k = 0; k < sample.length; k++) {
        derivative[k] = (sample[k]! - original[k]!) / sigma;
        prevSample[k] = sample[k]! + derivative[k]! * dt;
      }
      this.firstOrder = { derivative, dt, sample };
    } else {
      // corrector: average the slopes at both ends, restart from the stored sample
      const sigmaNext = this.sigmas[i]!;
      original = this.clip(sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample, sigmaNext));
      const { derivative, dt, sample: start } = this.firstOrder;
      for (let k = 0; k < sample.length; k++) {
        const slope = (derivative[k]! + (sample[k]! - original[k]!) / sigmaNext) / 2;
        prevSample[k] = start[k]! + slope * dt;
      }
      this.firstOrder = undefined;
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: original };
  }
}
