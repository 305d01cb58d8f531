// Demo SAM 2.1 pairs in each exporter's contract (samexporter — the demo pack's —, onnxruntime's, onnx-community's
// transformers.js layout; names and shapes from their export code). The encoder describes the
// stretched, ImageNet-normalised 1024² image as a colour pyramid: image_embed holds each 16×16 patch's mean
// colour, high_res_feats_1 what 8×8 blocks add to it, high_res_feats_0 what 4×4 cells add to those. The decoder
// sums the three levels back into 4×4 cell colours, so zeroing the high-res features leaves 16-pixel blocks
// (edges degrade measurably), and selects by colour as the SAM 1 demo decoder does.
import fs from 'node:fs/promises';
import path from 'node:path';
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { selectByColour } from './colour-selection-graph.ts';
import { EMBEDDING_CHANNELS, FINE_CELL, LOW_RES_SIZE, PATCH, SAM2_LOGIT_CLAMP, SAM2_TOKEN_SCORES, SAM2_TOKEN_TOLERANCES, SAM_INPUT_SIZE } from './demo-sam-spec.ts';

const HIGH_RES_0 = { channels: 32, size: SAM_INPUT_SIZE / FINE_CELL }; // [1, 32, 256, 256]
const HIGH_RES_1 = { channels: 64, size: SAM_INPUT_SIZE / (2 * FINE_CELL) }; // [1, 64, 128, 128]
const EMBED_SIZE = SAM_INPUT_SIZE / PATCH; // 64

/** ×factor nearest-neighbour upsampling of an NCHW map (each value copied into a factor×factor block). */
function upsample(g: OnnxGraphBuilder, x: string, factor: number): string {
  return g.op('Resize', [x, '', g.f32([1, 1, factor, factor])], { mode: attr.s('nearest'), coordinate_transformation_mode: attr.s('asymmetric'), nearest_mode: attr.s('floor') });
}

/** Zero channels after the first three, up to `channels`. */
function padChannels(g: OnnxGraphBuilder, x: string, channels: number): string {
  return g.op('Pad', [x, g.i64([0, 0, 0, 0, 0, channels - 3, 0, 0])]);
}

/**
 * Tensor names and conventions of one SAM 2 exporter, spelled out here from each exporter's source (not read from
 * the engine's layouts, so a wrong engine layout shows up as a failing test).
 */
export interface DemoSam2Export {
  graphName: string;
  encoderInput: string;
  /** [level 0, level 1, image embedding]: encoder outputs and decoder inputs of the same names. */
  features: readonly [string, string, string];
  points: string;
  labels: string;
  labelType: 'float32' | 'int32' | 'int64';
  /** transformers.js: points [1, 1, N, 2], labels [1, 1, N], outputs [1, 1, 3, …]. */
  promptBatchAxis: boolean;
  /** A separate [1, nb, 4] box input (transformers.js). */
  boxes?: string;
  mask?: { input: string; has: string };
  /** int32 (H, W): the ORT export also returns `masks` at that size, thresholded (bool). */
  originalSize?: string;
  lowRes: string;
  scores: string;
  /** transformers.js's `object_score_logits` [1, 1, 1]. */
  objectScore?: string;
  /** Keep the decoder's constants in an external `<file>_data` file, as onnx-community's exports do. */
  externalData?: boolean;
}

/** samexporter export_sam2.py (X-AnyLabeling's downloads). */
export const SAMEXPORTER_SAM2: DemoSam2Export = {
  graphName: 'demo_sam2_samexporter',
  encoderInput: 'image',
  features: ['high_res_feats_0', 'high_res_feats_1', 'image_embed'],
  points: 'point_coords',
  labels: 'point_labels',
  labelType: 'float32',
  promptBatchAxis: false,
  mask: { input: 'mask_input', has: 'has_mask_input' },
  lowRes: 'masks',
  scores: 'iou_predictions',
};

/** onnxruntime's models/sam2 convert_to_onnx.py (image_encoder.py, image_decoder.py with multimask_output). */
export const ORT_SAM2: DemoSam2Export = {
  graphName: 'demo_sam2_ort',
  encoderInput: 'image',
  features: ['image_features_0', 'image_features_1', 'image_embeddings'],
  points: 'point_coords',
  labels: 'point_labels',
  labelType: 'int32',
  promptBatchAxis: false,
  mask: { input: 'input_masks', has: 'has_input_masks' },
  originalSize: 'original_image_size',
  lowRes: 'low_res_masks',
  scores: 'iou_predictions',
};

/** onnx-community/sam2.1-hiera-*-ONNX (transformers.js): vision_encoder + prompt_encoder_mask_decoder. */
export const TRANSFORMERS_SAM2: DemoSam2Export = {
  graphName: 'demo_sam2_transformers',
  encoderInput: 'pixel_values',
  features: ['image_embeddings.0', 'image_embeddings.1', 'image_embeddings.2'],
  points: 'input_points',
  labels: 'input_labels',
  labelType: 'int64',
  promptBatchAxis: true,
  boxes: 'input_boxes',
  lowRes: 'pred_masks',
  scores: 'iou_scores',
  objectScore: 'object_score_logits',
  externalData: true,
};

export function buildSam2Encoder(names: DemoSam2Export = SAMEXPORTER_SAM2): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder(`${names.graphName}_encoder`);
  const image = g.input(names.encoderInput, 'float32', [1, 3, SAM_INPUT_SIZE, SAM_INPUT_SIZE]);
  const pool = (size: number) => g.op('AveragePool', [image], { kernel_shape: attr.ints([size, size]), strides: attr.ints([size, size]) });
  const [m4, m8, m16] = [pool(FINE_CELL), pool(2 * FINE_CELL), pool(PATCH)];
  const [f0, f1, embed] = names.features;
  g.output(padChannels(g, g.op('Sub', [m4, upsample(g, m8, 2)]), HIGH_RES_0.channels), f0, 'float32', [1, HIGH_RES_0.channels, HIGH_RES_0.size, HIGH_RES_0.size]);
  g.output(padChannels(g, g.op('Sub', [m8, upsample(g, m16, 2)]), HIGH_RES_1.channels), f1, 'float32', [1, HIGH_RES_1.channels, HIGH_RES_1.size, HIGH_RES_1.size]);
  g.output(padChannels(g, m16, EMBEDDING_CHANNELS), embed, 'float32', [1, EMBEDDING_CHANNELS, EMBED_SIZE, EMBED_SIZE]);
  return g;
}

export function buildSam2Decoder(names: DemoSam2Export = SAMEXPORTER_SAM2): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder(`${names.graphName}_decoder`);
  const [f0, f1, embedName] = names.features;
  const hr0 = g.input(f0, 'float32', [1, HIGH_RES_0.channels, HIGH_RES_0.size, HIGH_RES_0.size]);
  const hr1 = g.input(f1, 'float32', [1, HIGH_RES_1.channels, HIGH_RES_1.size, HIGH_RES_1.size]);
  const embed = g.input(embedName, 'float32', [1, EMBEDDING_CHANNELS, EMBED_SIZE, EMBED_SIZE]);
  const lead = names.promptBatchAxis ? [1, 1] : ['num_labels'];
  const pointCoords = g.input(names.points, 'float32', [...lead, 'num_points', 2]);
  const pointLabels = g.input(names.labels, names.labelType, [...lead, 'num_points']);
  const boxes = names.boxes ? g.input(names.boxes, 'float32', [1, 'num_boxes', 4]) : undefined;
  const maskInput = names.mask ? g.input(names.mask.input, 'float32', ['num_labels', 1, LOW_RES_SIZE, LOW_RES_SIZE]) : g.f32(new Array<number>(LOW_RES_SIZE * LOW_RES_SIZE).fill(0), [1, 1, LOW_RES_SIZE, LOW_RES_SIZE]);
  const hasMaskInput = names.mask ? g.input(names.mask.has, 'float32', ['num_labels']) : g.f32([0], [1]);
  const originalSize = names.originalSize ? g.input(names.originalSize, 'int32', [2]) : undefined;

  // cell colours [65536, 3]: 16-px patch colour + 8-px detail + 4-px detail, on the 256×256 grid
  const rgb = (x: string) => g.op('Slice', [x, g.i64([0]), g.i64([3]), g.i64([1])]);
  const level0 = g.op('Add', [g.op('Add', [upsample(g, rgb(embed), 4), upsample(g, rgb(hr1), 2)]), rgb(hr0)]);
  const cells = g.op('Transpose', [g.op('Reshape', [level0, g.i64([3, LOW_RES_SIZE * LOW_RES_SIZE])])], { perm: attr.ints([1, 0]) });

  // prompts as [K, 2] points and [K] float labels: box corners (labels 2, 3) first, then the points,
  // +0.5 pixel centre shift and a (0, 0)/−1 padding point appended in-graph, as the exporters' _embed_points do
  const squeezeAxes = g.i64(names.promptBatchAxis ? [0, 1] : [0]);
  const labelsF = names.labelType === 'float32' ? pointLabels : g.op('Cast', [pointLabels], { to: attr.dtype('float32') });
  let coords = g.op('Squeeze', [pointCoords, squeezeAxes]);
  let labels = g.op('Squeeze', [labelsF, squeezeAxes]);
  if (boxes) {
    const boxCount = g.op('Slice', [g.op('Shape', [boxes]), g.i64([1]), g.i64([2])]);
    coords = g.op('Concat', [g.op('Reshape', [boxes, g.i64([-1, 2])]), coords], { axis: attr.i(0) });
    labels = g.op('Concat', [g.op('Tile', [g.f32([2, 3]), boxCount]), labels], { axis: attr.i(0) });
  }
  coords = g.op('Concat', [g.op('Add', [coords, g.f32(0.5)]), g.f32([0, 0], [1, 2])], { axis: attr.i(0) });
  labels = g.op('Concat', [labels, g.f32([-1], [1])], { axis: attr.i(0) });

  const tokens = SAM2_TOKEN_TOLERANCES.length;
  const lowRes = g.op('Clip', [selectByColour(g, { cells, coords, labels, maskInput, hasMaskInput, tolerances: SAM2_TOKEN_TOLERANCES }), g.f32(-SAM2_LOGIT_CLAMP), g.f32(SAM2_LOGIT_CLAMP)]);
  const scores = g.constant('float32', SAM2_TOKEN_SCORES, [1, tokens], { external: names.externalData });
  if (names.promptBatchAxis) {
    g.output(g.op('Unsqueeze', [lowRes, g.i64([0])]), names.lowRes, 'float32', [1, 1, tokens, LOW_RES_SIZE, LOW_RES_SIZE]);
    g.output(g.op('Unsqueeze', [scores, g.i64([0])]), names.scores, 'float32', [1, 1, tokens]);
  } else {
    g.output(lowRes, names.lowRes, 'float32', ['num_labels', tokens, LOW_RES_SIZE, LOW_RES_SIZE]);
    g.output(scores, names.scores, 'float32', ['num_labels', tokens]);
  }
  if (names.objectScore) g.output(g.constant('float32', [10], [1, 1, 1], { external: names.externalData }), names.objectScore, 'float32', [1, 1, 1]);
  if (originalSize) {
    const sizes = g.op('Concat', [g.i64([1, tokens]), g.op('Cast', [originalSize], { to: attr.dtype('int64') })], { axis: attr.i(0) });
    const full = g.op('Resize', [lowRes, '', '', sizes], { mode: attr.s('linear') });
    g.output(g.op('Greater', [full, g.f32(0)]), 'masks', 'bool', [1, tokens, 'original_image_height', 'original_image_width']);
  }
  return g;
}

/** Writes one exporter's demo pair into `dir` (`files` relative to it; a decoder's external data beside it). */
export async function writeDemoSam2Pair(dir: string, names: DemoSam2Export, files: { encoder: string; decoder: string }): Promise<void> {
  const decoderPath = path.join(dir, files.decoder);
  await fs.mkdir(path.dirname(decoderPath), { recursive: true });
  await fs.mkdir(path.dirname(path.join(dir, files.encoder)), { recursive: true });
  await fs.writeFile(path.join(dir, files.encoder), buildSam2Encoder(names).serialize({ docString: 'Tessera demo SAM 2.1 encoder (synthetic colour pyramid)' }).model);
  const dataFile = `${path.basename(decoderPath)}_data`;
  const decoder = buildSam2Decoder(names).serialize({ docString: 'Tessera demo SAM 2.1 decoder (synthetic, colour-based)', externalDataFile: names.externalData ? dataFile : undefined });
  await fs.writeFile(decoderPath, decoder.model);
  if (decoder.externalData) await fs.writeFile(path.join(path.dirname(decoderPath), dataFile), decoder.externalData);
}
