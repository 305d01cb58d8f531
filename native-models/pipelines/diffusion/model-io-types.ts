// Casts Tessera's float32 working tensors to whatever float type a session declares, and back.
import { float16BitsToFloat32, float32ToFloat16Bits } from '../../core/float16.ts';
import { makeTensor, type Tensor } from '../../core/tensor.ts';
import { TesseraError } from '../../api/errors.ts';
import type { OnnxModel } from '../../runtime/index.ts';

/** A float32 array as the float tensor type the model declares for `inputName` (fp16 for Olive builds). */
export function floatFeed(model: OnnxModel, inputName: string, data: Float32Array, dims: readonly number[]): Tensor {
  const info = model.input(inputName);
  if (!info) throw new TesseraError('MODEL_INVALID', `${model.path}: has no input "${inputName}" (inputs: ${model.inputs.map((i) => i.name).join(', ')})`);
  if (info.type === 'float16') return makeTensor('float16', float32ToFloat16Bits(data), dims);
  if (info.type === 'float32') return makeTensor('float32', data, dims);
  throw new TesseraError('MODEL_INVALID', `${model.path}: input "${inputName}" is ${info.type}, expected float32 or float16`);
}

/** Any float output as float32 (fp16 outputs decoded). */
export function floatOutput(model: OnnxModel, outputs: Record<string, Tensor>, name: string): { data: Float32Array; dims: number[] } {
  const tensor = outputs[name];
  if (!tensor) throw new TesseraError('MODEL_INVALID', `${model.path}: produced no output "${name}" (outputs: ${Object.keys(outputs).join(', ')})`);
  if (tensor.type === 'float32') return { data: tensor.data as Float32Array, dims: [...tensor.dims] };
  if (tensor.type === 'float16') return { data: float16BitsToFloat32(tensor.data as Uint16Array), dims: [...tensor.dims] };
  throw new TesseraError('MODEL_INVALID', `${model.path}: output "${name}" is ${tensor.type}, expected float32 or float16`);
}

/** Token ids in the integer type the text encoder declares (int32 for legacy/Olive exports, int64 for Optimum). */
export function tokenIdsFeed(model: OnnxModel, ids: ArrayLike<number>, dims: readonly number[]): Tensor {
  const info = model.input('input_ids');
  if (info?.type === 'int32') return makeTensor('int32', Int32Array.from(ids), dims);
  if (info?.type === 'int64') return makeTensor('int64', BigInt64Array.from(Array.from(ids, (v) => BigInt(v))), dims);
  throw new TesseraError('MODEL_INVALID', `${model.path}: input "input_ids" is ${info?.type ?? 'missing'}, expected int32 or int64`);
}
