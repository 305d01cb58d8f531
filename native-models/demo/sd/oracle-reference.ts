// A plain-TypeScript second implementation of the demo diffusion models' behaviour (no ONNX), so that tests
// and pipeline tests can compute expected pictures, latents and noise predictions by hand. Pure: no node:*.
import {
  BACKGROUND_CHANNEL,
  BACKGROUND_RGB,
  BACKGROUND_WORD_REACH,
  COLOUR_CHANNEL_COUNT,
  DEMO_COLOURS,
  DEMO_SCHEDULE,
  DEMO_SHAPES,
  FEATURE_CHANNELS,
  FEATURE_CHANNEL_COUNT,
  ON_CHANNEL,
  SHAPE_CHANNEL_COUNT,
  VAE_DECODER_BIAS,
  VAE_DECODER_MATRIX,
  VAE_SCALING_FACTOR,
  srgbToModel,
  vaeEncoderBias,
  vaeEncoderMatrix,
  type DemoColourName,
  type DemoFeatureName,
  type DemoShapeName,
} from './demo-sd-spec.ts';
import type { DemoVocabulary } from './demo-vocabulary.ts';

/**
 * What the UNet reads from the hidden states: the shape's colour weights (11, DEMO_COLOURS order), the shape
 * weights (3), then the background's colour weights (11). Length ORACLE_FEATURE_COUNT.
 */
export type DemoFeatures = number[];

export const ORACLE_FEATURE_COUNT = COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT + COLOUR_CHANNEL_COUNT;
const BACKGROUND_OFFSET = COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT;

/** Features from named words with weights, e.g. `{ blue: 1, square: 1 }` on `{ yellow: 1 }`. */
export function featuresFromWords(weights: Partial<Record<DemoFeatureName, number>>, background: Partial<Record<DemoColourName, number>> = {}): DemoFeatures {
  return [...FEATURE_CHANNELS.slice(0, BACKGROUND_OFFSET).map((name) => weights[name] ?? 0), ...DEMO_COLOURS.map((c) => background[c.name] ?? 0)];
}

/** The text encoder's `last_hidden_state` feature rows [S][16] for one token sequence (two-token words at their first). */
export function hiddenRows(ids: ArrayLike<number | bigint>, vocabulary: DemoVocabulary, tokenWeights?: ArrayLike<number>): number[][] {
  const id = (i: number): number => (i < ids.length ? Number(ids[i]) : -1);
  return Array.from({ length: ids.length }, (_, i) => {
    const row = new Array<number>(FEATURE_CHANNEL_COUNT).fill(0);
    for (const word of vocabulary.words) {
      if (word.tokenIds.every((t, k) => id(i + k) === t)) row[word.channel]! += tokenWeights ? tokenWeights[i]! : 1;
    }
    return row;
  });
}

/**
 * The UNet's reading of feature rows: colours after an "on", or with "background" within the next
 * BACKGROUND_WORD_REACH tokens, vote for the background; other colours for the shape; shapes count anywhere.
 */
export function featuresFromRows(rows: readonly (readonly number[])[]): DemoFeatures {
  const out = new Array<number>(ORACLE_FEATURE_COUNT).fill(0);
  let onSeen = false;
  rows.forEach((row, s) => {
    const backgroundNext = rows.slice(s + 1, s + 1 + BACKGROUND_WORD_REACH).some((r) => r[BACKGROUND_CHANNEL]! > 0);
    const offset = onSeen || backgroundNext ? BACKGROUND_OFFSET : 0;
    for (let c = 0; c < COLOUR_CHANNEL_COUNT; c++) out[offset + c]! += row[c]!;
    for (let k = 0; k < SHAPE_CHANNEL_COUNT; k++) out[COLOUR_CHANNEL_COUNT + k]! += row[COLOUR_CHANNEL_COUNT + k]!;
    if (row[ON_CHANNEL]! > 0) onSeen = true;
  });
  return out;
}

/** Features the UNet derives from one token sequence (BOS/EOS/pad and unknown ids add nothing). */
export function featuresFromTokenIds(ids: ArrayLike<number | bigint>, vocabulary: DemoVocabulary, tokenWeights?: ArrayLike<number>): DemoFeatures {
  return featuresFromRows(hiddenRows(ids, vocabulary, tokenWeights));
}

/**
 * Feature rows that express `features` as a prompt would: shape colours and shapes first (one token each),
 * then "on", then the background colours. Position 0 is left empty (BOS), as a real sequence has it.
 */
export function rowsForFeatures(features: DemoFeatures): number[][] {
  const rows: number[][] = [new Array<number>(FEATURE_CHANNEL_COUNT).fill(0)];
  const row = (channel: number, value: number): void => {
    const r = new Array<number>(FEATURE_CHANNEL_COUNT).fill(0);
    r[channel] = value;
    rows.push(r);
  };
  for (let c = 0; c < BACKGROUND_OFFSET; c++) if (features[c] !== 0) row(c, features[c]!);
  const background = features.slice(BACKGROUND_OFFSET);
  if (background.some((v) => v !== 0)) {
    row(ON_CHANNEL, 1);
    background.forEach((v, c) => v !== 0 && row(c, v));
  }
  return rows;
}

/** Feature-weighted mean of the colour weights in model space; undefined when they sum to ≤ 1e-6. */
function weightedColour(weights: readonly number[]): [number, number, number] | undefined {
  let total = 0;
  const sum = [0, 0, 0];
  for (let i = 0; i < COLOUR_CHANNEL_COUNT; i++) {
    total += weights[i]!;
    for (let c = 0; c < 3; c++) sum[c]! += weights[i]! * srgbToModel(DEMO_COLOURS[i]!.rgb[c]!);
  }
  return total > 1e-6 ? (sum.map((v) => v / total) as [number, number, number]) : undefined;
}

const GRAY_MODEL = BACKGROUND_RGB.map(srgbToModel) as [number, number, number];

/** The background colour in model space: the mean of the background's colours, mid-gray when none. */
export function backgroundColour(features: DemoFeatures): [number, number, number] {
  return weightedColour(features.slice(BACKGROUND_OFFSET)) ?? GRAY_MODEL;
}

/** The shape's colour in model space: feature-weighted mean of its named colours, mid-gray when none. */
export function targetColour(features: DemoFeatures): [number, number, number] {
  return weightedColour(features) ?? GRAY_MODEL;
}

/** The painted shape: the first of circle, square, stripes with a positive feature; undefined = fill all. */
export function targetShape(features: DemoFeatures): DemoShapeName | undefined {
  return DEMO_SHAPES.find((_, k) => features[COLOUR_CHANNEL_COUNT + k]! > 0);
}

/**
 * Whether latent pixel (x, y) of an h×w latent is inside the shape, judged at its centre in image pixels
 * X = 8(x+0.5), Y = 8(y+0.5) of the 8w×8h image (boundary counts as inside).
 */
export function insideShape(shape: DemoShapeName | undefined, x: number, y: number, latentH: number, latentW: number): boolean {
  const W = 8 * latentW;
  const H = 8 * latentH;
  const X = 8 * (x + 0.5);
  const Y = 8 * (y + 0.5);
  const quarterMin = Math.min(W, H) / 4; // disc radius = half the square's side = min(W,H)/4
  switch (shape) {
    case undefined:
      return true;
    case 'circle':
      return (X - W / 2) ** 2 + (Y - H / 2) ** 2 <= quarterMin ** 2;
    case 'square':
      return Math.abs(X - W / 2) <= quarterMin && Math.abs(Y - H / 2) <= quarterMin;
    case 'stripes':
      return Math.floor(X / (W / 8)) % 2 === 0;
  }
}

/**
 * Target image per latent pixel, model space, CHW [3, h, w]: the shape's colour inside the shape, the
 * background's outside. No shape: the whole image is the shape's colour, or the background's when only it is named.
 */
export function targetImage(features: DemoFeatures, latentH: number, latentW: number): Float64Array {
  const colour = targetColour(features);
  const background = backgroundColour(features);
  const shape = targetShape(features);
  const fillAll = shape === undefined && weightedColour(features) !== undefined;
  const out = new Float64Array(3 * latentH * latentW);
  for (let y = 0; y < latentH; y++) {
    for (let x = 0; x < latentW; x++) {
      const inside = shape === undefined ? fillAll : insideShape(shape, x, y, latentH, latentW);
      for (let c = 0; c < 3; c++) out[(c * latentH + y) * latentW + x] = inside ? colour[c]! : background[c]!;
    }
  }
  return out;
}

/** What a correct pipeline's PNG holds: HWC uint8 sRGB of the 8w×8h image, round(clip(x/2+0.5)·255). */
export function targetImageRgb(features: DemoFeatures, latentH: number, latentW: number): Uint8Array {
  return modelImageToRgb(targetImage(features, latentH, latentW), latentH, latentW);
}

/** Model-space CHW per latent pixel → HWC uint8 of the ×8 image, quantised as the pipelines do. */
export function modelImageToRgb(image: ArrayLike<number>, latentH: number, latentW: number): Uint8Array {
  const W = 8 * latentW;
  const out = new Uint8Array(8 * latentH * W * 3);
  for (let Y = 0; Y < 8 * latentH; Y++) {
    for (let X = 0; X < W; X++) {
      for (let c = 0; c < 3; c++) {
        const v = image[(c * latentH + Math.floor(Y / 8)) * latentW + Math.floor(X / 8)]!;
        out[(Y * W + X) * 3 + c] = Math.round(Math.min(1, Math.max(0, v / 2 + 0.5)) * 255);
      }
    }
  }
  return out;
}

/** VAE encoder (unscaled) of one model-space RGB value: E·(rgb − d). */
export function vaeEncodePixel(rgb: ArrayLike<number>): number[] {
  const e = vaeEncoderMatrix();
  const bias = vaeEncoderBias();
  return e.map((row, k) => row.reduce((s, v, c) => s + v * rgb[c]!, bias[k]!));
}

/** VAE decoder of one unscaled latent pixel: D·z + d. */
export function vaeDecodePixel(latent: ArrayLike<number>): number[] {
  return VAE_DECODER_MATRIX.map((row, c) => row.reduce((s, v, k) => s + v * latent[k]!, VAE_DECODER_BIAS[c]!));
}

/** Applies a per-pixel map over CHW planes. */
function mapPixels(input: ArrayLike<number>, inChannels: number, outChannels: number, pixels: number, f: (v: number[]) => number[]): Float64Array {
  const out = new Float64Array(outChannels * pixels);
  for (let p = 0; p < pixels; p++) {
    const r = f(Array.from({ length: inChannels }, (_, c) => input[c * pixels + p]!));
    for (let c = 0; c < outChannels; c++) out[c * pixels + p] = r[c]!;
  }
  return out;
}

/** x0* = 0.18215·E(target): the scaled clean latent [4, h, w] the UNet oracle aims at. */
export function cleanLatent(features: DemoFeatures, latentH: number, latentW: number): Float64Array {
  const n = latentH * latentW;
  return mapPixels(targetImage(features, latentH, latentW), 3, 4, n, (rgb) => vaeEncodePixel(rgb).map((v) => v * VAE_SCALING_FACTOR));
}

/** Decodes a scaled latent [4, h, w] to model space [3, h, w] per latent pixel, as a pipeline would. */
export function decodeScaledLatent(latent: ArrayLike<number>, latentH: number, latentW: number): Float64Array {
  return mapPixels(latent, 4, 3, latentH * latentW, (z) => vaeDecodePixel(z.map((v) => v / VAE_SCALING_FACTOR)));
}

/** ᾱ_t for t = 0…999: betas = linspace(√β0, √β1, 1000)², ᾱ = cumprod(1−β) (scaled_linear). */
let alphaBarCache: Float64Array | undefined;

export function alphaBars(): Float64Array {
  if (alphaBarCache) return alphaBarCache;
  const n = DEMO_SCHEDULE.numTrainTimesteps;
  const a = Math.sqrt(DEMO_SCHEDULE.betaStart);
  const b = Math.sqrt(DEMO_SCHEDULE.betaEnd);
  const out = new Float64Array(n);
  let prod = 1;
  for (let i = 0; i < n; i++) {
    const beta = (a + ((b - a) * i) / (n - 1)) ** 2;
    prod *= 1 - beta;
    out[i] = prod;
  }
  alphaBarCache = out;
  return out;
}

/** σ(t) = √((1−ᾱ)/ᾱ), linear between integer timesteps, t clamped to [0, 999] (diffusers Euler sigmas). */
export function sigmaAt(t: number): number {
  const ab = alphaBars();
  const sigma = (i: number): number => Math.sqrt((1 - ab[i]!) / ab[i]!);
  const tc = Math.min(ab.length - 1, Math.max(0, t));
  const lo = Math.min(ab.length - 2, Math.floor(tc));
  return sigma(lo) + (tc - lo) * (sigma(lo + 1) - sigma(lo));
}

/** ε = (x_t − √ᾱ·x0)/√(1−ᾱ) with ᾱ = 1/(1+σ(t)²). */
export function epsilonOracle(xt: ArrayLike<number>, x0: ArrayLike<number>, t: number): Float64Array {
  const sigma = sigmaAt(t);
  const alphaBar = 1 / (1 + sigma * sigma);
  return Float64Array.from({ length: xt.length }, (_, i) => (xt[i]! - Math.sqrt(alphaBar) * x0[i]!) / Math.sqrt(1 - alphaBar));
}

/** v = √ᾱ·ε − √(1−ᾱ)·x0. */
export function vPredictionOracle(xt: ArrayLike<number>, x0: ArrayLike<number>, t: number): Float64Array {
  const sigma = sigmaAt(t);
  const alphaBar = 1 / (1 + sigma * sigma);
  const eps = epsilonOracle(xt, x0, t);
  return eps.map((e, i) => Math.sqrt(alphaBar) * e - Math.sqrt(1 - alphaBar) * x0[i]!);
}

/** x_t = √ᾱ·x0 + √(1−ᾱ)·ε: builds test inputs with a known answer. */
export function noisyLatent(x0: ArrayLike<number>, noise: ArrayLike<number>, t: number): Float64Array {
  const sigma = sigmaAt(t);
  const alphaBar = 1 / (1 + sigma * sigma);
  return Float64Array.from({ length: x0.length }, (_, i) => Math.sqrt(alphaBar) * x0[i]! + Math.sqrt(1 - alphaBar) * noise[i]!);
}

/** Inpainting target: mask·x0*(prompt) + (1−mask)·maskedImageLatents; mask is [h, w], latents [4, h, w]. */
export function inpaintTarget(x0: ArrayLike<number>, mask: ArrayLike<number>, maskedLatents: ArrayLike<number>): Float64Array {
  const pixels = mask.length;
  return Float64Array.from({ length: x0.length }, (_, i) => mask[i % pixels]! * x0[i]! + (1 - mask[i % pixels]!) * maskedLatents[i]!);
}

/** diffusers' LCM guidance embedding of w (= guidance_scale − 1): [sin(1000w·f_k), cos(1000w·f_k)], f_k = 10000^(−k/(half−1)). */
export function lcmGuidanceEmbedding(w: number, dim: number): Float64Array {
  const half = dim / 2;
  const out = new Float64Array(dim);
  for (let k = 0; k < half; k++) {
    const arg = 1000 * w * Math.exp((-k * Math.log(10000)) / (half - 1));
    out[k] = Math.sin(arg);
    out[half + k] = Math.cos(arg);
  }
  return out;
}

/** The LCM oracle's target: x0*("") + (w+1)·(x0*(prompt) − x0*("")), x0*("") being the mid-gray latent. */
export function lcmTarget(x0Prompt: ArrayLike<number>, w: number, latentH: number, latentW: number): Float64Array {
  const empty = cleanLatent(featuresFromWords({}), latentH, latentW);
  return Float64Array.from({ length: x0Prompt.length }, (_, i) => empty[i]! + (w + 1) * (x0Prompt[i]! - empty[i]!));
}
