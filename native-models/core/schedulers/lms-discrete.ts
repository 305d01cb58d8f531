// Linear multistep (k-diffusion's LMS, diffusers' LMSDiscreteScheduler, order 4): Euler derivatives of the last
// steps combined with weights from integrating their Lagrange basis polynomials over the next σ interval.
import type { SchedulerStepResult } from './scheduler.ts';
import { sigmaSpaceOriginal } from './model-output.ts';
import { SigmaSpaceScheduler } from './sigma-space-scheduler.ts';

// 4-point Gauss–Legendre: exact for polynomials up to degree 7, and the basis polynomials here have degree ≤ 3,
// so this equals scipy's adaptive quad that diffusers uses (to rounding).
const GAUSS_NODES = [-0.8611363115940526, -0.3399810435848563, 0.3399810435848563, 0.8611363115940526];
const GAUSS_WEIGHTS = [0.3478548451374538, 0.6521451548625461, 0.6521451548625461, 0.3478548451374538];

function integrate(f: (x: number) => number, a: number, b: number): number {
  const half = (b - a) / 2;
  const mid = (a + b) / 2;
  return GAUSS_NODES.reduce((sum, node, k) => sum + GAUSS_WEIGHTS[k]! * f(mid + half * node), 0) * half;
}

export class LmsDiscreteScheduler extends SigmaSpaceScheduler {
  readonly name: string = 'lms';
  private derivatives: Float32Array[] = [];
  private readonly lmsOrder = 4;

  override setTimesteps(numSteps: number): void {
    super.setTimesteps(numSteps);
    this.derivatives = [];
  }

  /** ∫_{σ_i}^{σ_{i+1}} Π_{k≠j} (τ − σ_{i−k}) / (σ_{i−j} − σ_{i−k}) dτ */
  private coefficient(order: number, i: number, j: number): number {
    const s = this.sigmas;
    const basis = (tau: number) => {
      let product = 1;
      for (let k = 0; k < order; k++) {
        if (k === j) continue;
        product *= (tau - s[i - k]!) / (s[i - j]! - s[i - k]!);
      }
      return product;
    };
    return integrate(basis, s[i]!, s[i + 1]!);
  }

  step(modelOutput: Float32Array, t: number, sample: Float32Array): SchedulerStepResult {
    const i = this.currentIndex(t);
    const sigma = this.sigmas[i]!;
    const original = sigmaSpaceOriginal(this.settings.predictionType, modelOutput, sample, sigma);
    const derivative = new Float32Array(sample.length);
    for (let k = 0; k < sample.length; k++) derivative[k] = (sample[k]! - original[k]!) / sigma;
    this.derivatives.push(derivative);
    if (this.derivatives.length > this.lmsOrder) this.derivatives.shift();
    // diffusers takes the order from the position (min(i + 1, 4)) and zips its coefficients with the derivatives
    // it has: a loop that starts part-way (img2img) uses the order-4 weight of the newest derivative alone for
    // its first steps. Kept as is, so that img2img with LMS gives diffusers' images (its test_full_loop_with_noise).
    const order = Math.min(i + 1, this.lmsOrder);
    const coefficients = Array.from({ length: order }, (_, j) => this.coefficient(order, i, j));
    const prevSample = Float32Array.from(sample);
    // newest derivative pairs with j = 0
    const recent = [...this.derivatives].reverse();
    for (let j = 0; j < Math.min(order, recent.length); j++) {
      const d = recent[j]!;
      const c = coefficients[j]!;
      for (let k = 0; k < sample.length; k++) prevSample[k] = prevSample[k]! + c * d[k]!;
    }
    this.stepIndex = i + 1;
    return { prevSample, predOriginalSample: original };
  }
}
