// SessionCache per-model overrides: another optimisation level is another session, shared and released by the same
// key; low-memory mode runs its sessions without ONNX Runtime's memory arena, with the same results.
import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { makeTensor } from '../../../native-models/core/tensor.ts';
import { makeTempDir, writeScaleModel } from '../../fixtures/tiny-models.ts';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('SessionCache.get with overrides', () => {
  it('keys the session on the overridden level and releases it by the same overrides', async () => {
    const file = await writeScaleModel(dir);
    const cache = new SessionCache({ provider: 'cpu' });
    const basic = { graphOptimizationLevel: 'basic' as const };
    const [plain, a, b] = await Promise.all([cache.get(file), cache.get(file, basic), cache.get(file, basic)]);
    expect(a).toBe(b);
    expect(a).not.toBe(plain);
    expect(cache.size).toBe(2);
    // the overridden session runs the model like the default one (scale model: y = x · [1, 2, 3])
    const out = await a.run({ x: makeTensor('float32', Float32Array.of(1, 1, 1), [1, 3]) });
    expect(Array.from(out.y!.data as Float32Array)).toEqual([1, 2, 3]);
    await cache.release(file, basic);
    expect(a.isReleased).toBe(true);
    expect(plain.isReleased).toBe(false);
    expect(cache.size).toBe(1);
    await cache.releaseAll();
  });

  it('threads that do not spin are another session (ONNX Runtime accepts the setting) with the same results', async () => {
    const file = await writeScaleModel(dir);
    const cache = new SessionCache({ provider: 'cpu' });
    const [spinning, still] = await Promise.all([cache.get(file), cache.get(file, { intraOpSpinning: false })]);
    expect(still).not.toBe(spinning);
    expect(await cache.get(file, { intraOpSpinning: true })).toBe(spinning); // true is the default's key
    const x = makeTensor('float32', Float32Array.of(4, -1, 0.25), [1, 3]);
    expect(Array.from((await still.run({ x })).y!.data as Float32Array)).toEqual(Array.from((await spinning.run({ x })).y!.data as Float32Array));
    expect(cache.size).toBe(2);
    await cache.releaseAll();
  });
});

describe('SessionCache in low-memory mode', () => {
  it('loads per use without the CPU memory arena; the default keeps the arena; both compute the same', async () => {
    const file = await writeScaleModel(dir);
    const x = makeTensor('float32', Float32Array.of(2, 1, 0.5), [1, 3]);
    const low = new SessionCache({ provider: 'cpu', lowMemory: true });
    const lowResult = await low.use(file, async (model) => {
      expect(model.cpuMemArena).toBe(false);
      return Array.from((await model.run({ x })).y!.data as Float32Array);
    });
    expect(low.size).toBe(0); // nothing stays loaded
    const normal = new SessionCache({ provider: 'cpu' });
    const model = await normal.get(file);
    expect(model.cpuMemArena).toBe(true);
    expect(Array.from((await model.run({ x })).y!.data as Float32Array)).toEqual(lowResult);
    expect(lowResult).toEqual([2, 2, 1.5]);
    await normal.releaseAll();
  });
});
