// Converts between Tessera's Tensor and onnxruntime-node's Tensor without copying the typed array.
import * as ort from 'onnxruntime-node';
import { makeTensor, type Tensor, type TensorType } from '../core/tensor.ts';
import { TesseraError } from '../api/errors.ts';

const SUPPORTED: ReadonlySet<string> = new Set<TensorType>(['float32', 'float16', 'int32', 'int64', 'uint8', 'bool']);

export function toOrtTensor(tensor: Tensor): ort.Tensor {
  // ORT's bool tensors are backed by Uint8Array, the same as ours.
  return new ort.Tensor(tensor.type, tensor.data as never, tensor.dims as number[]);
}

export function fromOrtTensor(value: ort.Tensor, outputName: string): Tensor {
  if (!SUPPORTED.has(value.type)) {
    throw new TesseraError('UNSUPPORTED', `output "${outputName}" has element type ${value.type}, expected one of ${[...SUPPORTED].join(', ')}`);
  }
  const type = value.type as TensorType;
  let data = value.data as Tensor['data'];
  // Some ORT builds hand float16 back as Float16Array where the engine has one; keep our Uint16 bit convention.
  if (type === 'float16' && !(data instanceof Uint16Array)) {
    data = new Uint16Array((data as unknown as { buffer: ArrayBuffer; byteOffset: number; length: number }).buffer, (data as unknown as { byteOffset: number }).byteOffset, (data as unknown as { length: number }).length);
  }
  return makeTensor(type, data as never, value.dims);
}
