// Demo SAM decoder with the official export's contract (segment_anything/utils/onnx.py: same inputs, outputs
// and mask post-processing). It selects by colour on the 256×256 grid of 4×4 cells the encoder describes:
// the cells within each token's tolerance of the colour under the first positive point (or the box centre),
// minus the cells closer to a negative point's colour than to that reference, limited to the box, united with
// the previous mask when has_mask_input = 1. Matching is by colour only, not connectivity: two separate
// objects of one colour are selected together.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { EMBEDDING_SIZE, FINE_CELL, FINE_CHANNELS, LOW_RES_SIZE, PATCH, TOKEN_SCORES, TOKEN_TOLERANCES } from './demo-sam-spec.ts';
import { selectByColour } from './colour-selection-graph.ts';
import { postprocessMasks, selectSingleMask } from './sam-export-tail.ts';

const TOKENS = TOKEN_TOLERANCES.length;
const CELLS = LOW_RES_SIZE * LOW_RES_SIZE;

/** `singleMask`: exported as with --return-single-mask (one mask, chosen by the export's select_masks). */
export function buildDecoder(options: { singleMask?: boolean } = {}): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder(options.singleMask ? 'demo_sam_decoder_single_mask' : 'demo_sam_decoder');
  const embeddings = g.input('image_embeddings', 'float32', [1, 256, EMBEDDING_SIZE, EMBEDDING_SIZE]);
  const pointCoords = g.input('point_coords', 'float32', [1, 'num_points', 2]);
  const pointLabels = g.input('point_labels', 'float32', [1, 'num_points']);
  const maskInput = g.input('mask_input', 'float32', [1, 1, LOW_RES_SIZE, LOW_RES_SIZE]);
  const hasMaskInput = g.input('has_mask_input', 'float32', [1]);
  const origImSize = g.input('orig_im_size', 'float32', [2]);

  // cell colours [65536, 3] from embedding channels 3–50 (the inverse of the encoder's SpaceToDepth)
  const cellPlanes = g.op('DepthToSpace', [g.op('Slice', [embeddings, g.i64([3]), g.i64([3 + FINE_CHANNELS]), g.i64([1])])], { blocksize: attr.i(PATCH / FINE_CELL) });
  const cells = g.op('Transpose', [g.op('Reshape', [cellPlanes, g.i64([3, CELLS])])], { perm: attr.ints([1, 0]) });

  const coords = g.op('Squeeze', [pointCoords, g.i64([0])]);
  const labels = g.op('Squeeze', [pointLabels, g.i64([0])]);
  let lowRes = selectByColour(g, { cells, coords, labels, maskInput, hasMaskInput, tolerances: TOKEN_TOLERANCES });
  let iou = g.f32([...TOKEN_SCORES], [1, TOKENS]);
  if (options.singleMask) ({ lowRes, iou } = selectSingleMask(g, lowRes, iou, pointCoords, TOKENS));
  const maskCount = options.singleMask ? 1 : TOKENS;
  g.output(lowRes, 'low_res_masks', 'float32', [1, maskCount, LOW_RES_SIZE, LOW_RES_SIZE]);
  g.output(iou, 'iou_predictions', 'float32', [1, maskCount]);
  g.output(postprocessMasks(g, lowRes, origImSize, maskCount), 'masks', 'float32', [1, maskCount, 'orig_height', 'orig_width']);
  return g;
}
