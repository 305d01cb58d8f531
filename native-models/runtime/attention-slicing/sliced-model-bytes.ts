// The model file with its attention blocks sliced (slice-attention-blocks.ts), for ONNX Runtime to load from memory
// with its external weights still read from the model's folder. Only graph files are rewritten: a model whose
// weights are inside model.onnx would be copied whole into JS memory, which is what slicing is meant to save.
import fs from 'node:fs/promises';
import onnxProto from 'onnx-proto';
import { sliceAttentionBlocks } from './slice-attention-blocks.ts';

const { onnx } = onnxProto;

/**
 * Values in one slice's score tensor (all heads and batch images together): 2²⁴ float32 values are 64 MiB, so a
 * slice's scores and softmax take 128 MiB where SD 1.5's first UNet level at 512² takes 1 GiB per image unsliced.
 * A slice of 2²⁴ values is still hundreds of query rows, wide enough that the MatMuls run at full rate.
 */
export const ATTENTION_SLICE_BUDGET_ELEMENTS = 1 << 24;

/**
 * Graph files up to this size are rewritten. Real exports whose weights lie in model.onnx_data (every fp32 SD
 * UNet: > 2 GB cannot be one protobuf) have graph files of a few MB.
 */
export const MAX_SLICED_GRAPH_FILE_BYTES = 64 * 2 ** 20;

export type SlicedModel = { kind: 'sliced'; bytes: Uint8Array; blocks: number } | { kind: 'unchanged'; reason: string };

export async function slicedModelBytes(modelPath: string, budgetElements = ATTENTION_SLICE_BUDGET_ELEMENTS): Promise<SlicedModel> {
  const { size } = await fs.stat(modelPath);
  if (size > MAX_SLICED_GRAPH_FILE_BYTES) {
    return { kind: 'unchanged', reason: `its weights are inside the ${Math.round(size / 2 ** 20)} MiB graph file (only graphs with external weights are rewritten)` };
  }
  const model = onnx.ModelProto.decode(await fs.readFile(modelPath));
  const blocks = sliceAttentionBlocks(model, budgetElements);
  if (blocks === 0) return { kind: 'unchanged', reason: 'it has no attention block of the MatMul → Softmax → MatMul form' };
  return { kind: 'sliced', bytes: onnx.ModelProto.encode(model).finish(), blocks };
}
