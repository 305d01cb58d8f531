// β/ᾱ schedules and σ conversions shared by all schedulers (diffusers' linear, scaled_linear, betas_for_alpha_bar).
// Precision: diffusers builds β, ᾱ and the training σ as float32 torch tensors, so these tables are rounded to
// float32 at each torch operation (Math.fround) and held in float64 arrays; everything numpy does on top of them
// (interpolation, Karras σ) stays float64 as in numpy. The result matches diffusers to ≤ 1 float32 ulp per entry
// (torch's vectorised linspace kernel may round a β differently by one ulp).
import type { SchedulerSettings } from './scheduler-config.ts';

const f32 = Math.fround;

/** torch.linspace(start, end, count, dtype=float32): step in float32, first half counted up from start, second half down from end. */
export function torchLinspaceFloat32(start: number, end: number, count: number): number[] {
  const s = f32(start);
  const e = f32(end);
  if (count === 1) return [s];
  const step = f32(f32(e - s) / (count - 1));
  const half = Math.floor(count / 2);
  return Array.from({ length: count }, (_, i) => (i < half ? f32(s + f32(step * i)) : f32(e - f32(step * (count - i - 1)))));
}

export function betas(settings: SchedulerSettings): number[] {
  const n = settings.numTrainTimesteps;
  if (settings.trainedBetas) return settings.trainedBetas.map(f32);
  switch (settings.betaSchedule) {
    case 'linear':
      return torchLinspaceFloat32(settings.betaStart, settings.betaEnd, n);
    case 'scaled_linear':
      // SD's schedule: linear in √β
      return torchLinspaceFloat32(Math.sqrt(settings.betaStart), Math.sqrt(settings.betaEnd), n).map((b) => f32(b * b));
    case 'squaredcos_cap_v2': {
      // Glide cosine schedule, β capped at 0.999, computed in Python floats then stored as float32
      const alphaBar = (t: number) => Math.cos(((t + 0.008) / 1.008) * (Math.PI / 2)) ** 2;
      return Array.from({ length: n }, (_, i) => f32(Math.min(1 - alphaBar((i + 1) / n) / alphaBar(i / n), 0.999)));
    }
  }
}

/** rescale_zero_terminal_snr (Lin et al. 2023, algorithm 1) on float32 betas: shifts √ᾱ so that ᾱ_T = 0. */
function rescaleZeroTerminalSnr(b: number[]): number[] {
  const sqrt = cumprodFloat32(b.map((v) => f32(1 - v))).map((a) => f32(Math.sqrt(a)));
  const first = sqrt[0]!;
  const last = sqrt[sqrt.length - 1]!;
  const scale = f32(first / f32(first - last));
  const bar = sqrt.map((s) => f32(f32(s - last) * scale)).map((s) => f32(s * s));
  return bar.map((a, i) => f32(1 - (i === 0 ? a : f32(a / bar[i - 1]!))));
}

/** torch.cumprod on CPU accumulates in double and rounds each output to the tensor's float32. */
function cumprodFloat32(values: number[]): number[] {
  let product = 1;
  return values.map((v) => {
    product *= v;
    return f32(product);
  });
}

/**
 * ᾱ_t = Π(1 − β). With rescale_betas_zero_snr ᾱ_T becomes 0; `zeroSnrFloor` sets it to 2⁻²⁴ instead, as
 * diffusers' σ-space schedulers (Euler, Euler a, DPM-Solver) do to keep σ finite (DDIM and LCM keep the 0).
 */
export function alphasCumprod(settings: SchedulerSettings, options: { zeroSnrFloor?: boolean } = {}): Float64Array {
  let b = betas(settings);
  if (settings.rescaleBetasZeroSnr) b = rescaleZeroTerminalSnr(b);
  const out = Float64Array.from(cumprodFloat32(b.map((v) => f32(1 - v))));
  if (settings.rescaleBetasZeroSnr && (options.zeroSnrFloor ?? true)) out[out.length - 1] = 2 ** -24;
  return out;
}

/** σ_t = √((1 − ᾱ_t)/ᾱ_t) for every training timestep (ascending in t), as float32 torch computes it. */
export function trainingSigmas(alphaBar: Float64Array): Float64Array {
  return alphaBar.map((a) => f32(Math.sqrt(f32(f32(1 - a) / a))));
}

/** np.log of the float32 training σ (numpy keeps float32), the table diffusers' _sigma_to_t interpolates in. */
export function logSigmasOf(train: Float64Array): Float64Array {
  return train.map((s) => f32(Math.log(s)));
}

/** numpy.interp(x, arange(len), values): linear interpolation at fractional index x, clamped at the ends. */
export function interpolateAt(values: ArrayLike<number>, x: number): number {
  if (x <= 0) return values[0]!;
  const last = values.length - 1;
  if (x >= last) return values[last]!;
  const lo = Math.floor(x);
  // numpy: slope·(x − x_lo) + y_lo
  return (values[lo + 1]! - values[lo]!) * (x - lo) + values[lo]!;
}

/** numpy.linspace(start, stop, count): i·step + start, the last point exactly `stop`. */
export function numpyLinspace(start: number, stop: number, count: number, endpoint = true): number[] {
  const div = endpoint ? count - 1 : count;
  if (count === 1) return [start];
  const step = (stop - start) / div;
  return Array.from({ length: count }, (_, i) => (endpoint && i === count - 1 ? stop : i * step + start));
}

/** Karras et al. (2022) σ schedule with ρ = 7 between σ_max and σ_min. */
export function karrasSigmas(sigmaMin: number, sigmaMax: number, count: number, rho = 7): number[] {
  const minInv = sigmaMin ** (1 / rho);
  const maxInv = sigmaMax ** (1 / rho);
  return numpyLinspace(0, 1, count).map((r) => (maxInv + r * (minInv - maxInv)) ** rho);
}

/** Log-uniform σ between σ_max and σ_min (use_exponential_sigmas). */
export function exponentialSigmas(sigmaMin: number, sigmaMax: number, count: number): number[] {
  return numpyLinspace(Math.log(sigmaMax), Math.log(sigmaMin), count).map(Math.exp);
}

/** diffusers' _sigma_to_t: interpolate log σ between training timesteps to a fractional t. */
export function sigmaToTimestep(sigma: number, logSigmas: ArrayLike<number>): number {
  const logSigma = Math.log(Math.max(sigma, 1e-10));
  // last index whose log σ is ≤ the target (the table ascends), clipped so that a successor exists
  let low = 0;
  for (let i = 0; i < logSigmas.length; i++) if (logSigma - logSigmas[i]! >= 0) low = i;
  low = Math.min(low, logSigmas.length - 2);
  const high = low + 1;
  // the table is float32 in numpy, so its difference is too; at σ_max this decides between t = 999 and 998.99…
  const w = Math.min(1, Math.max(0, (logSigmas[low]! - logSigma) / f32(logSigmas[low]! - logSigmas[high]!)));
  return (1 - w) * low + w * high;
}
