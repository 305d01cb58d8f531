// The demo diffusion pack's specification as data: known words and their feature channels, the colour table,
// the VAE's linear maps and the noise schedule. The graphs and the independent oracle reference both read it.

/** Colour words in feature-channel order (channel = index); values are sRGB 0–255 (issue 2 §4). */
export const DEMO_COLOURS = [
  { name: 'red', rgb: [255, 0, 0] },
  { name: 'green', rgb: [0, 255, 0] },
  { name: 'blue', rgb: [0, 0, 255] },
  { name: 'yellow', rgb: [255, 255, 0] },
  { name: 'cyan', rgb: [0, 255, 255] },
  { name: 'magenta', rgb: [255, 0, 255] },
  { name: 'white', rgb: [255, 255, 255] },
  { name: 'black', rgb: [0, 0, 0] },
  { name: 'gray', rgb: [128, 128, 128] },
  { name: 'orange', rgb: [255, 128, 0] },
  { name: 'purple', rgb: [128, 0, 128] },
] as const;

export type DemoColourName = (typeof DEMO_COLOURS)[number]['name'];

/** Shape words in precedence order: when several are named, the first of this list wins. */
export const DEMO_SHAPES = ['circle', 'square', 'stripes'] as const;
export type DemoShapeName = (typeof DEMO_SHAPES)[number];

/**
 * Composition words: a colour named after "on", or followed within two tokens by "background", is the
 * background's colour instead of the shape's ("blue square on yellow", "a yellow background, red circle").
 */
export const DEMO_COMPOSITION_WORDS = ['on', 'background'] as const;
export type DemoCompositionWord = (typeof DEMO_COMPOSITION_WORDS)[number];

/** Tokens after a colour within which "background" makes it the background colour ("cyan" is 2 tokens). */
export const BACKGROUND_WORD_REACH = 2;

export type DemoFeatureName = DemoColourName | DemoShapeName | DemoCompositionWord;

/** Feature channels of `last_hidden_state`: colours 0–10, shapes 11–13, "on" 14, "background" 15; others 0. */
export const FEATURE_CHANNELS: readonly DemoFeatureName[] = [...DEMO_COLOURS.map((c) => c.name), ...DEMO_SHAPES, ...DEMO_COMPOSITION_WORDS];
export const COLOUR_CHANNEL_COUNT = DEMO_COLOURS.length;
export const SHAPE_CHANNEL_COUNT = DEMO_SHAPES.length;
export const FEATURE_CHANNEL_COUNT = FEATURE_CHANNELS.length;
export const ON_CHANNEL = FEATURE_CHANNELS.indexOf('on');
export const BACKGROUND_CHANNEL = FEATURE_CHANNELS.indexOf('background');

/** Prompt words the text encoder recognises, with the feature they light up (`grey` is an alias of gray). */
export const DEMO_WORDS: readonly { word: string; feature: DemoFeatureName }[] = [
  ...FEATURE_CHANNELS.map((feature) => ({ word: feature, feature })),
  { word: 'grey', feature: 'gray' },
];

/** sRGB 0–255 → model (VAE image) space [-1, 1], the inverse of the pipelines' clip(x/2+0.5)·255. */
export function srgbToModel(value: number): number {
  return value / 127.5 - 1;
}

/** The mid-gray used for "no colour" and for a background no colour was named for: sRGB 128 in all channels. */
export const BACKGROUND_RGB = [128, 128, 128] as const;

/** SD 1.x/2.x VAE scaling factor; the pipelines multiply encoder output by it and divide before decoding. */
export const VAE_SCALING_FACTOR = 0.18215;

/**
 * VAE decoder's 1×1 linear map: image[c] = Σ_k D[c][k]·latent[k] + d[c]. Deliberately mixes channels so a
 * channel mix-up (or a missing scaling factor) shows up as a wrong colour.
 */
export const VAE_DECODER_MATRIX: readonly (readonly number[])[] = [
  [0.25, 0.1, -0.05, 0.15],
  [-0.05, 0.3, 0.1, 0.05],
  [0.1, -0.05, 0.25, -0.1],
];
export const VAE_DECODER_BIAS: readonly number[] = [0.02, -0.03, 0.01];

function invert3x3(m: number[][]): number[][] {
  const [a, b, c] = m as [number[], number[], number[]];
  const det = a[0]! * (b[1]! * c[2]! - b[2]! * c[1]!) - a[1]! * (b[0]! * c[2]! - b[2]! * c[0]!) + a[2]! * (b[0]! * c[1]! - b[1]! * c[0]!);
  const cof = (r0: number[], r1: number[], i: number, j: number): number => r0[i]! * r1[j]! - r0[j]! * r1[i]!;
  return [
    [cof(b, c, 1, 2) / det, -cof(a, c, 1, 2) / det, cof(a, b, 1, 2) / det],
    [-cof(b, c, 0, 2) / det, cof(a, c, 0, 2) / det, -cof(a, b, 0, 2) / det],
    [cof(b, c, 0, 1) / det, -cof(a, c, 0, 1) / det, cof(a, b, 0, 1) / det],
  ];
}

/** The encoder's map E = Dᵀ(DDᵀ)⁻¹ (4×3), so D·E = I: decode(encode(img)) = img for 8×8-constant images. */
export function vaeEncoderMatrix(): number[][] {
  const d = VAE_DECODER_MATRIX;
  const ddt = d.map((ri) => d.map((rj) => ri.reduce((s, v, k) => s + v * rj[k]!, 0)));
  const inv = invert3x3(ddt);
  return [0, 1, 2, 3].map((k) => [0, 1, 2].map((c) => d.reduce((s, row, r) => s + row[k]! * inv[r]![c]!, 0)));
}

/** The encoder's bias −E·d, so that encode subtracts the decoder's bias before inverting. */
export function vaeEncoderBias(): number[] {
  return vaeEncoderMatrix().map((row) => -row.reduce((s, v, c) => s + v * VAE_DECODER_BIAS[c]!, 0));
}

/** The training noise schedule of SD 1.x/2.x, as every demo scheduler_config.json states it. */
export const DEMO_SCHEDULE = { betaStart: 0.00085, betaEnd: 0.012, betaSchedule: 'scaled_linear', numTrainTimesteps: 1000 } as const;

/** LCM guidance embedding size (UNet `time_cond_proj_dim`). */
export const LCM_TIME_COND_DIM = 256;

/** VAE encoders' log-variance: diffusers' clamp floor, so a sampled latent is the mean to within 3.1e-7·N(0,1). */
export const VAE_LOGVAR = -30;
