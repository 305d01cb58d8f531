// Helpers for the demo diffusion model tests: open a part of a demo folder, build feeds, read outputs as floats.
import path from 'node:path';
import fs from 'node:fs/promises';
import { afterAll } from 'vitest';
import { loadOnnxModel, type OnnxModel } from '../../../native-models/runtime/index.ts';
import { makeTensor, type Tensor } from '../../../native-models/core/tensor.ts';
import { float16BitsToFloat32, float32ToFloat16Bits } from '../../../native-models/core/float16.ts';
import { CLIP_TOKENIZER_DIR } from '../../../native-models/demo/sd/demo-vocabulary.ts';
import { demoModel } from '../demo-pack.ts';

export type SdPart = 'text_encoder' | 'unet' | 'vae_decoder' | 'vae_encoder';

const open: OnnxModel[] = [];
afterAll(async () => {
  for (const model of open.splice(0)) await model.release();
});

export async function openPart(folder: string, part: SdPart): Promise<OnnxModel> {
  const model = await loadOnnxModel(path.join(demoModel(folder), part, 'model.onnx'), { provider: 'cpu', threads: 1 });
  open.push(model);
  return model;
}

/** A float tensor of the element type the model declares for `input` (fp16 inputs get rounded to half). */
export function floatFeed(model: OnnxModel, input: string, values: ArrayLike<number>, dims: number[]): Tensor {
  const type = model.input(input)?.type;
  const f32 = Float32Array.from(values);
  return type === 'float16' ? makeTensor('float16', float32ToFloat16Bits(f32), dims) : makeTensor('float32', f32, dims);
}

/** What the model actually sees for a float feed (fp16 rounding included), as float64 for expectations. */
export function fedValues(feed: Tensor): Float64Array {
  return Float64Array.from(asFloats(feed));
}

/** An integer tensor in the element type the model declares (int32 or int64). */
export function intFeed(model: OnnxModel, input: string, values: number[], dims: number[]): Tensor {
  const type = model.input(input)?.type;
  if (type === 'int64') return makeTensor('int64', BigInt64Array.from(values.map(BigInt)), dims);
  if (type === 'int32') return makeTensor('int32', Int32Array.from(values), dims);
  return floatFeed(model, input, values, dims);
}

export function asFloats(tensor: Tensor): Float32Array {
  if (tensor.type === 'float16') return float16BitsToFloat32(tensor.data as Uint16Array);
  if (tensor.type === 'float32') return tensor.data as Float32Array;
  throw new Error(`expected a float tensor, got ${tensor.type}`);
}

/** Largest |a − b| over all elements. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

let vocab: Record<string, number> | undefined;
/** Real CLIP id of a whole-word token, read straight from vocab.json (the hand tokenisation of the tests). */
export async function vocabId(token: string): Promise<number> {
  vocab ??= JSON.parse(await fs.readFile(path.join(CLIP_TOKENIZER_DIR, 'vocab.json'), 'utf8')) as Record<string, number>;
  const id = vocab[token];
  if (id === undefined) throw new Error(`"${token}" is not in vocab.json`);
  return id;
}

export const BOS = 49406;
export const EOS = 49407;

/** [BOS, ...ids, EOS] padded to `length` with `pad` (SD 1.x pads with EOS). */
export function padded(ids: number[], length = 77, pad = EOS): number[] {
  const out = [BOS, ...ids, EOS];
  while (out.length < length) out.push(pad);
  return out;
}

/** encoder_hidden_states [B,S,H] with the given feature values at chosen (batch, position, channel) cells. */
export function hiddenStates(batch: number, sequence: number, hidden: number, cells: [number, number, number, number][]): Float32Array {
  const out = new Float32Array(batch * sequence * hidden);
  for (const [b, s, c, v] of cells) out[(b * sequence + s) * hidden + c] += v;
  return out;
}

/** A deterministic pseudo-random sequence in [-2, 2) (no RNG dependency in expectations). */
export function pseudoNoise(n: number, seed = 1): Float64Array {
  let x = seed;
  return Float64Array.from({ length: n }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return (x / 2147483648) * 4 - 2;
  });
}
