// The demo SDXL UNets: an exact ε oracle like demo-sd's, but its clean target depends on every SDXL input —
// colours (and "on"/"background") from text_encoder's part of encoder_hidden_states, shapes from text_encoder_2's
// (768 + 0–2), brightness from the pooled text_embeds (channel 0: 0 → black), and where the shape sits from
// time_ids (centre = target size / 2 − crop top-left, radius = min(original size) / 4, stripes = target width / 8),
// all at SDXL's VAE scaling 0.13025. Correct conditioning reproduces demo-sd's picture exactly.
// Inpainting: `sample` is [latents 4, mask 1, masked-image latents 4] and the target keeps the masked image where
// mask = 0. Refiner: encoder_hidden_states is bigG alone (1280, every demo-sd feature channel), time_ids are
// (original size, crop top-left, aesthetic score), the target size is the image's, and the picture's brightness is
// aesthetic_score / 10 from noise; handed latents, it keeps their brightness and pulls it partway toward its own
// (sdxl-refiner-oracle-graph.ts), so a hand-over shows.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { COLOUR_CHANNEL_COUNT, FEATURE_CHANNEL_COUNT, SHAPE_CHANNEL_COUNT } from '../sd/demo-sd-spec.ts';
import { cleanLatentGraph, promptFeatures, type ShapeGeometry } from '../sd/oracle-target-graph.ts';
import { oraclePrediction, type NoiseSchedule } from '../sd/unet-oracle-graph.ts';
import { refinerCleanLatent } from './sdxl-refiner-oracle-graph.ts';
import {
  DEMO_REFINER_SCORE_DIVISOR,
  DEMO_SDXL_VAE_SCALING_FACTOR,
  SDXL_ENCODERS,
  SDXL_POOLED_WIDTH,
  SDXL_REFINER_TIME_IDS,
  SDXL_TIME_IDS,
  variantCrossWidth,
  type DemoSdxlVariant,
} from './demo-sdxl-variants.ts';

const slice = (g: OnnxGraphBuilder, x: string, axis: number, from: number, to: number): string => g.op('Slice', [x, g.i64([from]), g.i64([to]), g.i64([axis])]);

/** One time_ids column as [B,1,1,1]. */
function timeId(g: OnnxGraphBuilder, timeIds: string, index: number): string {
  return g.op('Reshape', [slice(g, timeIds, 1, index, index + 1), g.i64([-1, 1, 1, 1])]);
}

/** The image size of `sample` [B,C,h,w] in pixels, as float scalars (8h, 8w). */
function imageSize(g: OnnxGraphBuilder, sample: string): { H: string; W: string } {
  const shape = g.op('Cast', [g.op('Shape', [sample])], { to: attr.dtype('float32') });
  const axis = (i: number): string => g.op('Mul', [g.op('Gather', [shape, g.i64(i)]), g.f32(8)]);
  return { H: axis(2), W: axis(3) };
}

/**
 * Base/Turbo/inpainting (orig_h, orig_w, crop_top, crop_left, target_h, target_w), or the refiner's
 * (orig_h, orig_w, crop_top, crop_left, aesthetic_score) with the target the image's own size → where the shapes go.
 */
function timeIdsGeometry(g: OnnxGraphBuilder, timeIds: string, sample: string, refiner: boolean): ShapeGeometry {
  const [origH, origW, cropTop, cropLeft] = [0, 1, 2, 3].map((i) => timeId(g, timeIds, i)) as [string, string, string, string];
  const target = refiner ? imageSize(g, sample) : { H: timeId(g, timeIds, 4), W: timeId(g, timeIds, 5) };
  return {
    cx: g.op('Sub', [g.op('Div', [target.W, g.f32(2)]), cropLeft]),
    cy: g.op('Sub', [g.op('Div', [target.H, g.f32(2)]), cropTop]),
    quarter: g.op('Div', [g.op('Min', [origH, origW]), g.f32(4)]),
    W: target.W,
  };
}

/** Demo-sd's per-token channel layout [B,S,16]: the SDXL pair splits it across its encoders, the refiner's bigG holds it whole. */
function tokenFeatures(g: OnnxGraphBuilder, hidden: string, refiner: boolean): string {
  if (refiner) return slice(g, hidden, 2, 0, FEATURE_CHANNEL_COUNT);
  const secondStart = SDXL_ENCODERS[0].width;
  const colours = slice(g, hidden, 2, 0, COLOUR_CHANNEL_COUNT);
  const shapes = slice(g, hidden, 2, secondStart, secondStart + SHAPE_CHANNEL_COUNT);
  const composition = slice(g, hidden, 2, COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT, FEATURE_CHANNEL_COUNT);
  return g.op('Concat', [colours, shapes, composition], { axis: attr.i(2) });
}

export function buildSdxlUnetOracleGraph(schedule: NoiseSchedule, variant: Pick<DemoSdxlVariant, 'regime'> = { regime: 'base' }): OnnxGraphBuilder {
  const refiner = variant.regime === 'refiner';
  const inpainting = variant.regime === 'inpainting';
  const g = new OnnxGraphBuilder(`demo_sdxl_${variant.regime}_unet_oracle`);
  const sample = g.input('sample', 'float32', ['batch_size', inpainting ? 9 : 4, 'height', 'width']);
  const timestep = g.input('timestep', 'float32', []);
  const hidden = g.input('encoder_hidden_states', 'float32', ['batch_size', 'sequence_length', variantCrossWidth(variant)]);
  const textEmbeds = g.input('text_embeds', 'float32', ['batch_size', SDXL_POOLED_WIDTH]);
  const timeIds = g.input('time_ids', 'float32', ['batch_size', refiner ? SDXL_REFINER_TIME_IDS : SDXL_TIME_IDS]);

  const features = promptFeatures(g, tokenFeatures(g, hidden, refiner));
  const clip01 = (x: string): string => g.op('Clip', [x, g.f32(0), g.f32(1)]);
  const gate = g.op('Reshape', [clip01(slice(g, textEmbeds, 1, 0, 1)), g.i64([-1, 1, 1, 1])]);
  const geometry = timeIdsGeometry(g, timeIds, sample, refiner);
  const picture = (brightness: string): string => cleanLatentGraph(g, features, sample, true, { geometry, scalingFactor: DEMO_SDXL_VAE_SCALING_FACTOR, gate: brightness });

  const xt = inpainting ? slice(g, sample, 1, 0, 4) : sample;
  let x0 = refiner
    ? refinerCleanLatent(g, schedule, {
        xt,
        timestep,
        black: picture(g.f32(0)),
        full: picture(gate),
        goal: g.op('Mul', [gate, clip01(g.op('Div', [timeId(g, timeIds, 4), g.f32(DEMO_REFINER_SCORE_DIVISOR)]))]),
      })
    : picture(gate);
  if (inpainting) {
    // keep the masked image where mask = 0 (demo-sd-inpaint's rule)
    const mask = slice(g, sample, 1, 4, 5);
    const masked = slice(g, sample, 1, 5, 9);
    x0 = g.op('Add', [masked, g.op('Mul', [mask, g.op('Sub', [x0, masked])])]);
  }
  g.output(oraclePrediction(g, xt, x0, timestep, schedule, 'epsilon'), 'out_sample', 'float32', ['batch_size', 4, 'height', 'width']);
  return g;
}
