// β/ᾱ schedules and σ conversions shared by all schedulers (diffusers' betas_for_alpha_bar, scaled_linear, …).
// Computed in float64; diffusers builds them in float32 torch, a difference below 1e-6 relative.
import type { SchedulerSettings } from './scheduler-config.ts';

function linspace(start: number, end: number, count: number): number[] {
  if (count === 1) return [start];
  return Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1));
}

export function betas(settings: SchedulerSettings): number[] {
  const n = settings.numTrainTimesteps;
  if (settings.trainedBetas) return [...settings.trainedBetas];
  switch (settings.betaSchedule) {
    case 'linear':
      return linspace(settings.betaStart, settings.betaEnd, n);
    case 'scaled_linear':
      // SD's schedule: linear in √β
      return linspace(Math.sqrt(settings.betaStart), Math.sqrt(settings.betaEnd), n).map((b) => b * b);
    case 'squaredcos_cap_v2': {
      // Glide cosine schedule, β capped at 0.999
      const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
      return Array.from({ length: n }, (_, i) => Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), 0.999));
    }
  }
}

/** ᾱ_t = Π(1 − β); with rescale_betas_zero_snr the schedule is shifted so ᾱ at the last step is 0 (almost). */
export function alphasCumprod(settings: SchedulerSettings): Float64Array {
  const b = betas(settings);
  const out = new Float64Array(b.length);
  let prod = 1;
  for (let i = 0; i < b.length; i++) {
    prod *= 1 - b[i]!;
    out[i] = prod;
  }
  if (!settings.rescaleBetasZeroSnr) return out;
  const sqrt = Array.from(out, Math.sqrt);
  const first = sqrt[0]!;
  const last = sqrt[sqrt.length - 1]!;
  const rescaled = sqrt.map((s) => ((s - last) * first) / (first - last));
  const result = Float64Array.from(rescaled, (s) => s * s);
  // diffusers then sets the last ᾱ to 2^-24 so that σ stays finite
  result[result.length - 1] = 2 ** -24;
  return result;
}

/** σ_t = √((1 − ᾱ_t)/ᾱ_t) for every training timestep (ascending in t). */
export function trainingSigmas(alphaBar: Float64Array): Float64Array {
  return alphaBar.map((a) => Math.sqrt((1 - a) / a));
}

/** numpy.interp(x, arange(len), values): linear interpolation at fractional index x, clamped at the ends. */
export function interpolateAt(values: ArrayLike<number>, x: number): number {
  if (x <= 0) return values[0]!;
  const last = values.length - 1;
  if (x >= last) return values[last]!;
  const lo = Math.floor(x);
  return values[lo]! + (x - lo) * (values[lo + 1]! - values[lo]!);
}

/** Karras et al. (2022) σ schedule with ρ = 7 between σ_max and σ_min. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, count: number, rho = 7): number[] {
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  return linspace(0, 1, count).map((r) => (maxInv + r * (minInv - maxInv)) ** rho);
}

/** diffusers' _sigma_to_t: interpolate log σ between training timesteps to a fractional t. */
export function sigmaToTimestep(sigma: number, logSigmas: ArrayLike<number>): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  let low = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i]! >= 0) low = i;
  low = Math.min(low, logSigmas.length - 2);
  const high = low + 1;
  const w = Math.min(1, Math.max(0, (logSigmas[low]! - logSigma) / (logSigmas[low]! - logSigmas[high]!)));
  return (1 - w) * low + w * high;
}
