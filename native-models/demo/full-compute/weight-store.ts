// Random weights (seeded) for the full-compute models: the graph only names them; their bytes are streamed
// straight to the external-data file, because hundreds of millions of values cannot go through the demo
// builder's in-memory constants (it copies them into a JS array).
import fs from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { OnnxGraphBuilder } from '../onnx-graph-builder.ts';
import { float32ToFloat16Bits } from '../../core/float16.ts';
import { mulberry32 } from '../../core/random/mulberry32.ts';

const { onnx } = onnxProto;

/** Values in one shared pool of uniform noise; each tensor reads it from a seeded offset. */
const POOL_SIZE = 1 << 22;
/** uint8 weights: the unit-variance pool's ±√3 span onto 0–255 around zero point 128 (scale in units of std). */
const UINT8_SCALE = (2 * Math.sqrt(3)) / 255;
const UINT8_ZERO_POINT = 128;

interface WeightEntry {
  name: string;
  dims: number[];
  /** Standard deviation of the values (uniform noise scaled to it); 0 with `fill` for constants like norm gains. */
  std: number;
  fill: number;
  /**
   * Stored as uint8 with zero point 128 (scale 2·√3·std/255: the noise spans ±√3·std), as the SAM notebook's
   * `quantize_dynamic(weight_type=QuantType.QUInt8)` stores the official web demo decoder's weights.
   */
  uint8?: boolean;
}


export class WeightStore {
  private readonly entries: WeightEntry[] = [];
  private counter = 0;

  /** `float16` halves the files (GPU benchmark); the bench's CPU models are float32. */
  constructor(
    private readonly seed: number,
    readonly dtype: 'float32' | 'float16' = 'float32',
  ) {}

  /** A random weight with std 1/√fanIn (keeps activations O(1) through random layers: no overflow, no denormals). */
  random(prefix: string, dims: number[], fanIn: number): string {
    return this.push(prefix, dims, 1 / Math.sqrt(fanIn), 0);
  }

  /**
   * A random uint8 weight with the same distribution as `random` once dequantised as (q − zeroPoint)·scale
   * (per tensor, the whole 0–255 range used, as onnxruntime's quantize_dynamic makes QUInt8 weights). Not int8:
   * on x86 CPUs without VNNI, ONNX Runtime's u8·s8 kernel (VPMADDUBSW) saturates its 16-bit pair sums
   * (255·127·2 > 32767) and a decoder's masks drift far from the float one's; u8·u8 has no such path.
   */
  randomUint8(prefix: string, dims: number[], fanIn: number): { name: string; scale: number; zeroPoint: number } {
    const std = 1 / Math.sqrt(fanIn);
    const name = this.push(prefix, dims, std, 0);
    this.entries.at(-1)!.uint8 = true;
    return { name, scale: UINT8_SCALE * std, zeroPoint: UINT8_ZERO_POINT };
  }

  /** A constant-filled weight (norm gains 1, biases 0). */
  filled(prefix: string, dims: number[], value: number): string {
    return this.push(prefix, dims, 0, value);
  }

  /** Parameter count so far. */
  get parameters(): number {
    return this.entries.reduce((sum, e) => sum + e.dims.reduce((a, b) => a * b, 1), 0);
  }

  /**
   * Serialises `graph`, adds every weight as an external initializer in `dataFile` (beside the model, as real
   * exports do) and streams the values to disk in chunks. Returns the bytes written to `dataFile`.
   */
  async write(graph: OnnxGraphBuilder, dir: string, modelFile: string, dataFile: string, docString: string): Promise<number> {
    await fs.mkdir(dir, { recursive: true });
    const proto = onnx.ModelProto.decode(graph.serialize({ docString, producer: 'tessera-full-compute' }).model);
    const pool = this.noisePool();
    const rng = mulberry32(this.seed ^ 0x9e3779b9);
    const handle = await fs.open(path.join(dir, dataFile), 'w');
    const half = this.dtype === 'float16';
    let offset = 0;
    try {
      for (const entry of this.entries) {
        const count = entry.dims.reduce((a, b) => a * b, 1);
        const bytesPer = entry.uint8 ? 1 : half ? 2 : 4;
        proto.graph!.initializer!.push(
          onnx.TensorProto.create({
            name: entry.name,
            dataType: entry.uint8 ? onnx.TensorProto.DataType.UINT8 : half ? onnx.TensorProto.DataType.FLOAT16 : onnx.TensorProto.DataType.FLOAT,
            dims: entry.dims,
            dataLocation: onnx.TensorProto.DataLocation.EXTERNAL,
            externalData: [
              { key: 'location', value: dataFile },
              { key: 'offset', value: String(offset) },
              { key: 'length', value: String(count * bytesPer) },
            ],
          }),
        );
        let start = Math.floor(rng() * POOL_SIZE);
        for (let done = 0; done < count; ) {
          const n = Math.min(count - done, POOL_SIZE - start, POOL_SIZE / 2);
          if (entry.uint8) {
            await handle.write(Uint8Array.from(pool.subarray(start, start + n), (v) => Math.max(0, Math.min(255, Math.round(v / UINT8_SCALE) + UINT8_ZERO_POINT))));
            done += n;
            start = (start + n) % POOL_SIZE;
            continue;
          }
          const chunk = new Float32Array(n);
          if (entry.std === 0) chunk.fill(entry.fill);
          else for (let i = 0; i < n; i++) chunk[i] = pool[start + i]! * entry.std;
          await handle.write(half ? new Uint8Array(float32ToFloat16Bits(chunk).buffer) : new Uint8Array(chunk.buffer));
          done += n;
          start = (start + n) % POOL_SIZE;
        }
        offset += count * bytesPer;
      }
    } finally {
      await handle.close();
    }
    await fs.writeFile(path.join(dir, modelFile), onnx.ModelProto.encode(proto).finish());
    return offset;
  }

  /** Uniform noise with unit variance (±√3). */
  private noisePool(): Float32Array {
    const rng = mulberry32(this.seed);
    const pool = new Float32Array(POOL_SIZE);
    for (let i = 0; i < POOL_SIZE; i++) pool[i] = (rng() * 2 - 1) * Math.sqrt(3);
    return pool;
  }

  private push(prefix: string, dims: number[], std: number, fill: number): string {
    this.counter += 1;
    const name = `w_${prefix}_${this.counter}`;
    this.entries.push({ name, dims, std, fill });
    return name;
  }
}
