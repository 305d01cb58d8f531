// Euler ancestral: an Euler step down to σ_down, then fresh noise of σ_up (diffusers' EulerAncestralDiscreteScheduler).
import { TesseraError } from '../../api/errors.ts';
import type { NoiseSource } from '../noise-source.ts';
import type { SchedulerStepResult } from './scheduler.ts';
import { sigmaSpaceOriginal } from './model-output.ts';
import { SigmaSpaceScheduler } from './sigma-space-scheduler.ts';

export class EulerAncestralDiscreteScheduler extends SigmaSpaceScheduler {
  readonly name: string = 'euler_a';
  protected override readonly family = 'euler_a';

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult {
    if (!noise) throw new TesseraError('INVALID_ARGUMENT', 'euler_a: step needs a noise source (ancestral sampling adds fresh noise)');
    const i = this.currentIndex(t);
    const from = this.sigmas[i]!;
    const to = this.sigmas[i + 1]!;
    const up = Math.sqrt((to * to * (from * from - to * to)) / (from * from));
    const down = Math.sqrt(to * to - up * up);
    const original = sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample, from);
    const fresh = noise.randn(sample.length);
    const prevSample = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) {
      const derivative = (sample[k]! - original[k]!) / from;
      prevSample[k] = sample[k]! + derivative * (down - from) + fresh[k]! * up;
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: original };
  }
}
