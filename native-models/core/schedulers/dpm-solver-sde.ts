// DPM-Solver++(2S) SDE, k-diffusion's sample_dpmpp_sde as diffusers' DPMSolverSDEScheduler runs it ("DPM++ SDE
// Karras" with use_karras_sigmas): per step an ancestral half-step to the log-σ midpoint, then a full step from the
// start using the midpoint's x0 — two model evaluations, so every timestep but the first is followed by a midpoint.
//
// Noise: diffusers draws it from torchsde's Brownian tree (BrownianTreeNoiseSampler), which cannot be reproduced
// without torchsde's internal PRNG layout. The substitute keeps the Brownian increments' joint law: the half-step
// gets z₁ ~ N(0,1) for [σ, σ_mid]; the full step, over [σ, σ_next] ⊃ [σ, σ_mid], gets
// (z₁·√|σ−σ_mid| + z₂·√|σ_mid−σ_next|)/√(|σ−σ_mid|+|σ_mid−σ_next|) with a fresh z₂ — exactly what the tree's
// W(σ, σ_next)/√|Δ| is in distribution, correlated with the half-step as it is. Draws come from the caller's
// NoiseSource, so a seed reproduces an image in Tessera but not diffusers' pixels.
import { TesseraError } from '../../api/errors.ts';
import type { NoiseSource } from '../noise-source.ts';
import type { SchedulerStepResult } from './scheduler.ts';
import { sigmaSpaceOriginal } from './model-output.ts';
import { rawSigmaSchedule, sigmaSchedule } from './sigma-schedule.ts';
import { SigmaSpaceScheduler } from './sigma-space-scheduler.ts';
import { sigmaToTimestep } from './noise-schedule.ts';

const f32 = Math.fround;

interface HalfStep {
  /** x at σ (the start of the step). */
  sample: Float32Array;
  /** the half-step's N(0,1) draw, reused in the full step's Brownian increment */
  z: Float32Array;
  sigma: number;
  midSigma: number;
}

export class DpmSolverSdeScheduler extends SigmaSpaceScheduler {
  readonly name: string;
  override readonly order = 2;
  protected override readonly family = 'dpm_sde';
  private half: HalfStep | undefined;

  constructor(...args: ConstructorParameters<typeof SigmaSpaceScheduler>) {
    super(...args);
    this.name = this.settings.useKarrasSigmas ? 'dpmpp_sde_karras' : 'dpmpp_sde';
  }

  override setTimesteps(numSteps: number): void {
    const raw = rawSigmaSchedule(this.settings, this.alphaBar, numSteps, this.family);
    // midpoints in t = −ln σ between consecutive σ, mapped back to (fractional) training timesteps
    const mids = raw.sigmas.slice(0, -1).map((s, i) => Math.exp(-(-Math.log(s) + (-Math.log(raw.sigmas[i + 1]!) + Math.log(s)) * 0.5)));
    const midTimesteps = mids.map((s) => sigmaToTimestep(s, raw.logSigmas));
    const sigmas = [...raw.sigmas, 0].map(f32);
    this.sigmas = [sigmas[0]!, ...sigmas.slice(1, -1).flatMap((s) => [s, s]), 0];
    this.timesteps = [raw.timesteps[0]!, ...raw.timesteps.slice(1).flatMap((t, i) => [midTimesteps[i]!, t])];
    this.initNoiseSigma = sigmaSchedule(this.settings, this.alphaBar, numSteps, this.family).initNoiseSigma;
    this.stepIndex = undefined;
    this.half = undefined;
  }

  /** Input scaling at σ, or at the midpoint σ during the second evaluation. */
  override scaleModelInput(sample: Float32Array, t: number): Float32Array {
    const i = this.currentIndex(t);
    const sigma = this.half ? this.half.midSigma : this.sigmas[i]!;
    const scale = 1 / Math.sqrt(sigma * sigma + 1);
    return sample.map((v) => v * scale);
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array, noise?: NoiseSource): SchedulerStepResult {
    const i = this.currentIndex(t);
    const half = this.half;
    const sigma = half ? this.sigmas[i - 1]! : this.sigmas[i]!;
    const sigmaNext = half ? this.sigmas[i]! : this.sigmas[i + 1]!;
    const tStart = -Math.log(sigma);
    const tMid = tStart + (-Math.log(sigmaNext) - tStart) * 0.5;
    const sigmaInput = half ? Math.exp(-tMid) : sigma;
    const original = sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample, sigmaInput);
    this.stepIndex = i + 1;
    const prevSample = new Float32Array(sample.length);
    if (sigmaNext === 0) {
      // last step: plain Euler to σ = 0, i.e. the x0 estimate
      for (let k = 0; k < sample.length; k++) prevSample[k] = sample[k]! + ((sample[k]! - original[k]!) / sigma) * (0 - sigma);
      return { prevSample, predOriginalSample: original };
    }
    if (!noise) throw new TesseraError('INVALID_ARGUMENT', `${this.name}: got no noise source, expected one (SDE sampling adds noise every step)`);
    const start = half ? half.sample : sample;
    const sigmaTo = half ? sigmaNext : Math.exp(-tMid);
    const up = Math.min(sigmaTo, Math.sqrt((sigmaTo * sigmaTo * (sigma * sigma - sigmaTo * sigmaTo)) / (sigma * sigma)));
    const down = Math.sqrt(sigmaTo * sigmaTo - up * up);
    const decay = down / sigma;
    // −expm1(t − t_down) = 1 − σ_down/σ, written as diffusers does
    const toward = -Math.expm1(tStart + Math.log(down));
    const z = noise.randn(sample.length);
    let w: Float32Array = z;
    if (half) {
      const d1 = Math.abs(half.sigma - half.midSigma);
      const d2 = Math.abs(half.midSigma - sigmaNext);
      const norm = Math.sqrt(d1 + d2);
      w = z.map((v, k) => (half.z[k]! * Math.sqrt(d1) + v * Math.sqrt(d2)) / norm);
    }
    for (let k = 0; k < sample.length; k++) prevSample[k] = decay * start[k]! + toward * original[k]! + w[k]! * up;
    this.half = half ? undefined : { sample, z, sigma, midSigma: sigmaTo };
    return { prevSample, predOriginalSample: original };
  }
}
