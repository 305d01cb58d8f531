// A small ONNX graph builder (IR 8, opset 17) used only by the demo/test model generators.
// Nothing at run time imports it: the engine loads the files it writes like any other export.
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

export type ElemType = 'float32' | 'float16' | 'int32' | 'int64' | 'bool' | 'uint8';
/** A tensor dimension: a fixed size or a symbolic (dynamic) axis name. */
export type Dim = number | string;

const DATA_TYPE: Record<ElemType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  float16: onnx.TensorProto.DataType.FLOAT16,
  int32: onnx.TensorProto.DataType.INT32,
  int64: onnx.TensorProto.DataType.INT64,
  bool: onnx.TensorProto.DataType.BOOL,
  uint8: onnx.TensorProto.DataType.UINT8,
};

/** Explicitly typed attribute values, so that 1 vs 1.0 is never guessed. */
export type AttrValue =
  | { i: number }
  | { f: number }
  | { ints: number[] }
  | { floats: number[] }
  | { s: string }
  | { dtype: ElemType };

export const attr = {
  i: (i: number): AttrValue => ({ i }),
  f: (f: number): AttrValue => ({ f }),
  ints: (ints: number[]): AttrValue => ({ ints }),
  floats: (floats: number[]): AttrValue => ({ floats }),
  s: (s: string): AttrValue => ({ s }),
  /** An element type for Cast's `to`, RandomNormalLike's `dtype` and similar. */
  dtype: (dtype: ElemType): AttrValue => ({ dtype }),
};

interface Initializer {
  name: string;
  type: ElemType;
  dims: number[];
  bytes: Uint8Array;
  external: boolean;
}

export interface SerializedModel {
  /** The .onnx file. */
  model: Uint8Array;
  /** Bytes of the external-data file, when any initializer was marked external. */
  externalData?: Uint8Array;
}

function toAttribute(name: string, value: AttrValue): OnnxTypes.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('i' in value) return { name, type: T.INT, i: value.i };
  if ('f' in value) return { name, type: T.FLOAT, f: value.f };
  if ('ints' in value) return { name, type: T.INTS, ints: value.ints };
  if ('floats' in value) return { name, type: T.FLOATS, floats: value.floats };
  if ('s' in value) return { name, type: T.STRING, s: new TextEncoder().encode(value.s) };
  return { name, type: T.INT, i: DATA_TYPE[value.dtype] };
}

function valueInfo(name: string, type: ElemType, shape: Dim[]): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[type],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function bytesOf(type: ElemType, data: ArrayLike<number> | ArrayLike<bigint>): Uint8Array {
  const values = Array.from(data as ArrayLike<number | bigint>);
  switch (type) {
    case 'float32':
      return new Uint8Array(Float32Array.from(values as number[]).buffer);
    case 'float16':
      // Callers pass raw IEEE half bit patterns for float16 constants.
      return new Uint8Array(Uint16Array.from(values as number[]).buffer);
    case 'int32':
      return new Uint8Array(Int32Array.from(values as number[]).buffer);
    case 'int64':
      return new Uint8Array(BigInt64Array.from(values.map((v) => BigInt(v))).buffer);
    case 'bool':
    case 'uint8':
      return Uint8Array.from(values as number[]);
  }
}

/**
 * Builds one graph. Value names are returned by every call so that graphs read as straight-line code:
 * `const y = g.op('Add', [x, one])`.
 */
export class OnnxGraphBuilder {
  private readonly nodes: OnnxTypes.INodeProto[] = [];
  private readonly inputs: OnnxTypes.IValueInfoProto[] = [];
  private readonly outputs: OnnxTypes.IValueInfoProto[] = [];
  private readonly initializers: Initializer[] = [];
  private counter = 0;

  constructor(private readonly graphName: string) {}

  /** Declares a graph input. */
  input(name: string, type: ElemType, shape: Dim[]): string {
    this.inputs.push(valueInfo(name, type, shape));
    return name;
  }

  /** Declares an existing value as a graph output (renaming it through Identity when needed). */
  output(value: string, name: string, type: ElemType, shape: Dim[]): void {
    if (value !== name) this.nodes.push({ opType: 'Identity', input: [value], output: [name], name: `out_${name}` });
    this.outputs.push(valueInfo(name, type, shape));
  }

  /**
   * Adds a constant tensor. `external` marks weights that a real export would keep in its external-data
   * file; shape operands (Reshape shapes, Resize scales) must stay inline or ORT's shape inference fails.
   */
  constant(type: ElemType, data: ArrayLike<number> | ArrayLike<bigint>, dims: number[], opts: { name?: string; external?: boolean } = {}): string {
    const name = opts.name ?? this.fresh('const');
    const expected = dims.reduce((a, b) => a * b, 1);
    if (data.length !== expected) throw new Error(`constant ${name}: got ${data.length} values, expected ${expected} for dims [${dims}]`);
    this.initializers.push({ name, type, dims, bytes: bytesOf(type, data), external: opts.external ?? false });
    return name;
  }

  /** A float32 scalar or vector constant. */
  f32(values: number | number[], dims?: number[]): string {
    const data = typeof values === 'number' ? [values] : values;
    return this.constant('float32', data, dims ?? (typeof values === 'number' ? [] : [data.length]));
  }

  /** An int64 vector constant (shapes, axes, indices). */
  i64(values: number | number[], dims?: number[]): string {
    const data = typeof values === 'number' ? [values] : values;
    return this.constant('int64', data, dims ?? (typeof values === 'number' ? [] : [data.length]));
  }

  /** Adds a node with `outputCount` fresh outputs; returns their names. */
  nodeMulti(opType: string, inputs: string[], outputCount: number, attrs: Record<string, AttrValue> = {}): string[] {
    const output = Array.from({ length: outputCount }, () => this.fresh(opType));
    this.nodes.push({
      opType,
      input: inputs,
      output,
      name: this.fresh(`n_${opType}`),
      attribute: Object.entries(attrs).map(([k, v]) => toAttribute(k, v)),
    });
    return output;
  }

  /** Adds a single-output node and returns its output name. */
  op(opType: string, inputs: string[], attrs: Record<string, AttrValue> = {}): string {
    return this.nodeMulti(opType, inputs, 1, attrs)[0]!;
  }

  /**
   * Serialises the model. Initializers marked external go to `externalDataFile` (the name recorded in the
   * model, resolved by ONNX Runtime relative to the model file).
   */
  serialize(opts: { externalDataFile?: string; producer?: string; docString?: string; metadata?: Record<string, string> } = {}): SerializedModel {
    const externalChunks: Uint8Array[] = [];
    let offset = 0;
    const initializer: OnnxTypes.ITensorProto[] = this.initializers.map((init) => {
      const base: OnnxTypes.ITensorProto = { name: init.name, dataType: DATA_TYPE[init.type], dims: init.dims };
      if (init.external && opts.externalDataFile) {
        const entry = {
          ...base,
          dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
          externalData: [
            { key: 'location', value: opts.externalDataFile },
            { key: 'offset', value: String(offset) },
            { key: 'length', value: String(init.bytes.length) },
          ],
        };
        externalChunks.push(init.bytes);
        offset += init.bytes.length;
        return entry;
      }
      return { ...base, rawData: init.bytes };
    });
    const model: OnnxTypes.IModelProto = {
      irVersion: 8,
      producerName: opts.producer ?? 'tessera-demo',
      producerVersion: '1',
      docString: opts.docString ?? '',
      opsetImport: [{ domain: '', version: 17 }],
      metadataProps: Object.entries(opts.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: { name: this.graphName, node: this.nodes, input: this.inputs, output: this.outputs, initializer },
    };
    const bytes = onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
    if (externalChunks.length === 0) return { model: bytes };
    const data = new Uint8Array(offset);
    let at = 0;
    for (const chunk of externalChunks) {
      data.set(chunk, at);
      at += chunk.length;
    }
    return { model: bytes, externalData: data };
  }

  private fresh(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }
}
