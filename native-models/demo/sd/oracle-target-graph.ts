// The UNet oracle's first half as graph nodes: text features read in order (shape colours, shapes, background
// colours) → target colours and shape mask at the (dynamic) latent resolution → target image in [-1,1] → scaled
// clean latent x0* = 0.18215·E(target). oracle-reference.ts is the same rule in plain TypeScript.
import { attr, type OnnxGraphBuilder } from '../onnx-graph-builder.ts';
import {
  BACKGROUND_CHANNEL,
  BACKGROUND_RGB,
  BACKGROUND_WORD_REACH,
  COLOUR_CHANNEL_COUNT,
  DEMO_COLOURS,
  ON_CHANNEL,
  SHAPE_CHANNEL_COUNT,
  VAE_SCALING_FACTOR,
  srgbToModel,
  vaeEncoderBias,
  vaeEncoderMatrix,
} from './demo-sd-spec.ts';

const slice1 = (g: OnnxGraphBuilder, x: string, start: number, end: number): string => g.op('Slice', [x, g.i64([start]), g.i64([end]), g.i64([1])]);
const slice2 = (g: OnnxGraphBuilder, x: string, start: number, end: number): string => g.op('Slice', [x, g.i64([start]), g.i64([end]), g.i64([2])]);
const cast = (g: OnnxGraphBuilder, x: string, to: 'float32' | 'int64'): string => g.op('Cast', [x], { to: attr.dtype(to) });
const sumOverSequence = (g: OnnxGraphBuilder, x: string): string => g.op('ReduceSum', [x, g.i64([1])], { keepdims: attr.i(0) });

/** Row s+k of a [B,S,1] column at row s, 0 past the end, for any sequence length. */
function shiftedUp(g: OnnxGraphBuilder, column: string, k: number): string {
  const padded = g.op('Pad', [column, g.i64([0, 0, 0, 0, k, 0]), g.f32(0)]);
  return g.op('Slice', [padded, g.i64([k]), g.i64([Number.MAX_SAFE_INTEGER]), g.i64([1])]);
}

/**
 * Float32 [B,25] from encoder_hidden_states [B,S,H]: the shape's colour weights, the shape weights, the
 * background's colour weights. A colour row votes for the background after an "on" (exclusive running sum of
 * the "on" channel > 0) or when "background" is within the next BACKGROUND_WORD_REACH rows.
 */
export function promptFeatures(g: OnnxGraphBuilder, hiddenStates32: string): string {
  const colours = slice2(g, hiddenStates32, 0, COLOUR_CHANNEL_COUNT); // [B,S,11]
  const shapes = sumOverSequence(g, slice2(g, hiddenStates32, COLOUR_CHANNEL_COUNT, COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT));
  const onColumn = slice2(g, hiddenStates32, ON_CHANNEL, ON_CHANNEL + 1); // [B,S,1]
  const backgroundColumn = slice2(g, hiddenStates32, BACKGROUND_CHANNEL, BACKGROUND_CHANNEL + 1);
  const afterOn = g.op('Greater', [g.op('CumSum', [onColumn, g.i64(1)], { exclusive: attr.i(1) }), g.f32(0)]);
  let backgroundAhead = shiftedUp(g, backgroundColumn, 1);
  for (let k = 2; k <= BACKGROUND_WORD_REACH; k++) backgroundAhead = g.op('Add', [backgroundAhead, shiftedUp(g, backgroundColumn, k)]);
  const isBackground = cast(g, g.op('Or', [afterOn, g.op('Greater', [backgroundAhead, g.f32(0)])]), 'float32');
  const background = sumOverSequence(g, g.op('Mul', [colours, isBackground]));
  const shape = sumOverSequence(g, g.op('Mul', [colours, g.op('Sub', [g.f32(1), isBackground])]));
  return g.op('Concat', [shape, shapes, background], { axis: attr.i(1) });
}

/** Whether any colour is named in weights [B,11], as [B,1] bool (the colour weights sum to > 1e-6). */
function colourNamed(g: OnnxGraphBuilder, weights: string): string {
  return g.op('Greater', [g.op('ReduceSum', [weights, g.i64([1])], { keepdims: attr.i(1) }), g.f32(1e-6)]);
}

/** Feature-weighted mean colour [B,3,1,1] in model space of colour weights [B,11]; mid-gray when none is named. */
function meanColour(g: OnnxGraphBuilder, weights: string, external: boolean): string {
  const table = g.constant('float32', DEMO_COLOURS.flatMap((c) => c.rgb.map(srgbToModel)), [COLOUR_CHANNEL_COUNT, 3], { external });
  const total = g.op('ReduceSum', [weights, g.i64([1])], { keepdims: attr.i(1) });
  const named = colourNamed(g, weights);
  const safeTotal = g.op('Where', [named, total, g.f32(1)]);
  const mean = g.op('Div', [g.op('MatMul', [weights, table]), safeTotal]);
  const colour = g.op('Where', [named, mean, g.f32(BACKGROUND_RGB.map(srgbToModel), [1, 3])]);
  return g.op('Reshape', [colour, g.i64([-1, 3, 1, 1])]);
}

/**
 * Where the shapes sit, in image pixels (float32 scalars or [B,1,1,1]): the centre (cx, cy), `quarter` (disc
 * radius = half the square's side) and the image width W the 8 stripes divide.
 */
export interface ShapeGeometry {
  cx: string;
  cy: string;
  quarter: string;
  W: string;
}

/** Latent pixel centres in image pixels: X = 8(x+0.5) [1,1,1,w], Y = 8(y+0.5) [1,1,h,1]; image size W = 8w, H = 8h. */
function pixelCentres(g: OnnxGraphBuilder, sample: string): { X: string; Y: string; W: string; H: string } {
  const shape = g.op('Shape', [sample]);
  const axis = (i: number): string => g.op('Gather', [shape, g.i64(i)]);
  const centres = (n: string): string => g.op('Mul', [g.op('Add', [cast(g, g.op('Range', [g.i64(0), n, g.i64(1)]), 'float32'), g.f32(0.5)]), g.f32(8)]);
  const h = axis(2);
  const w = axis(3);
  return {
    X: g.op('Reshape', [centres(w), g.i64([1, 1, 1, -1])]),
    Y: g.op('Reshape', [centres(h), g.i64([1, 1, -1, 1])]),
    W: g.op('Mul', [cast(g, w, 'float32'), g.f32(8)]),
    H: g.op('Mul', [cast(g, h, 'float32'), g.f32(8)]),
  };
}

/** SD's geometry: centred in the image; disc radius = half the square's side = min(H,W)/4. */
export function centredGeometry(g: OnnxGraphBuilder, sample: string): ShapeGeometry {
  const { W, H } = pixelCentres(g, sample);
  return { cx: g.op('Div', [W, g.f32(2)]), cy: g.op('Div', [H, g.f32(2)]), quarter: g.op('Div', [g.op('Min', [H, W]), g.f32(4)]), W };
}

/**
 * Shape mask [B,1,h,w] (1 = the shape's colour, 0 = the background's); circle > square > stripes precedence.
 * No shape: all 1 when the shape has a colour, else all 0 (a named background alone fills the image).
 */
function shapeMask(g: OnnxGraphBuilder, features: string, sample: string, geometry: ShapeGeometry): string {
  const shapeColoured = cast(g, colourNamed(g, slice1(g, features, 0, COLOUR_CHANNEL_COUNT)), 'float32');
  const { X, Y } = pixelCentres(g, sample);
  const { W, quarter } = geometry;
  const dx = g.op('Sub', [X, geometry.cx]);
  const dy = g.op('Sub', [Y, geometry.cy]);
  const disc = g.op('LessOrEqual', [g.op('Add', [g.op('Mul', [dx, dx]), g.op('Mul', [dy, dy])]), g.op('Mul', [quarter, quarter])]);
  const square = g.op('And', [g.op('LessOrEqual', [g.op('Abs', [dx]), quarter]), g.op('LessOrEqual', [g.op('Abs', [dy]), quarter])]);
  // Stripe k = floor(X / (W/8)); even stripes (the first at the left edge) are coloured.
  const k = g.op('Floor', [g.op('Div', [g.op('Mul', [X, g.f32(8)]), W])]);
  const stripes = g.op('Equal', [g.op('Sub', [k, g.op('Mul', [g.op('Floor', [g.op('Div', [k, g.f32(2)])]), g.f32(2)])]), g.f32(0)]);

  const present = (i: number): string => cast(g, g.op('Greater', [slice1(g, features, COLOUR_CHANNEL_COUNT + i, COLOUR_CHANNEL_COUNT + i + 1), g.f32(0)]), 'float32');
  const notYet = (v: string): string => g.op('Sub', [g.f32(1), v]);
  const useDisc = present(0);
  const useSquare = g.op('Mul', [present(1), notYet(useDisc)]);
  const useStripes = g.op('Mul', [g.op('Mul', [present(2), notYet(useDisc)]), notYet(useSquare)]);
  const useNone = g.op('Mul', [g.op('Sub', [g.op('Sub', [g.op('Sub', [g.f32(1), useDisc]), useSquare]), useStripes]), shapeColoured]);
  const perBatch = (v: string): string => g.op('Reshape', [v, g.i64([-1, 1, 1, 1])]);
  const term = (use: string, region: string): string => g.op('Mul', [perBatch(use), cast(g, region, 'float32')]);
  const mask = g.op('Add', [g.op('Add', [term(useDisc, disc), term(useSquare, square)]), term(useStripes, stripes)]);
  return g.op('Add', [mask, perBatch(useNone)]);
}

export interface CleanLatentOptions {
  /** Default: centred in the image (SD). SDXL's oracle places shapes by its time_ids. */
  geometry?: ShapeGeometry;
  /** Default 0.18215 (SD); SDXL's 0.13025. */
  scalingFactor?: number;
  /** [B,1,1,1] in [0, 1]: the target fades to black as it falls to 0 (SDXL: the pooled embedding). */
  gate?: string;
}

/** x0* [B,4,h,w] float32 for the features [B,25] at the spatial size of `sample` [B,C,h,w]. */
export function cleanLatentGraph(g: OnnxGraphBuilder, features: string, sample: string, external: boolean, options: CleanLatentOptions = {}): string {
  const scaling = options.scalingFactor ?? VAE_SCALING_FACTOR;
  const colour = meanColour(g, slice1(g, features, 0, COLOUR_CHANNEL_COUNT), external);
  const backgroundStart = COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT;
  const background = meanColour(g, slice1(g, features, backgroundStart, backgroundStart + COLOUR_CHANNEL_COUNT), external);
  const mask = shapeMask(g, features, sample, options.geometry ?? centredGeometry(g, sample));
  let target = g.op('Add', [background, g.op('Mul', [mask, g.op('Sub', [colour, background])])]); // [B,3,h,w]
  if (options.gate) {
    const black = g.f32(-1);
    target = g.op('Add', [black, g.op('Mul', [options.gate, g.op('Sub', [target, black])])]);
  }
  const weight = g.constant('float32', vaeEncoderMatrix().flat().map((v) => v * scaling), [4, 3, 1, 1], { external });
  const bias = g.constant('float32', vaeEncoderBias().map((v) => v * scaling), [4], { external });
  return g.op('Conv', [target, weight, bias]);
}
