// DPM-Solver++ (Lu et al. 2022), multistep, orders 1–2 with the midpoint second-order update
// (diffusers' DPMSolverMultistepScheduler, algorithm_type dpmsolver++): "DPM++ 2M" and "DPM++ 2M Karras".
import type { Scheduler, SchedulerStepResult } from './scheduler.ts';
import type { SchedulerSettings } from './scheduler-config.ts';
import { alphasCumprod, interpolateAt, karrasSigmas, sigmaToTimestep, trainingSigmas } from './noise-schedule.ts';
import { mix, sigmaSpaceOriginal } from './model-output.ts';
import { roundHalfEven } from './timestep-spacing.ts';
import { TesseraError } from '../../api/errors.ts';

/** VP-space coefficients for σ: α_t = 1/√(σ²+1), σ_t = σ/√(σ²+1). */
function alphaSigma(sigma: number): [number, number] {
  const a = 1 / Math.sqrt(sigma * sigma + 1);
  return [a, sigma * a];
}

function lambda(sigma: number): number {
  const [a, s] = alphaSigma(sigma);
  return Math.log(a) - Math.log(s);
}

export class DpmSolverMultistepScheduler implements Scheduler {
  readonly name: string;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  sigmas: number[] = [];
  private readonly alphaBar: Float64Array;
  private modelOutputs: Float32Array[] = [];
  private lowerOrderNums = 0;
  private stepIndex: number | undefined;

  constructor(private readonly settings: SchedulerSettings) {
    this.alphaBar = alphasCumprod(settings);
    this.name = settings.useKarrasSigmas ? 'dpmpp_2m_karras' : 'dpmpp_2m';
  }

  setTimesteps(numSteps: number): void {
    const n = this.settings.numTrainTimesteps;
    const train = trainingSigmas(this.alphaBar);
    let timesteps: number[];
    switch (this.settings.timestepSpacing) {
      case 'linspace':
        timesteps = Array.from({ length: numSteps + 1 }, (_, i) => roundHalfEven(((n - 1) * i) / numSteps)).reverse().slice(0, -1);
        break;
      case 'leading': {
        const ratio = Math.floor(n / (numSteps + 1));
        timesteps = Array.from({ length: numSteps + 1 }, (_, i) => i * ratio + this.settings.stepsOffset).reverse().slice(0, -1);
        break;
      }
      case 'trailing': {
        const ratio = n / numSteps;
        timesteps = [];
        for (let t = n; t > 0 && timesteps.length < numSteps; t -= ratio) timesteps.push(roundHalfEven(t) - 1);
        break;
      }
    }
    let sigmas: number[];
    if (this.settings.useKarrasSigmas) {
      // Karras over the whole training range, then back to (rounded) timesteps
      sigmas = karrasSigmas(train[0]!, train[train.length - 1]!, numSteps);
      const logSigmas = Array.from(train, Math.log);
      timesteps = sigmas.map((s) => roundHalfEven(sigmaToTimestep(s, logSigmas)));
    } else {
      sigmas = timesteps.map((t) => interpolateAt(train, t));
    }
    const last = this.settings.finalSigmasType === 'zero' ? 0 : train[0]!;
    this.timesteps = timesteps;
    this.sigmas = [...sigmas, last];
    this.modelOutputs = [];
    this.lowerOrderNums = 0;
    this.stepIndex = undefined;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  addNoise(original: Float32Array, noise: Float32Array, t: number): Float32Array {
    const [a, s] = alphaSigma(this.sigmas[this.indexOf(t)]!);
    return mix(original, noise, a, s);
  }

  private indexOf(t: number): number {
    const matches = this.timesteps.flatMap((v, i) => (v === t ? [i] : []));
    if (matches.length === 0) return this.timesteps.length - 1;
    return matches.length > 1 ? matches[1]! : matches[0]!;
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    if (this.settings.predictionType === 'sample' && this.settings.thresholding) {
      throw new TesseraError('UNSUPPORTED', 'dpmpp_2m: thresholding is not implemented');
    }
    if (this.stepIndex === undefined) this.stepIndex = this.indexOf(t);
    const i = this.stepIndex;
    const count = this.timesteps.length;
    const final = this.settings.finalSigmasType === 'zero';
    const lowerOrderFinal = i === count - 1 && (this.settings.eulerAtFinal || (this.settings.lowerOrderFinal && count < 15) || final);

    // model output → x0 prediction (data prediction for DPM-Solver++); the sample is in VP space
    const sigma = this.sigmas[i]!;
    const [alphaS] = alphaSigma(sigma);
    const x0 = sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample.map((v) => v / alphaS), sigma);
    this.modelOutputs = [...this.modelOutputs.slice(-1), x0];

    const sigmaT = this.sigmas[i + 1]!;
    const [alphaT, sigmaTv] = alphaSigma(sigmaT);
    const h = lambda(sigmaT) - lambda(sigma);
    const expm = Math.exp(-h) - 1;
    const ratio = sigmaT === 0 ? 0 : sigmaTv / alphaSigma(sigma)[1];
    const prevSample = new Float32Array(sample.length);
    const useFirstOrder = this.settings.solverOrder === 1 || this.lowerOrderNums < 1 || lowerOrderFinal;
    if (useFirstOrder || this.modelOutputs.length < 2) {
      for (let k = 0; k < sample.length; k++) prevSample[k] = ratio * sample[k]! - alphaT * expm * x0[k]!;
    } else {
      const previous = this.modelOutputs[0]!;
      const r0 = (lambda(sigma) - lambda(this.sigmas[i - 1]!)) / h;
      for (let k = 0; k < sample.length; k++) {
        const d1 = (x0[k]! - previous[k]!) / r0;
        prevSample[k] = ratio * sample[k]! - alphaT * expm * x0[k]! - 0.5 * alphaT * expm * d1;
      }
    }
    if (this.lowerOrderNums < this.settings.solverOrder) this.lowerOrderNums += 1;
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: x0 };
  }
}
