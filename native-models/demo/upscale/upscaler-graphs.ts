// ONNX graphs with a Real-ESRGAN export's contract ([1, 3, H, W] RGB 0–1 → [1, 3, sH, sW]) and analytic
// behaviour, for the demo pack and the tests. Nothing at run time imports them.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';

export interface SignatureUpscalerOptions {
  scale?: 2 | 4;
  /** float16 I/O like an fp16 export (computed in float32 inside, cast at both ends). */
  dtype?: 'float32' | 'float16';
  /** Declare this input [height, width] instead of dynamic axes (the output is declared to match). */
  fixedSize?: [number, number];
  inputName?: string;
  outputName?: string;
}

/**
 * Nearest-neighbour ×s with a signature, so that a misplaced tile or a seam changes bytes:
 *   base = 0.75 · x + 0.25 · maxpool3×3(x)   (one pixel of real context: tiles need overlap ≥ 1 to match untiled)
 *   out[c, s·y + by, s·x + bx] = base[c, y, x] · (255 − (s² − 1)) / 255 + (s·by + bx) / 255
 * so black input gives bytes k = s·by + bx and white gives 255 − (s² − 1) + k at each position in the s×s block.
 * Max-pool, scaling and depth-to-space are per-element or exact, so every tile computes the same floats as untiled.
 */
export function buildSignatureUpscalerGraph(options: SignatureUpscalerOptions = {}): OnnxGraphBuilder {
  const s = options.scale ?? 4;
  const dtype = options.dtype ?? 'float32';
  const g = new OnnxGraphBuilder(`signature_upscaler_x${s}`);
  const [h, w] = options.fixedSize ?? ['height', 'width'];
  const input = g.input(options.inputName ?? 'input', dtype, [1, 3, h, w]);
  const x = dtype === 'float16' ? g.op('Cast', [input], { to: attr.dtype('float32') }) : input;
  const context = g.op('MaxPool', [x], { kernel_shape: attr.ints([3, 3]), strides: attr.ints([1, 1]), pads: attr.ints([1, 1, 1, 1]) });
  const base = g.op('Add', [g.op('Mul', [x, g.f32(0.75)]), g.op('Mul', [context, g.f32(0.25)])]);
  const blocks = s * s;
  const scaled = g.op('Mul', [base, g.f32((255 - (blocks - 1)) / 255)]);
  // DepthToSpace (DCR) reads channel (s·by + bx)·3 + c for output block position (by, bx): 3·s² copies, each with its offset.
  const copies = g.op('Concat', Array.from({ length: blocks }, () => scaled), { axis: attr.i(1) });
  const offsets = Array.from({ length: blocks * 3 }, (_, j) => Math.floor(j / 3) / 255);
  const signed = g.op('Add', [copies, g.f32(offsets, [1, blocks * 3, 1, 1])]);
  const up = g.op('DepthToSpace', [signed], { blocksize: attr.i(s), mode: attr.s('DCR') });
  const out = dtype === 'float16' ? g.op('Cast', [up], { to: attr.dtype('float16') }) : up;
  const outShape = options.fixedSize ? [1, 3, options.fixedSize[0] * s, options.fixedSize[1] * s] : [1, 3, `height_x${s}`, `width_x${s}`];
  g.output(out, options.outputName ?? 'output', dtype, outShape);
  return g;
}
