// DPM-Solver / DPM-Solver++ (Lu et al. 2022), multistep, orders 1–3, ODE or SDE variants (diffusers'
// DPMSolverMultistepScheduler): "DPM++ 2M", "DPM++ 2M Karras" and "DPM++ 2M SDE Karras".
import { TesseraError } from '../../api/errors.ts';
import type { NoiseSource } from '../noise-source.ts';
import type { Scheduler, SchedulerStepResult } from './scheduler.ts';
import type { SchedulerSettings } from './scheduler-config.ts';
import { limitOriginal, mix } from './model-output.ts';
import { dpmSolverSchedule } from './dpm-solver-schedule.ts';
import { dpmSolverUpdate, type DpmSolverStepInput } from './dpm-solver-updates.ts';
import { alphasCumprod } from './noise-schedule.ts';

/** VP-space coefficients for σ: α_t = 1/√(σ²+1), σ_t = σ·α_t. */
function alphaSigma(sigma: number): [number, number] {
  const a = 1 / Math.sqrt(sigma * sigma + 1);
  return [a, sigma * a];
}

/** diffusers' index_for_timestep for this class: last index when absent, the second match when repeated. */
function indexOf(timesteps: readonly number[], t: number): number {
  const matches = timesteps.flatMap((v, i) => (v === t ? [i] : []));
  if (matches.length === 0) return timesteps.length - 1;
  return matches.length > 1 ? matches[1]! : matches[0]!;
}

export class DpmSolverMultistepScheduler implements Scheduler {
  readonly name: string;
  readonly order = 1;
  readonly initNoiseSigma = 1;
  timesteps: number[] = [];
  sigmas: number[] = [];
  private readonly alphaBar: Float64Array;
  /** The last `solver_order` converted model outputs (x0 for ++, ε otherwise), oldest first. */
  private modelOutputs: Float32Array[] = [];
  private lowerOrderNums = 0;
  private stepIndex: number | undefined;

  constructor(private readonly settings: SchedulerSettings) {
    const plusPlus = settings.algorithmType.endsWith('++');
    if (!plusPlus && settings.finalSigmasType === 'zero') {
      throw new TesseraError('SCHEDULER_CONFIG_INVALID', `scheduler config: final_sigmas_type is "zero", expected "sigma_min" with algorithm_type ${settings.algorithmType} (diffusers refuses this pair)`);
    }
    if (settings.algorithmType === 'sde-dpmsolver' && settings.solverOrder === 3) {
      throw new TesseraError('SCHEDULER_CONFIG_INVALID', 'scheduler config: solver_order is 3, expected 1 or 2 with algorithm_type sde-dpmsolver (no third-order SDE update exists)');
    }
    this.alphaBar = alphasCumprod(settings);
    const sde = settings.algorithmType.startsWith('sde') ? '_sde' : '';
    this.name = `dpmpp_2m${sde}${settings.useKarrasSigmas ? '_karras' : ''}`;
  }

  setTimesteps(numSteps: number): void {
    const schedule = dpmSolverSchedule(this.settings, this.alphaBar, numSteps);
    this.timesteps = schedule.timesteps;
    this.sigmas = schedule.sigmas;
    this.modelOutputs = [];
    this.lowerOrderNums = 0;
    this.stepIndex = undefined;
  }

  scaleModelInput(sample: Float32Array): Float32Array {
    return sample;
  }

  /** VP noising α_t·x + σ_t·noise at the σ of timestep t. */
  addNoise(original: Float32Array, noise: Float32Array, t: number): Float32Array {
    const [a, s] = alphaSigma(this.sigmas[indexOf(this.timesteps, t)]!);
    return mix(original, noise, a, s);
  }

  /** Model output → x0 (DPM-Solver++, "data prediction") or ε (DPM-Solver, "noise prediction"); the sample is in VP space. */
  private convert(modelOutput: Float32Array, sample: Float32Array, sigma: number): { converted: Float32Array; x0: Float32Array } {
    const [alpha, sigmaT] = alphaSigma(sigma);
    const prediction = this.settings.predictionType;
    const x0 = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) {
      const x = sample[k]!;
      const m = modelOutput[k]!;
      x0[k] = prediction === 'epsilon' ? (x - sigmaT * m) / alpha : prediction === 'v_prediction' ? alpha * x - sigmaT * m : m;
    }
    // DPMSolverMultistepScheduler has thresholding but no clip_sample: a clip_sample key inherited from another
    // scheduler's config must not clip here
    const limited = this.settings.thresholding ? limitOriginal(x0, { ...this.settings, clipSample: false }) : x0;
    if (this.settings.algorithmType.endsWith('++')) return { converted: limited, x0: limited };
    if (!this.settings.thresholding && prediction === 'epsilon') return { converted: modelOutput, x0 };
    const epsilon = limited.map((v, k) => (sample[k]! - alpha * v) / sigmaT);
    return { converted: epsilon, x0: limited };
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult {
    if (this.stepIndex === undefined || this.timesteps[this.stepIndex] !== t) this.stepIndex = indexOf(this.timesteps, t);
    const i = this.stepIndex;
    const count = this.timesteps.length;
    const s = this.settings;
    const lowerOrderFinal = i === count - 1 && (s.eulerAtFinal || (s.lowerOrderFinal && count < 15) || s.finalSigmasType === 'zero');
    const lowerOrderSecond = i === count - 2 && s.lowerOrderFinal && count < 15;

    const { converted, x0 } = this.convert(modelOutput, sample, this.sigmas[i]!);
    this.modelOutputs = [...this.modelOutputs, converted].slice(-s.solverOrder);

    let fresh: Float32Array | undefined;
    if (s.algorithmType.startsWith('sde')) {
      if (!noise) throw new TesseraError('INVALID_ARGUMENT', `${this.name}: got no noise source, expected one (SDE variants add noise every step)`);
      fresh = noise.randn(sample.length);
    }
    let order: 1 | 2 | 3 = 3;
    if (s.solverOrder === 1 || this.lowerOrderNums < 1 || lowerOrderFinal) order = 1;
    else if (s.solverOrder === 2 || this.lowerOrderNums < 2 || lowerOrderSecond) order = 2;
    const input: DpmSolverStepInput = {
      algorithm: s.algorithmType,
      solverType: s.solverType,
      order,
      // σ at the target, the current step and the previous ones: σ_{i+1}, σ_i, σ_{i−1}, σ_{i−2}
      sigmas: [this.sigmas[i + 1]!, this.sigmas[i]!, this.sigmas[i - 1] ?? NaN, this.sigmas[i - 2] ?? NaN],
      outputs: [...this.modelOutputs].reverse(),
      sample,
      noise: fresh,
    };
    const prevSample = dpmSolverUpdate(input);
    if (this.lowerOrderNums < s.solverOrder) this.lowerOrderNums += 1;
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: x0 };
  }
}
