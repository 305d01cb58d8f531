// The runtime host on real onnxruntime-node: external data, typed I/O, feed checks, load errors, caching.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOnnxModel, SessionCache } from '../../../native-models/runtime/index.ts';
import { makeTensor } from '../../../native-models/core/tensor.ts';
import { float16BitsToFloat32, float32ToFloat16Bits } from '../../../native-models/core/float16.ts';
import { makeTempDir, writeDoubleModel, writeScaleModel } from '../../fixtures/tiny-models.ts';

const quiet = { provider: 'cpu' as const };
let dir: string;

beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('loading', () => {
  it.each(['model.onnx_data', 'weights.pb'])('resolves external data file %s next to the model', async (dataFile) => {
    const sub = await fs.mkdtemp(path.join(dir, 'ext-'));
    const file = await writeScaleModel(sub, { externalDataFile: dataFile });
    const model = await loadOnnxModel(file, quiet);
    const out = await model.run({ x: makeTensor('float32', Float32Array.of(1, 1, 1, 2, 2, 2), [2, 3]) });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([1, 2, 3, 2, 4, 6]);
    expect(model.inputs).toEqual([{ name: 'x', type: 'float32', shape: ['batch', 3] }]);
    await model.release();
  });

  it('a missing external-data file is EXTERNAL_DATA_MISSING naming the file', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'noext-'));
    const file = await writeScaleModel(sub, { externalDataFile: 'weights.pb' });
    await fs.rm(path.join(sub, 'weights.pb'));
    await expect(loadOnnxModel(file, quiet)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_MISSING', message: expect.stringContaining('weights.pb') });
  });

  it('a truncated external-data file is EXTERNAL_DATA_MISSING', async () => {
    const sub = await fs.mkdtemp(path.join(dir, 'shortext-'));
    const file = await writeScaleModel(sub, { externalDataFile: 'model.onnx_data' });
    await fs.writeFile(path.join(sub, 'model.onnx_data'), Buffer.alloc(4));
    await expect(loadOnnxModel(file, quiet)).rejects.toMatchObject({ code: 'EXTERNAL_DATA_MISSING' });
  });

  it.each([
    ['not ONNX', Buffer.from('this is a text file, not a model')],
    ['empty', Buffer.alloc(0)],
  ])('a %s file is MODEL_FILE_CORRUPT', async (_label, bytes) => {
    const file = path.join(dir, `bad-${bytes.length}.onnx`);
    await fs.writeFile(file, bytes);
    await expect(loadOnnxModel(file, quiet)).rejects.toMatchObject({ code: 'MODEL_FILE_CORRUPT', message: expect.stringContaining(file) });
  });

  it('a missing file is MODEL_FILE_MISSING', async () => {
    await expect(loadOnnxModel(path.join(dir, 'nope.onnx'), quiet)).rejects.toMatchObject({ code: 'MODEL_FILE_MISSING' });
  });

  it('an unavailable explicit provider is PROVIDER_UNAVAILABLE, never a silent CPU run', async () => {
    const file = await writeScaleModel(await fs.mkdtemp(path.join(dir, 'prov-')));
    // No machine running these tests has the CUDA add-on installed (the install skips its download).
    await expect(loadOnnxModel(file, { provider: 'cuda' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
  });

  it('auto on a machine without GPU providers runs on CPU without a warning (no GPU was asked for)', async () => {
    const file = await writeScaleModel(await fs.mkdtemp(path.join(dir, 'auto-')));
    const warnings: string[] = [];
    const model = await loadOnnxModel(file, { provider: 'auto', onWarning: (m) => warnings.push(m) });
    expect(model.provider).toBe('cpu');
    expect(warnings).toEqual([]);
    await model.release();
  });
});

describe('typed I/O', () => {
  it('runs float16 I/O with correct conversion', async () => {
    const model = await loadOnnxModel(await writeDoubleModel(dir, 'float16'), quiet);
    const input = Float32Array.of(0.5, -1.25, 1000, 2 ** -20);
    const out = await model.run({ x: makeTensor('float16', float32ToFloat16Bits(input), [4]) });
    expect(out.y!.type).toBe('float16');
    expect(Array.from(float16BitsToFloat32(out.y!.data as Uint16Array))).toEqual([1, -2.5, 2000, 2 ** -19]);
  });

  it.each([
    ['int32', Int32Array.of(3, -7)],
    ['int64', BigInt64Array.of(3n, -7n)],
  ] as const)('runs %s I/O', async (type, data) => {
    const model = await loadOnnxModel(await writeDoubleModel(dir, type), quiet);
    const out = await model.run({ x: makeTensor(type, data as never, [2]) });
    expect(Array.from(out.y!.data as ArrayLike<number | bigint>).map(Number)).toEqual([6, -14]);
  });

  it('rejects a mismatched feed before running, naming model, input, expected and got', async () => {
    const file = await writeDoubleModel(dir, 'int64', 'strict.onnx');
    const model = await loadOnnxModel(file, quiet);
    await expect(model.run({ x: makeTensor('int32', Int32Array.of(1), [1]) })).rejects.toThrow(`${file}: input "x": got int32 [1], expected int64 [n]`);
    expect(model.runCount).toBe(0);
  });
});

describe('SessionCache', () => {
  it('shares one session per file and releases explicitly', async () => {
    const file = await writeScaleModel(await fs.mkdtemp(path.join(dir, 'cache-')));
    const cache = new SessionCache(quiet);
    const [a, b] = await Promise.all([cache.get(file), cache.get(file)]);
    expect(a).toBe(b);
    await cache.release(file);
    expect(a.isReleased).toBe(true);
    expect(cache.size).toBe(0);
  });

  it('low-memory mode loads per use and frees right after', async () => {
    const file = await writeScaleModel(await fs.mkdtemp(path.join(dir, 'lowmem-')));
    const cache = new SessionCache({ ...quiet, lowMemory: true });
    let used: { isReleased: boolean } | undefined;
    const result = await cache.use(file, async (model) => {
      used = model;
      const out = await model.run({ x: makeTensor('float32', Float32Array.of(1, 1, 1), [1, 3]) });
      return Array.from(out.y!.data as Float32Array);
    });
    expect(result).toEqual([1, 2, 3]);
    expect(used?.isReleased).toBe(true);
    expect(cache.size).toBe(0);
  });
});
