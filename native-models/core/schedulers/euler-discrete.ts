// Euler (Karras et al. 2022, Algorithm 2 with s_churn = 0), as diffusers' EulerDiscreteScheduler.
import type { SchedulerStepResult } from './scheduler.ts';
import { sigmaSpaceOriginal } from './model-output.ts';
import { SigmaSpaceScheduler } from './sigma-space-scheduler.ts';

export class EulerDiscreteScheduler extends SigmaSpaceScheduler {
  readonly name: string = 'euler';
  protected override readonly family = 'euler';

  step(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    const i = this.currentIndex(t);
    const sigma = this.sigmas[i]!;
    const dt = this.sigmas[i + 1]! - sigma;
    const original = sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample, sigma);
    // x_{i+1} = x_i + (x_i − x0)/σ_i · (σ_{i+1} − σ_i)
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) prevSample[k] = sample[k]! + ((sample[k]! - original[k]!) / sigma) * dt;
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: original };
  }
}
