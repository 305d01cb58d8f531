// The model file with its attention blocks sliced (slice-attention-blocks.ts), for ONNX Runtime to load from memory
// with its weights still read from the model's folder: from model.onnx_data beside it, or — for a model whose
// weights are inside model.onnx — from model.onnx itself, through the skeleton graph-skeleton.ts reads.
import fs from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import { sliceAttentionBlocks } from './slice-attention-blocks.ts';
import { readGraphSkeleton } from './graph-skeleton.ts';

const { onnx } = onnxProto;

/**
 * Values in one slice's score tensor (all heads and batch images together): 2²² float32 values are 16 MiB, so a
 * slice's scores and softmax take 32 MiB where SD 1.5's first UNet level at 512² takes 1 GiB per image unsliced.
 * That is still 64 query rows at 512² with CFG (16 heads·images × 4,096 keys per row), wide enough for the MatMuls
 * to run at full rate; 2²⁴ held 106 MiB more at the peak and ran no faster (BENCHMARKS.md).
 */
export const ATTENTION_SLICE_BUDGET_ELEMENTS = 1 << 22;

/**
 * Model files up to this size are decoded whole (graphs with external weights are a few MB, the demo models less);
 * larger ones hold their weights inside and are read as a skeleton that points at them.
 */
export const READ_WHOLE_FILE_BELOW_BYTES = 64 * 2 ** 20;

export interface SlicingLimits {
  /** Values in one slice's scores (default ATTENTION_SLICE_BUDGET_ELEMENTS). */
  budgetElements?: number;
  /** Default READ_WHOLE_FILE_BELOW_BYTES; tests lower it to take the skeleton path with a small model. */
  readWholeFileBelowBytes?: number;
}

export type SlicedModel = { kind: 'sliced'; bytes: Uint8Array; blocks: number } | { kind: 'unchanged'; reason: string };

export async function slicedModelBytes(modelPath: string, limits: SlicingLimits = {}): Promise<SlicedModel> {
  const budgetElements = limits.budgetElements ?? ATTENTION_SLICE_BUDGET_ELEMENTS;
  const wholeBelow = limits.readWholeFileBelowBytes ?? READ_WHOLE_FILE_BELOW_BYTES;
  const { size } = await fs.stat(modelPath);
  const bytes = size < wholeBelow ? await fs.readFile(modelPath) : await readGraphSkeleton(modelPath);
  // what is left is a constant node or an old exporter's float_data holding weights inline: too large to copy
  if (bytes.length >= Math.max(wholeBelow, READ_WHOLE_FILE_BELOW_BYTES)) {
    return { kind: 'unchanged', reason: `${Math.round(bytes.length / 2 ** 20)} MiB of its graph are weights not stored as raw initialiser bytes` };
  }
  const model = onnx.ModelProto.decode(bytes);
  const blocks = sliceAttentionBlocks(model, budgetElements);
  if (blocks === 0) return { kind: 'unchanged', reason: 'it has no attention block of the MatMul → Softmax → MatMul form' };
  return { kind: 'sliced', bytes: onnx.ModelProto.encode(model).finish(), blocks };
}
