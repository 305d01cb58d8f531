// Demo SAM encoders: each 16×16 patch's mean of the normalised, zero-padded 1024² input goes to channels 0–2
// of the [1, 256, 64, 64] embedding, and the means of its sixteen 4×4 cells to channels 3–50 (SpaceToDepth
// order), so the decoder can draw masks at the 256×256 low-res resolution; channels 51–255 stay 0.
// Two input layouts, as real exports have them.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { EMBEDDING_CHANNELS, FINE_CELL, FINE_CHANNELS, PATCH, SAM_INPUT_SIZE, SAM_PIXEL_MEAN, SAM_PIXEL_STD } from './demo-sam-spec.ts';

/** [1, 3, 1024, 1024] normalised → patch and cell means → pad channels to 256. */
function embedFromNormalisedSquare(g: OnnxGraphBuilder, square: string): void {
  const pool = (size: number) => g.op('AveragePool', [square], { kernel_shape: attr.ints([size, size]), strides: attr.ints([size, size]) });
  const cells = g.op('SpaceToDepth', [pool(FINE_CELL)], { blocksize: attr.i(PATCH / FINE_CELL) });
  const used = g.op('Concat', [pool(PATCH), cells], { axis: attr.i(1) });
  const pads = g.i64([0, 0, 0, 0, 0, EMBEDDING_CHANNELS - 3 - FINE_CHANNELS, 0, 0]);
  const embedding = g.op('Pad', [used, pads]);
  g.output(embedding, 'image_embeddings', 'float32', [1, EMBEDDING_CHANNELS, 64, 64]);
}

/** samexporter without --use-preprocess: `input_image` [1, 3, 1024, 1024], already normalised and padded. */
export function buildNchwEncoder(): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_sam_encoder_nchw');
  const input = g.input('input_image', 'float32', [1, 3, SAM_INPUT_SIZE, SAM_INPUT_SIZE]);
  embedFromNormalisedSquare(g, input);
  return g;
}

/**
 * samexporter --use-preprocess / MobileSAM: `input_image` [h, w, 3] RGB 0–255 with long side 1024; the model
 * normalises, moves channels first and zero-pads bottom/right itself.
 */
export function buildHwcEncoder(): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_sam_encoder_hwc');
  const input = g.input('input_image', 'float32', ['image_height', 'image_width', 3]);
  const normalised = g.op('Div', [g.op('Sub', [input, g.f32([...SAM_PIXEL_MEAN])]), g.f32([...SAM_PIXEL_STD])]);
  const chw = g.op('Transpose', [normalised], { perm: attr.ints([2, 0, 1]) });
  const hw = g.op('Slice', [g.op('Shape', [input]), g.i64([0]), g.i64([2])]);
  const padHw = g.op('Sub', [g.i64([SAM_INPUT_SIZE, SAM_INPUT_SIZE]), hw]);
  const pads = g.op('Concat', [g.i64([0, 0, 0, 0]), padHw], { axis: attr.i(0) });
  const padded = g.op('Pad', [chw, pads]);
  embedFromNormalisedSquare(g, g.op('Unsqueeze', [padded, g.i64([0])]));
  return g;
}
