// Which ONNX Runtime graph optimisation level a SAM decoder opens with: a float decoder runs faster at `basic`,
// a dynamically quantised one needs `all` (its DynamicQuantizeMatMul fusion). The encoder always keeps `all`.
import type { OnnxHeader } from '../../models/index.ts';
import type { GraphOptimizationLevel } from '../../runtime/index.ts';

/** Op types only quantize_dynamic's output has. */
const QUANTISED_OPS = new Set(['DynamicQuantizeLinear', 'MatMulInteger']);

/**
 * `basic` for a float decoder: on the SAM-sized decoder (bench/sam-latency.ts) `all` adds the NCHWc layout
 * (reorders around the mask-input convolutions) and fused SkipLayerNorm/QuickGelu kernels, and measured slower
 * in alternating rounds on a 2-core EPYC (BENCHMARKS.md, "Click latency: where the time goes"). `all` for a
 * decoder with quantize_dynamic's int8 MatMuls: only levels ≥ extended fuse DynamicQuantizeLinear + MatMulInteger
 * + rescale into one kernel (34 of its 47 linear layers), which measured faster there.
 */
export function decoderOptimizationLevel(decoder: Pick<OnnxHeader, 'opTypes'>): GraphOptimizationLevel {
  return decoder.opTypes.some((op) => QUANTISED_OPS.has(op)) ? 'all' : 'basic';
}
