// Converts a model's raw output (ε, v or x0) to the quantities schedulers step with.
import type { PredictionType, SchedulerSettings } from './scheduler-config.ts';

/** σ-space (k-diffusion) x0 estimate from input x at noise level σ: ε → x − σε; v → −σ/√(σ²+1)·v + x/(σ²+1). */
export function sigmaSpaceOriginal(prediction: PredictionType, output: Float32Array, sample: Float32Array, sigma: number): Float32Array {
  const out = new Float32Array(sample.length);
  if (prediction === 'epsilon') {
    for (let i = 0; i < out.length; i++) out[i] = sample[i]! - sigma * output[i]!;
  } else if (prediction === 'v_prediction') {
    const a = -sigma / Math.sqrt(sigma * sigma + 1);
    const b = 1 / (sigma * sigma + 1);
    for (let i = 0; i < out.length; i++) out[i] = a * output[i]! + b * sample[i]!;
  } else {
    out.set(output);
  }
  return out;
}

/** DDPM-space x0 and ε from ᾱ_t: ε → x0 = (x − √(1−ᾱ)ε)/√ᾱ; v → x0 = √ᾱx − √(1−ᾱ)v, ε = √ᾱv + √(1−ᾱ)x. */
export function ddpmOriginalAndEpsilon(prediction: PredictionType, output: Float32Array, sample: Float32Array, alphaBar: number): { original: Float32Array; epsilon: Float32Array } {
  const a = Math.sqrt(alphaBar);
  const s = Math.sqrt(1 - alphaBar);
  const original = new Float32Array(sample.length);
  const epsilon = new Float32Array(sample.length);
  for (let i = 0; i < sample.length; i++) {
    const x = sample[i]!;
    const m = output[i]!;
    if (prediction === 'epsilon') {
      original[i] = (x - s * m) / a;
      epsilon[i] = m;
    } else if (prediction === 'v_prediction') {
      original[i] = a * x - s * m;
      epsilon[i] = a * m + s * x;
    } else {
      original[i] = m;
      epsilon[i] = (x - a * m) / s;
    }
  }
  return { original, epsilon };
}

/**
 * clip_sample and dynamic thresholding (Imagen) on an x0 estimate, as diffusers' DDIM/LCM apply them. The
 * threshold quantile is taken over the whole tensor (diffusers: per batch item; identical for batch size 1).
 */
export function limitOriginal(original: Float32Array, settings: SchedulerSettings): Float32Array {
  if (settings.thresholding) {
    const sorted = Float32Array.from(original, Math.abs).sort();
    // torch.quantile's default "linear" interpolation between the two nearest ranks
    const position = settings.dynamicThresholdingRatio * (sorted.length - 1);
    const lo = Math.floor(position);
    const hi = Math.min(sorted.length - 1, lo + 1);
    const q = sorted[lo]! + (position - lo) * (sorted[hi]! - sorted[lo]!);
    const s = Math.min(Math.max(q, 1), settings.sampleMaxValue);
    return original.map((v) => Math.min(s, Math.max(-s, v)) / s);
  }
  if (settings.clipSample) {
    const r = settings.clipSampleRange;
    return original.map((v) => Math.min(r, Math.max(-r, v)));
  }
  return original;
}

/** x + σ·noise (σ-space) or √ᾱ·x + √(1−ᾱ)·noise (DDPM space). */
export function mix(original: Float32Array, noise: Float32Array, signal: number, noiseScale: number): Float32Array {
  const out = new Float32Array(original.length);
  for (let i = 0; i < out.length; i++) out[i] = signal * original[i]! + noiseScale * noise[i]!;
  return out;
}
