// The demo SDXL UNet: an exact ε oracle like demo-sd's, but its clean target depends on every SDXL input —
// colours (and "on"/"background") from text_encoder's part of encoder_hidden_states, shapes from text_encoder_2's
// (768 + 0–2), brightness from the pooled text_embeds (channel 0: 0 → black), and where the shape sits from
// time_ids (centre = target size / 2 − crop top-left, radius = min(original size) / 4, stripes = target width / 8),
// all at SDXL's VAE scaling 0.13025. Correct conditioning reproduces demo-sd's picture exactly.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { COLOUR_CHANNEL_COUNT, FEATURE_CHANNEL_COUNT, SHAPE_CHANNEL_COUNT } from '../sd/demo-sd-spec.ts';
import { cleanLatentGraph, promptFeatures, type ShapeGeometry } from '../sd/oracle-target-graph.ts';
import { oraclePrediction, type NoiseSchedule } from '../sd/unet-oracle-graph.ts';
import { DEMO_SDXL_VAE_SCALING_FACTOR, SDXL_CROSS_WIDTH, SDXL_POOLED_WIDTH, SDXL_TIME_IDS, SDXL_ENCODERS } from './demo-sdxl-variants.ts';

const slice = (g: OnnxGraphBuilder, x: string, axis: number, from: number, to: number): string => g.op('Slice', [x, g.i64([from]), g.i64([to]), g.i64([axis])]);

/** One time_ids column as [B,1,1,1]. */
function timeId(g: OnnxGraphBuilder, timeIds: string, index: number): string {
  return g.op('Reshape', [slice(g, timeIds, 1, index, index + 1), g.i64([-1, 1, 1, 1])]);
}

/** (orig_h, orig_w, crop_top, crop_left, target_h, target_w) → where the shapes go, in image pixels. */
function timeIdsGeometry(g: OnnxGraphBuilder, timeIds: string): ShapeGeometry {
  const [origH, origW, cropTop, cropLeft, targetH, targetW] = [0, 1, 2, 3, 4, 5].map((i) => timeId(g, timeIds, i)) as [string, string, string, string, string, string];
  return {
    cx: g.op('Sub', [g.op('Div', [targetW, g.f32(2)]), cropLeft]),
    cy: g.op('Sub', [g.op('Div', [targetH, g.f32(2)]), cropTop]),
    quarter: g.op('Div', [g.op('Min', [origH, origW]), g.f32(4)]),
    W: targetW,
  };
}

export function buildSdxlUnetOracleGraph(schedule: NoiseSchedule): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_sdxl_unet_oracle');
  const sample = g.input('sample', 'float32', ['batch_size', 4, 'height', 'width']);
  const timestep = g.input('timestep', 'float32', []);
  const hidden = g.input('encoder_hidden_states', 'float32', ['batch_size', 'sequence_length', SDXL_CROSS_WIDTH]);
  const textEmbeds = g.input('text_embeds', 'float32', ['batch_size', SDXL_POOLED_WIDTH]);
  const timeIds = g.input('time_ids', 'float32', ['batch_size', SDXL_TIME_IDS]);

  // Per token, demo-sd's channel layout [B,S,16]: colours and "on"/"background" from encoder 1's part, the
  // shapes from encoder 2's; then demo-sd's rule reads them (which colour is the background's, …).
  const secondStart = SDXL_ENCODERS[0].width;
  const colours = slice(g, hidden, 2, 0, COLOUR_CHANNEL_COUNT);
  const shapes = slice(g, hidden, 2, secondStart, secondStart + SHAPE_CHANNEL_COUNT);
  const composition = slice(g, hidden, 2, COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT, FEATURE_CHANNEL_COUNT);
  const features = promptFeatures(g, g.op('Concat', [colours, shapes, composition], { axis: attr.i(2) }));
  const gate = g.op('Reshape', [g.op('Clip', [slice(g, textEmbeds, 1, 0, 1), g.f32(0), g.f32(1)]), g.i64([-1, 1, 1, 1])]);

  const x0 = cleanLatentGraph(g, features, sample, true, { geometry: timeIdsGeometry(g, timeIds), scalingFactor: DEMO_SDXL_VAE_SCALING_FACTOR, gate });
  g.output(oraclePrediction(g, sample, x0, timestep, schedule, 'epsilon'), 'out_sample', 'float32', ['batch_size', 4, 'height', 'width']);
  return g;
}
