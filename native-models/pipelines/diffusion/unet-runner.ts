// Runs the UNet for one step: builds `sample`, `timestep` (in the dtype and rank the export declares),
// `encoder_hidden_states` and LCM's `timestep_cond`; returns the prediction as float32.
import { makeTensor, type Tensor } from '../../core/tensor.ts';
import { TesseraError } from '../../api/errors.ts';
import { float32ToFloat16Bits } from '../../core/float16.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import { floatFeed, floatOutput } from './model-io-types.ts';

const FILLED_BY_THE_LOOP = new Set(['sample', 'timestep', 'encoder_hidden_states', 'timestep_cond']);

/**
 * The timestep as the export wants it (model-contracts.md §0): rank 0 → `[]`; rank 1 → `[batch]`
 * (legacy [batch], Optimum [steps]); element type float32, float16 or int64. Integer exports get t truncated, as numpy's astype in diffusers/Optimum does.
 */
export function timestepFeed(unet: OnnxModel, t: number, batch: number): Tensor {
  const info = unet.input('timestep');
  if (!info) throw new TesseraError('MODEL_INVALID', `${unet.path}: has no "timestep" input`);
  const dims = info.shape.length === 0 ? [] : [batch];
  const count = dims.length === 0 ? 1 : batch;
  switch (info.type) {
    case 'float32':
      return makeTensor('float32', new Float32Array(count).fill(t), dims);
    case 'float16':
      return makeTensor('float16', float32ToFloat16Bits(new Float32Array(count).fill(t)), dims);
    case 'int64':
      return makeTensor('int64', new BigInt64Array(count).fill(BigInt(Math.trunc(t))), dims);
    case 'int32':
      return makeTensor('int32', new Int32Array(count).fill(Math.trunc(t)), dims);
    default:
      throw new TesseraError('MODEL_INVALID', `${unet.path}: "timestep" is ${info.type}, expected float32, float16 or int64`);
  }
}

export interface UnetStepInput {
  /** [B, C, h, w] float32 (C = 4, or 9 for inpainting UNets). */
  sample: Float32Array;
  sampleDims: [number, number, number, number];
  t: number;
  /** [B, S, H] float32. */
  textEmbeddings: Float32Array;
  textDims: [number, number, number];
  /** The family's added inputs by ONNX name, [B, D] each (SDXL: text_embeds [B, 1280], time_ids [B, 6]). */
  added: Record<string, { data: Float32Array; dims: [number, number] }>;
  /** [B, D] LCM guidance embedding when the UNet declares `timestep_cond`. */
  timestepCond?: Float32Array;
}

/** One UNet evaluation; returns out_sample [B, 4, h, w] as float32. */
export async function runUnet(unet: OnnxModel, input: UnetStepInput): Promise<Float32Array> {
  const batch = input.sampleDims[0];
  const feeds: Record<string, Tensor> = {
    sample: floatFeed(unet, 'sample', input.sample, input.sampleDims),
    timestep: timestepFeed(unet, input.t, batch),
    encoder_hidden_states: floatFeed(unet, 'encoder_hidden_states', input.textEmbeddings, input.textDims),
  };
  for (const [name, value] of Object.entries(input.added)) feeds[name] = floatFeed(unet, name, value.data, value.dims);
  // Named here rather than left to ONNX Runtime: an SDXL UNet opened with SD's conditioner says what is missing.
  const unfilled = unet.inputs.map((i) => i.name).filter((n) => !FILLED_BY_THE_LOOP.has(n) && !(n in feeds));
  if (unfilled.length > 0) {
    throw new TesseraError('UNSUPPORTED', `${unet.path}: UNet inputs ${unfilled.join(', ')} were not filled by this model's conditioning (it gave ${Object.keys(input.added).join(', ') || 'none'})`);
  }
  if (unet.input('timestep_cond')) {
    if (!input.timestepCond) throw new TesseraError('INTERNAL', `${unet.path}: timestep_cond is required but the pipeline built none`);
    feeds.timestep_cond = floatFeed(unet, 'timestep_cond', input.timestepCond, [batch, input.timestepCond.length / batch]);
  }
  const outputs = await unet.run(feeds);
  return floatOutput(unet, outputs, 'out_sample').data;
}
