// A random-weight SAM decoder with the official ONNX export's contract and cost (segment_anything/utils/onnx.py):
// prompt encoder (random Fourier point encoding + label embeddings, mask-input downscaler), a depth-2 two-way
// transformer of width 256 (8 heads, MLP 2048, token↔image attention at width 128) plus the final token→image
// attention, ×4 transposed-conv upscaling, 4 hypernetwork MLPs, the IoU head and the official mask post-processing.
import { attr } from '../onnx-graph-builder.ts';
import { postprocessMasks, selectSingleMask } from '../sam/sam-export-tail.ts';
import { NetBuilder } from './net-builder.ts';

const C = 256;
const GRID = 64;
const IMAGE_TOKENS = GRID * GRID;
const MASK_TOKENS = 4;
/** Typical prompt size for the FLOP count: one click plus the padding point. */
const REF_POINTS = 2;
const TOKENS = 1 + MASK_TOKENS + REF_POINTS;

function mlp(n: NetBuilder, x: string, widths: number[], tokens: number): string {
  let h = x;
  for (let i = 0; i + 1 < widths.length; i++) {
    h = n.linear(h, widths[i]!, widths[i + 1]!, tokens);
    if (i + 2 < widths.length) h = n.g.op('Relu', [h]);
  }
  return h;
}

export interface SamDecoderOptions {
  /** Linear layers dynamically quantised, as the official web demo's `quantize_dynamic` decoder. */
  int8?: boolean;
  /** The export's `--return-single-mask` (what the official web demo ships): one mask, chosen before post-processing. */
  singleMask?: boolean;
  /**
   * SAM 2.1's decoder in samexporter's contract: image_embed plus high_res_feats_0/1 added into the ×4 upscaling
   * (SAM 2's conv_s0/conv_s1 path), no orig_im_size; outputs the 3 multimask low-res masks (`masks`) and their scores.
   */
  sam2?: boolean;
}

export function buildSamDecoder(seed = 5, options: SamDecoderOptions = {}): NetBuilder {
  const name = `full_compute_sam_decoder${options.singleMask ? '_single' : ''}${options.int8 ? '_int8' : ''}`;
  const n = new NetBuilder(name, seed);
  n.int8Linear = options.int8 ?? false;
  const { g, w } = n;
  const sam2 = options.sam2 ?? false;
  const embeddings = g.input(sam2 ? 'image_embed' : 'image_embeddings', 'float32', [1, C, GRID, GRID]);
  const highRes = sam2 ? [g.input('high_res_feats_0', 'float32', [1, C / 8, 256, 256]), g.input('high_res_feats_1', 'float32', [1, C / 4, 128, 128])] : undefined;
  const pointCoords = g.input('point_coords', 'float32', [1, 'num_points', 2]);
  const pointLabels = g.input('point_labels', 'float32', [1, 'num_points']);
  const maskInput = g.input('mask_input', 'float32', [1, 1, 256, 256]);
  const hasMaskInput = g.input('has_mask_input', 'float32', [1]);
  const origImSize = sam2 ? '' : g.input('orig_im_size', 'float32', [2]);

  // sparse prompt embeddings: Fourier features of (x+0.5)/1024 in [-1,1], zeroed for padding, plus label embeddings
  const unit = g.op('Sub', [g.op('Mul', [g.op('Div', [g.op('Add', [pointCoords, g.f32(0.5)]), g.f32(1024)]), g.f32(2)]), g.f32(1)]);
  const projected = g.op('Mul', [g.op('MatMul', [unit, w.random('fourier', [2, C / 2], 1)]), g.f32(2 * Math.PI)]);
  const fourier = g.op('Concat', [g.op('Sin', [projected]), g.op('Cos', [projected])], { axis: attr.i(-1) });
  const labelColumn = g.op('Unsqueeze', [pointLabels, g.i64([2])]);
  const notPad = g.op('Cast', [g.op('Not', [g.op('Equal', [labelColumn, g.f32(-1)])])], { to: attr.dtype('float32') });
  const oneHot = g.op('Cast', [g.op('Equal', [labelColumn, g.f32([-1, 0, 1, 2, 3])])], { to: attr.dtype('float32') });
  const sparse = g.op('Add', [g.op('Mul', [fourier, notPad]), g.op('MatMul', [oneHot, w.random('label_emb', [5, C], 1)])]);
  let queries = g.op('Concat', [w.random('output_tokens', [1, 1 + MASK_TOKENS, C], 1), sparse], { axis: attr.i(1) });
  const queryPe = queries;

  // dense prompt embedding: downscaled mask_input when has_mask_input = 1, else the learned no-mask embedding
  const m1 = n.gelu(n.layerNorm2d(n.conv(maskInput, 1, 4, 2, 128, { stride: 2, pad: 0 }), 4));
  const m2 = n.gelu(n.layerNorm2d(n.conv(m1, 4, 16, 2, 64, { stride: 2, pad: 0 }), 16));
  const maskEmbedding = n.conv(m2, 16, C, 1, 64);
  const noMask = g.op('Mul', [w.random('no_mask', [1, C, 1, 1], 1), g.op('Sub', [g.f32(1), hasMaskInput])]);
  const dense = g.op('Add', [g.op('Mul', [maskEmbedding, hasMaskInput]), noMask]);
  let keys = n.toTokens(g.op('Add', [embeddings, dense]), C);
  const keyPe = n.toTokens(w.random('dense_pe', [1, C, GRID, GRID], 1), C);

  const self = { dim: C, kvDim: C, inner: C, heads: 8, queries: TOKENS, keys: TOKENS };
  const toImage = { dim: C, kvDim: C, inner: C / 2, heads: 8, queries: TOKENS, keys: IMAGE_TOKENS };
  const toTokens = { dim: C, kvDim: C, inner: C / 2, heads: 8, queries: IMAGE_TOKENS, keys: TOKENS };
  const add = (a: string, b: string) => g.op('Add', [a, b]);
  for (let layer = 0; layer < 2; layer++) {
    const q = add(queries, queryPe);
    queries = n.layerNorm(add(queries, n.attention(q, q, queries, self, { bias: true })), C);
    const kWithPe = add(keys, keyPe);
    queries = n.layerNorm(add(queries, n.attention(add(queries, queryPe), kWithPe, keys, toImage, { bias: true })), C);
    queries = n.layerNorm(add(queries, mlp(n, queries, [C, 2048, C], TOKENS)), C);
    keys = n.layerNorm(add(keys, n.attention(add(keys, keyPe), add(queries, queryPe), queries, toTokens, { bias: true })), C);
  }
  queries = n.layerNorm(add(queries, n.attention(add(queries, queryPe), add(keys, keyPe), keys, toImage, { bias: true })), C);

  // upscale image tokens ×4 to [1, 32, 256, 256]; each mask token's hypernetwork MLP gives its 32 weights
  const image = n.fromTokens(keys, embeddings);
  const withHighRes = (x: string, level: number) => (highRes ? g.op('Add', [x, highRes[level]!]) : x);
  const up1 = n.gelu(n.layerNorm2d(withHighRes(n.convTranspose(image, C, C / 4, 2, GRID), 1), C / 4));
  const up2 = n.gelu(withHighRes(n.convTranspose(up1, C / 4, C / 8, 2, 2 * GRID), 0));
  const maskTokens = g.op('Slice', [queries, g.i64([1]), g.i64([1 + MASK_TOKENS]), g.i64([1])]);
  const perToken = g.nodeMulti('Split', [maskTokens, g.i64(Array(MASK_TOKENS).fill(1))], MASK_TOKENS, { axis: attr.i(1) });
  const hyper = g.op('Concat', perToken.map((t) => mlp(n, t, [C, C, C, C / 8], 1)), { axis: attr.i(1) }); // [1,4,32]
  n.flops.matmul('linear', MASK_TOKENS, C / 8, 256 * 256);
  const lowResFlat = g.op('MatMul', [hyper, g.op('Reshape', [up2, g.i64([1, C / 8, 256 * 256])])]);
  let lowRes = g.op('Reshape', [lowResFlat, g.i64([1, MASK_TOKENS, 256, 256])]);
  const iouToken = g.op('Slice', [queries, g.i64([0]), g.i64([1]), g.i64([1])]);
  let iou = g.op('Reshape', [mlp(n, iouToken, [C, C, C, MASK_TOKENS], 1), g.i64([1, MASK_TOKENS])]);
  if (sam2) {
    // multimask output: tokens 1–3 (token 0 is the single-mask token)
    g.output(g.op('Slice', [lowRes, g.i64([1]), g.i64([MASK_TOKENS]), g.i64([1])]), 'masks', 'float32', [1, MASK_TOKENS - 1, 256, 256]);
    g.output(g.op('Slice', [iou, g.i64([1]), g.i64([MASK_TOKENS]), g.i64([1])]), 'iou_predictions', 'float32', [1, MASK_TOKENS - 1]);
    return n;
  }
  if (options.singleMask) ({ lowRes, iou } = selectSingleMask(g, lowRes, iou, pointCoords, MASK_TOKENS));
  const maskCount = options.singleMask ? 1 : MASK_TOKENS;
  g.output(lowRes, 'low_res_masks', 'float32', [1, maskCount, 256, 256]);
  g.output(iou, 'iou_predictions', 'float32', [1, maskCount]);
  g.output(postprocessMasks(g, lowRes, origImSize, maskCount), 'masks', 'float32', [1, maskCount, 'orig_height', 'orig_width']);
  return n;
}
