// The first-, second- and third-order multistep updates of DPM-Solver(++) in λ = ln(α/σ), ODE and SDE forms
// (Lu et al. 2022, "DPM-Solver++", algorithms 1–2; diffusers' dpm_solver_*_update formulas).
import type { AlgorithmType, SolverType } from './scheduler-config.ts';

export interface DpmSolverStepInput {
  algorithm: AlgorithmType;
  solverType: SolverType;
  order: 1 | 2 | 3;
  /** [σ_target, σ_current, σ_previous, σ_before_previous] in k-diffusion units (σ = √((1−ᾱ)/ᾱ)). */
  sigmas: [number, number, number, number];
  /** Converted model outputs, newest first: m0 (current step), m1, m2. */
  outputs: Float32Array[];
  /** x at σ_current, VP-scaled. */
  sample: Float32Array;
  /** N(0,1) for the SDE variants. */
  noise: Float32Array | undefined;
}

function alphaSigmaLambda(sigma: number): { alpha: number; sigma: number; lambda: number } {
  const alpha = 1 / Math.sqrt(sigma * sigma + 1);
  const sigmaT = sigma * alpha;
  // at σ = 0: λ = +∞ and e^{−h} = 0, which the formulas below handle without special cases
  return { alpha, sigma: sigmaT, lambda: Math.log(alpha) - Math.log(sigmaT) };
}

/**
 * x_t from x_s as Σ c_x·x + Σ c_j·D_j + c_n·noise, where D_0 = m0, D_1 and D_2 are divided differences of the
 * model outputs in λ. Coefficients per algorithm follow DPM-Solver++ (data prediction, "++") and DPM-Solver
 * (noise prediction); the SDE forms add √(1−e^{−2h}) (or √(e^{2h}−1)) of fresh noise.
 */
export function dpmSolverUpdate(input: DpmSolverStepInput): Float32Array {
  const [target, s0, s1, s2] = input.sigmas.map(alphaSigmaLambda) as [ReturnType<typeof alphaSigmaLambda>, ReturnType<typeof alphaSigmaLambda>, ReturnType<typeof alphaSigmaLambda>, ReturnType<typeof alphaSigmaLambda>];
  const h = target.lambda - s0.lambda;
  const { alpha: alphaT, sigma: sigmaT } = target;
  const emh = Math.exp(-h);
  const eh = Math.exp(h);
  const [m0, m1, m2] = input.outputs as [Float32Array, Float32Array | undefined, Float32Array | undefined];
  const n = input.sample.length;
  const algorithm = input.algorithm;

  // weights: cx·x + c0·D0 + c1·D1 + c2·D2 + cn·noise
  let cx: number;
  let c0: number;
  let cn = 0;
  let c1 = 0;
  let c2 = 0;
  if (algorithm === 'dpmsolver++') {
    cx = sigmaT / s0.sigma;
    c0 = -alphaT * (emh - 1);
  } else if (algorithm === 'dpmsolver') {
    cx = alphaT / s0.alpha;
    c0 = -sigmaT * (eh - 1);
  } else if (algorithm === 'sde-dpmsolver++') {
    cx = (sigmaT / s0.sigma) * emh;
    c0 = alphaT * (1 - Math.exp(-2 * h));
    cn = sigmaT * Math.sqrt(1 - Math.exp(-2 * h));
  } else {
    cx = alphaT / s0.alpha;
    c0 = -2 * sigmaT * (eh - 1);
    cn = sigmaT * Math.sqrt(Math.exp(2 * h) - 1);
  }

  let d1: Float32Array | undefined;
  let d2: Float32Array | undefined;
  if (input.order >= 2) {
    const h0 = s0.lambda - s1.lambda;
    const r0 = h0 / h;
    if (input.order === 2) {
      d1 = m0.map((v, k) => (v - m1![k]!) / r0);
      const midpoint = input.solverType === 'midpoint';
      if (algorithm === 'dpmsolver++') c1 = midpoint ? -0.5 * alphaT * (emh - 1) : alphaT * ((emh - 1) / h + 1);
      else if (algorithm === 'dpmsolver') c1 = midpoint ? -0.5 * sigmaT * (eh - 1) : -sigmaT * ((eh - 1) / h - 1);
      else if (algorithm === 'sde-dpmsolver++') c1 = midpoint ? 0.5 * alphaT * (1 - Math.exp(-2 * h)) : alphaT * ((1 - Math.exp(-2 * h)) / (-2 * h) + 1);
      else c1 = midpoint ? -sigmaT * (eh - 1) : -2 * sigmaT * ((eh - 1) / h - 1);
    } else {
      const h1 = s1.lambda - s2.lambda;
      const r1 = h1 / h;
      const d10 = m0.map((v, k) => (v - m1![k]!) / r0);
      const d11 = m1!.map((v, k) => (v - m2![k]!) / r1);
      d1 = d10.map((v, k) => v + (r0 / (r0 + r1)) * (v - d11[k]!));
      d2 = d10.map((v, k) => (v - d11[k]!) / (r0 + r1));
      if (algorithm === 'dpmsolver++') {
        c1 = alphaT * ((emh - 1) / h + 1);
        c2 = -alphaT * ((emh - 1 + h) / (h * h) - 0.5);
      } else if (algorithm === 'dpmsolver') {
        c1 = -sigmaT * ((eh - 1) / h - 1);
        c2 = -sigmaT * ((eh - 1 - h) / (h * h) - 0.5);
      } else if (algorithm === 'sde-dpmsolver++') {
        c1 = alphaT * ((1 - Math.exp(-2 * h)) / (-2 * h) + 1);
        c2 = alphaT * ((1 - Math.exp(-2 * h) - 2 * h) / (2 * h) ** 2 - 0.5);
      } else {
        // diffusers has no third-order sde-dpmsolver update; DpmSolverMultistepScheduler refuses that config
        throw new RangeError('sde-dpmsolver has no third-order update');
      }
    }
  }

  const out = new Float32Array(n);
  const x = input.sample;
  const noise = input.noise;
  for (let k = 0; k < n; k++) {
    let v = cx * x[k]! + c0 * m0[k]!;
    if (d1) v += c1 * d1[k]!;
    if (d2) v += c2 * d2[k]!;
    if (cn !== 0 && noise) v += cn * noise[k]!;
    out[k] = v;
  }
  return out;
}
