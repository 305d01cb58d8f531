// Tessera's own tensor: a typed array plus dims, row-major. Everything outside runtime/ sees only this.

export type TensorType = 'float32' | 'float16' | 'int32' | 'int64' | 'uint8' | 'bool';

/** The typed array behind each element type; float16 is carried as raw IEEE half bits. */
export interface TensorDataMap {
  float32: Float32Array;
  float16: Uint16Array;
  int32: Int32Array;
  int64: BigInt64Array;
  uint8: Uint8Array;
  bool: Uint8Array;
}

export interface Tensor<T extends TensorType = TensorType> {
  readonly type: T;
  readonly data: TensorDataMap[T];
  readonly dims: readonly number[];
}

export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Builds a tensor, checking that the data length matches the dims. */
export function makeTensor<T extends TensorType>(type: T, data: TensorDataMap[T], dims: readonly number[]): Tensor<T> {
  const expected = elementCount(dims);
  if (data.length !== expected) {
    throw new RangeError(`tensor data has ${data.length} elements, expected ${expected} for dims [${dims.join(', ')}]`);
  }
  return { type, data, dims: [...dims] };
}

export function float32Tensor(data: Float32Array, dims: readonly number[]): Tensor<'float32'> {
  return makeTensor('float32', data, dims);
}

export function formatDims(dims: readonly (number | string)[]): string {
  return `[${dims.join(', ')}]`;
}
