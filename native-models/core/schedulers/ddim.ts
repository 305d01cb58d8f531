// DDIM (Song et al. 2020) with η = 0: deterministic steps along the predicted x0 and ε (diffusers' DDIMScheduler).
import type { SchedulerStepResult } from './scheduler.ts';
import { DdpmSpaceScheduler } from './ddpm-space-scheduler.ts';
import { ddpmOriginalAndEpsilon, limitOriginal } from './model-output.ts';
import { spacedTimesteps } from './timestep-spacing.ts';

export class DdimScheduler extends DdpmSpaceScheduler {
  readonly name: string = 'ddim';

  setTimesteps(numSteps: number): void {
    this.numInferenceSteps = numSteps;
    this.timesteps = spacedTimesteps(this.settings, numSteps, { round: true });
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    // diffusers steps back by a fixed N/n whatever the spacing
    const prevT = t - Math.floor(this.settings.numTrainTimesteps / this.numInferenceSteps);
    const alphaT = this.alphaAt(t);
    const alphaPrev = this.alphaAt(prevT);
    const { original, epsilon } = ddpmOriginalAndEpsilon(this.settings.predictionType, modelOutput, sample, alphaT);
    const x0 = limitOriginal(original, this.settings);
    // diffusers keeps the model's ε even when x0 was clipped (use_clipped_model_output defaults to false)
    const eps = epsilon;
    const a = Math.sqrt(alphaPrev);
    const d = Math.sqrt(1 - alphaPrev);
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) prevSample[k] = a * x0[k]! + d * eps[k]!;
    return { prevSample, predOriginalSample: x0 };
  }
}
