// PNDM / PLMS (Liu et al. 2022), diffusers' PNDMScheduler: Runge–Kutta warm-up (PRK) unless skip_prk_steps,
// then linear multistep on ε with the pseudo-numerical transfer of equation (9).
import type { SchedulerStepResult } from './scheduler.ts';
import { DdpmSpaceScheduler } from './ddpm-space-scheduler.ts';
import { ddpmOriginalAndEpsilon } from './model-output.ts';
import { spacedTimesteps } from './timestep-spacing.ts';

const PNDM_ORDER = 4;

export class PndmScheduler extends DdpmSpaceScheduler {
  readonly name: string = 'pndm';
  protected override readonly supportsZeroSnr = false;
  private prkTimesteps: number[] = [];
  private ets: Float32Array[] = [];
  private counter = 0;
  private curSample: Float32Array | undefined;
  private curModelOutput: Float32Array | undefined;

  setTimesteps(numSteps: number): void {
    this.numInferenceSteps = numSteps;
    // ascending integer timesteps of the chosen spacing
    const base = spacedTimesteps(this.settings, numSteps, { round: true }).reverse();
    const stepRatio = Math.floor(this.settings.numTrainTimesteps / numSteps);
    if (this.settings.skipPrkSteps) {
      // PLMS only; the second-to-last timestep is repeated to warm the multistep up (diffusers)
      this.prkTimesteps = [];
      this.timesteps = [...base.slice(0, -1), ...base.slice(-2, -1), ...base.slice(-1)].reverse();
    } else {
      const last = base.slice(-PNDM_ORDER);
      const prk = last.flatMap((t) => [t, t]).map((t, k) => t + (k % 2 === 1 ? Math.floor(stepRatio / 2) : 0));
      this.prkTimesteps = prk
        .slice(0, -1)
        .flatMap((t) => [t, t])
        .slice(1, -1)
        .reverse();
      this.timesteps = [...this.prkTimesteps, ...base.slice(0, -3).reverse()];
    }
    this.ets = [];
    this.counter = 0;
    this.curSample = undefined;
    this.curModelOutput = undefined;
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    const usePrk = this.counter < this.prkTimesteps.length && !this.settings.skipPrkSteps;
    return usePrk ? this.stepPrk(modelOutput, t, sample) : this.stepPlms(modelOutput, t, sample);
  }

  private stepPrk(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    const ratio = Math.floor(this.settings.numTrainTimesteps / this.numInferenceSteps);
    const prevT = t - (this.counter % 2 ? 0 : Math.floor(ratio / 2));
    const timestep = this.prkTimesteps[Math.floor(this.counter / 4) * 4]!;
    const phase = this.counter % 4;
    let output = modelOutput;
    const acc = (weight: number) => {
      const current = this.curModelOutput ?? new Float32Array(modelOutput.length);
      this.curModelOutput = current.map((v, k) => v + weight * modelOutput[k]!);
    };
    if (phase === 0) {
      this.curModelOutput = undefined;
      acc(1 / 6);
      this.ets.push(modelOutput);
      this.curSample = sample;
    } else if (phase === 1 || phase === 2) {
      acc(1 / 3);
    } else {
      output = this.curModelOutput!.map((v, k) => v + modelOutput[k]! / 6);
      this.curModelOutput = undefined;
    }
    const start = this.curSample ?? sample;
    const prevSample = this.transfer(start, timestep, prevT, output);
    this.counter += 1;
    return { prevSample, predOriginalSample: this.originalEstimate(output, start, timestep) };
  }

  private stepPlms(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    const ratio = Math.floor(this.settings.numTrainTimesteps / this.numInferenceSteps);
    let timestep = t;
    let prevT = t - ratio;
    if (this.counter !== 1) {
      this.ets = this.ets.slice(-3);
      this.ets.push(modelOutput);
    } else {
      // second call of the warm-up: same pair of timesteps again, from the saved sample
      prevT = t;
      timestep = t + ratio;
    }
    const e = this.ets;
    let output: Float32Array;
    let start = sample;
    if (e.length === 1 && this.counter === 0) {
      output = modelOutput;
      this.curSample = sample;
    } else if (e.length === 1 && this.counter === 1) {
      output = modelOutput.map((v, k) => (v + e[0]![k]!) / 2);
      start = this.curSample!;
      this.curSample = undefined;
    } else if (e.length === 2) {
      output = e[1]!.map((v, k) => (3 * v - e[0]![k]!) / 2);
    } else if (e.length === 3) {
      output = e[2]!.map((v, k) => (23 * v - 16 * e[1]![k]! + 5 * e[0]![k]!) / 12);
    } else {
      output = e[3]!.map((v, k) => (55 * v - 59 * e[2]![k]! + 37 * e[1]![k]! - 9 * e[0]![k]!) / 24);
    }
    const prevSample = this.transfer(start, timestep, prevT, output);
    this.counter += 1;
    return { prevSample, predOriginalSample: this.originalEstimate(output, start, timestep) };
  }

  /** Equation (9) of the PNDM paper: x_{t−δ} from x_t and the (combined) ε. */
  private transfer(sample: Float32Array, t: number, prevT: number, modelOutput: Float32Array): Float32Array {
    const alphaT = this.alphaAt(t);
    const alphaPrev = this.alphaAt(prevT);
    const betaT = 1 - alphaT;
    const betaPrev = 1 - alphaPrev;
    const eps = this.settings.predictionType === 'v_prediction' ? modelOutput.map((v, k) => Math.sqrt(alphaT) * v + Math.sqrt(betaT) * sample[k]!) : modelOutput;
    const sampleCoeff = Math.sqrt(alphaPrev / alphaT);
    const denominator = alphaT * Math.sqrt(betaPrev) + Math.sqrt(alphaT * betaT * alphaPrev);
    const out = new Float32Array(sample.length);
    for (let k = 0; k < out.length; k++) out[k] = sampleCoeff * sample[k]! - ((alphaPrev - alphaT) * eps[k]!) / denominator;
    return out;
  }

  private originalEstimate(output: Float32Array, sample: Float32Array, t: number): Float32Array {
    return ddpmOriginalAndEpsilon(this.settings.predictionType, output, sample, this.alphaAt(t)).original;
  }
}
