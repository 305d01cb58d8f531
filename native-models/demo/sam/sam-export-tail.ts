// The end of the official SAM decoder export (segment_anything/utils/onnx.py), shared by Tessera's generated
// decoders: `select_masks` for --return-single-mask, and the mask post-processing to the original image size.
import { attr, type OnnxGraphBuilder } from '../onnx-graph-builder.ts';

/**
 * `select_masks` without control flow: token 0's score is moved by 1000·(num_points − 2.5), so a single click
 * (plus its padding point) takes the best-IoU multimask token and three or more points take token 0.
 * `lowRes` [1, tokens, 256, 256] and `iou` [1, tokens] become [1, 1, …]; the IoU returned is the chosen token's own.
 */
export function selectSingleMask(g: OnnxGraphBuilder, lowRes: string, iou: string, pointCoords: string, tokens: number): { lowRes: string; iou: string } {
  const pointCount = g.op('Cast', [g.op('Slice', [g.op('Shape', [pointCoords]), g.i64([1]), g.i64([2])])], { to: attr.dtype('float32') });
  const reweight = g.op('Mul', [g.op('Sub', [pointCount, g.f32(2.5)]), g.f32([1000, ...Array<number>(tokens - 1).fill(0)], [1, tokens])]);
  const best = g.op('ArgMax', [g.op('Add', [iou, reweight])], { axis: attr.i(1), keepdims: attr.i(0) }); // [1]
  return { lowRes: g.op('Gather', [lowRes, best], { axis: attr.i(1) }), iou: g.op('Gather', [iou, best], { axis: attr.i(1) }) };
}

/** `mask_postprocessing`: bilinear to 1024², crop the pre-pad size round(scale·H) × round(scale·W), bilinear to (H, W). */
export function postprocessMasks(g: OnnxGraphBuilder, lowRes: string, origImSize: string, maskCount: number): string {
  const full = g.op('Resize', [lowRes, '', g.f32([1, 1, 4, 4])], { mode: attr.s('linear') });
  const scale = g.op('Div', [g.f32(1024), g.op('ReduceMax', [origImSize], { keepdims: attr.i(1) })]);
  const prepadded = g.op('Cast', [g.op('Floor', [g.op('Add', [g.op('Mul', [origImSize, scale]), g.f32(0.5)])])], { to: attr.dtype('int64') });
  const cropped = g.op('Slice', [full, g.i64([0, 0]), prepadded, g.i64([2, 3])]);
  const sizes = g.op('Concat', [g.i64([1, maskCount]), g.op('Cast', [origImSize], { to: attr.dtype('int64') })], { axis: attr.i(0) });
  return g.op('Resize', [cropped, '', '', sizes], { mode: attr.s('linear') });
}
