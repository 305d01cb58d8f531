// Sliced attention (runtime/attention-slicing/) must give the unsliced graph's numbers bit for bit: a slice cut at
// the wrong row, concatenated on the wrong axis or sized from the wrong dimension changes the output.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetBuilder } from '../../../native-models/demo/full-compute/net-builder.ts';
import { buildTextEncoder } from '../../../native-models/demo/full-compute/text-encoder-graph.ts';
import { OnnxModel } from '../../../native-models/runtime/index.ts';
import { slicedModelBytes } from '../../../native-models/runtime/attention-slicing/sliced-model-bytes.ts';
import { readGraphSkeleton } from '../../../native-models/runtime/attention-slicing/graph-skeleton.ts';
import { makeTensor } from '../../../native-models/core/tensor.ts';
import { mulberry32 } from '../../../native-models/core/random/mulberry32.ts';
import onnxProto from 'onnx-proto';

// wide enough that each linear weight (64 × 64 float32 = 16 KiB) is past the skeleton's inline limit
const WIDTH = 64;
const CONTEXT_WIDTH = 48;
let dir: string;
let blockFile: string;
let textFile: string;
let inlineFile: string;

/** The same model as one file with its weights inside, as exporters write models under 2 GB. */
async function inlineWeights(modelFile: string, target: string): Promise<void> {
  const { onnx } = onnxProto;
  const model = onnx.ModelProto.decode(await fs.readFile(modelFile));
  const data = await fs.readFile(path.join(path.dirname(modelFile), 'model.onnx_data'));
  for (const init of model.graph!.initializer!) {
    const entries = Object.fromEntries((init.externalData ?? []).map((e) => [e.key, e.value]));
    if (entries.location === undefined) continue;
    init.rawData = data.subarray(Number(entries.offset ?? 0), Number(entries.offset ?? 0) + Number(entries.length));
    init.externalData = [];
    init.dataLocation = onnx.TensorProto.DataLocation.DEFAULT;
  }
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, onnx.ModelProto.encode(model).finish());
}

/** Self-attention then cross-attention over 7 context tokens, 2 heads, as the UNet's transformers have them. */
function buildAttentionNet(): NetBuilder {
  const n = new NetBuilder('attention_slicing_test', 7);
  const x = n.g.input('x', 'float32', ['batch', 'tokens', WIDTH]);
  const context = n.g.input('context', 'float32', ['batch', 7, CONTEXT_WIDTH]);
  const selfShape = { dim: WIDTH, kvDim: WIDTH, inner: WIDTH, heads: 2, queries: 100, keys: 100 };
  const normed = n.layerNorm(x, WIDTH);
  let h = n.g.op('Add', [x, n.attention(normed, normed, normed, selfShape)]);
  h = n.g.op('Add', [h, n.attention(n.layerNorm(h, WIDTH), context, context, { ...selfShape, kvDim: CONTEXT_WIDTH, keys: 7 })]);
  n.g.output(h, 'y', 'float32', ['batch', 'tokens', WIDTH]);
  return n;
}

function randomTensor(dims: number[], seed: number) {
  const rng = mulberry32(seed);
  const data = new Float32Array(dims.reduce((a, b) => a * b, 1)).map(() => rng() * 2 - 1);
  return makeTensor('float32', data, dims);
}

async function run(model: OnnxModel, batch: number, tokens: number): Promise<Float32Array> {
  const out = await model.run({ x: randomTensor([batch, tokens, WIDTH], tokens), context: randomTensor([batch, 7, CONTEXT_WIDTH], 99) });
  return out.y!.data as Float32Array;
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-slicing-'));
  const net = buildAttentionNet();
  // weights in model.onnx_data beside the graph, as real UNet exports have them
  await net.w.write(net.g, path.join(dir, 'blocks'), 'model.onnx', 'model.onnx_data', 'attention slicing test');
  blockFile = path.join(dir, 'blocks', 'model.onnx');
  const text = buildTextEncoder({ vocab: 64, tokens: 77, width: WIDTH, layers: 1, heads: 2 });
  await text.w.write(text.g, path.join(dir, 'text'), 'model.onnx', 'model.onnx_data', 'masked attention');
  textFile = path.join(dir, 'text', 'model.onnx');
  inlineFile = path.join(dir, 'inline', 'model.onnx');
  await inlineWeights(blockFile, inlineFile);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('attention slicing', () => {
  it('runs the self- and cross-attention in slices of query rows with the unsliced numbers bit for bit', async () => {
    const plain = await OnnxModel.load(blockFile, { provider: 'cpu' });
    // a budget of 2,800 scores; the self-attention has 2 images × 2 heads × N keys per query row: 100 rows go in
    // 14 slices of 7 and 2 rows after them, 70 rows in 7 slices of 10 and none after; the cross-attention's
    // 28 scores per row fit one slice
    const sliced = await OnnxModel.load(blockFile, { provider: 'cpu', attentionSlicing: { budgetElements: 400 * 7 } });
    expect(plain.slicedAttentionBlocks).toBe(0);
    expect(sliced.slicedAttentionBlocks).toBe(2);
    for (const [batch, tokens] of [[2, 100], [2, 70], [1, 33], [3, 1]] as const) {
      const expected = await run(plain, batch, tokens);
      const got = await run(sliced, batch, tokens);
      expect(got.length).toBe(batch * tokens * WIDTH);
      expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
    }
    await Promise.all([plain.release(), sliced.release()]);
  });

  it('slices with the default budget too, reading the weights from the model folder', async () => {
    const sliced = await OnnxModel.load(blockFile, { provider: 'cpu', attentionSlicing: true });
    const plain = await OnnxModel.load(blockFile, { provider: 'cpu' });
    expect(sliced.slicedAttentionBlocks).toBe(2);
    expect(Array.from(await run(sliced, 2, 64))).toEqual(Array.from(await run(plain, 2, 64)));
    await Promise.all([plain.release(), sliced.release()]);
  });

  it('slices a model whose weights are inside its graph file, reading them from that file through a skeleton', async () => {
    const plain = await OnnxModel.load(inlineFile, { provider: 'cpu' });
    // the skeleton path even for this small file: its weights stay in model.onnx, referenced by offset
    const sliced = await OnnxModel.load(inlineFile, { provider: 'cpu', attentionSlicing: { budgetElements: 400 * 7, readWholeFileBelowBytes: 0 } });
    expect(sliced.slicedAttentionBlocks).toBe(2);
    const skeleton = onnxProto.onnx.ModelProto.decode(await readGraphSkeleton(inlineFile));
    const referenced = skeleton.graph!.initializer!.filter((t) => t.dataLocation === onnxProto.onnx.TensorProto.DataLocation.EXTERNAL);
    expect(referenced.map((t) => t.externalData!.find((e) => e.key === 'location')!.value)).toEqual(Array(8).fill('model.onnx'));
    const expected = await run(plain, 2, 100);
    const got = await run(sliced, 2, 100);
    expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength))).toBe(true);
    await Promise.all([plain.release(), sliced.release()]);
  });

  it('refuses a broken file with the same error as without slicing, on both the whole-file and the skeleton path', async () => {
    const bad = path.join(dir, 'not-onnx.onnx');
    await fs.writeFile(bad, 'this is a text file, not a model');
    for (const attentionSlicing of [true, { readWholeFileBelowBytes: 0 }]) {
      await expect(OnnxModel.load(bad, { provider: 'cpu', attentionSlicing })).rejects.toMatchObject({ code: 'MODEL_FILE_CORRUPT', message: expect.stringContaining(bad) });
    }
    // weights cut short beside a graph that slices: the missing weights are named, not hidden behind the rewrite
    const short = path.join(dir, 'short');
    await fs.mkdir(short, { recursive: true });
    await fs.copyFile(blockFile, path.join(short, 'model.onnx'));
    await fs.writeFile(path.join(short, 'model.onnx_data'), Buffer.alloc(4));
    await expect(OnnxModel.load(path.join(short, 'model.onnx'), { provider: 'cpu', attentionSlicing: true, onWarning: () => {} })).rejects.toMatchObject({ code: 'EXTERNAL_DATA_MISSING' });
  });

  it('leaves an attention with an added mask as it is, and says why a graph was not rewritten', async () => {
    expect(await slicedModelBytes(textFile)).toEqual({ kind: 'unchanged', reason: 'it has no attention block of the MatMul → Softmax → MatMul form' });
    const model = await OnnxModel.load(textFile, { provider: 'cpu', attentionSlicing: true });
    expect(model.slicedAttentionBlocks).toBe(0);
    const ids = makeTensor('int64', new BigInt64Array(77).map((_, i) => BigInt(i % 64)), [1, 77]);
    expect((await model.run({ input_ids: ids })).last_hidden_state!.dims).toEqual([1, 77, WIDTH]);
    await model.release();
  });
});
