// The memory guard with a refiner (DiffusionModel.openWithRefiner), real ORT, free RAM injected: an SDXL base and
// its refiner each fit 12 GiB free alone, so a per-model guard keeps both in normal mode, yet open side by side (as
// every refiner run has them) their peaks add up past it: the pair switches to low-memory mode together with one
// warning that names both, makes the same bytes as the pair in normal mode, and the engine behind the API and
// the Studio shows that warning on the job's progress events.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffusionModel, generateImages } from '../../../native-models/pipelines/diffusion/index.ts';
import { folderSizeBytes } from '../../../native-models/models/folder-size.ts';
import { PEAK_PER_WEIGHT_BYTE } from '../../../native-models/runtime/memory-guard.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { EngineBackendsImpl, type GenerationStep } from '../../../native-models/service/engine-backends.ts';
import { copyDemoFolder } from '../demo-pack.ts';

const GIB = 2 ** 30;
/** Each folder's bytes: 8 GiB free holds one in normal mode (1.3×: 4.8 GiB), not two (9.7 GiB); two fit in low-memory mode (7.8 GiB). */
const FOLDER_BYTES = 4e9;
const FREE = 8 * GIB;

/** The guard's estimate for both folders together, as its warning prints it: the two sizes added. */
const pairPeak = (mode: keyof typeof PEAK_PER_WEIGHT_BYTE): string => ((2 * FOLDER_BYTES * PEAK_PER_WEIGHT_BYTE[mode]) / GIB).toFixed(1);

let scratch: string;
let base: string;
let refiner: string;

/** The demo folder padded to `bytes` with a sparse file: its bytes count, none are written or loaded. */
async function padded(folder: string): Promise<string> {
  const dir = await copyDemoFolder(folder, scratch);
  const padding = await fs.open(path.join(dir, 'unet', 'padding-to-size.bin'), 'w');
  await padding.truncate(FOLDER_BYTES - (await folderSizeBytes(dir)));
  await padding.close();
  return dir;
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-memory-guard-refiner-'));
  [base, refiner] = [await padded('demo-sdxl'), await padded('demo-sdxl-refiner')];
  // the figures the scenario rests on
  expect(FOLDER_BYTES * PEAK_PER_WEIGHT_BYTE.normal).toBeLessThan(FREE);
  expect(2 * FOLDER_BYTES * PEAK_PER_WEIGHT_BYTE.normal).toBeGreaterThan(FREE);
  expect(2 * FOLDER_BYTES * PEAK_PER_WEIGHT_BYTE.lowMemory).toBeLessThan(FREE);
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const request = { prompt: 'a red circle', steps: 4, seed: 11, width: 64, height: 64, scheduler: 'euler', guidance: 1 };

describe('memory guard with a refiner open beside the base', () => {
  it('each model alone fits, the two together do not: both switch to low-memory mode, with one warning naming both', async () => {
    const alone = new SessionCache({ provider: 'cpu', onWarning: () => {} });
    const [baseAlone, refinerAlone] = [await DiffusionModel.open(base, alone, { availableBytes: FREE }), await DiffusionModel.open(refiner, alone, { availableBytes: FREE })];
    expect([baseAlone.lowMemory, refinerAlone.lowMemory]).toEqual([false, false]);

    const warnings: string[] = [];
    const sessions = new SessionCache({ provider: 'cpu', onWarning: (m) => warnings.push(m) });
    const pair = await DiffusionModel.openWithRefiner(base, refiner, sessions, { availableBytes: FREE });
    expect([pair.model.lowMemory, pair.refiner.lowMemory]).toEqual([true, true]);
    expect(pair.model.memory.warning).toBe(`this model with its refiner open beside it needs about ${pairPeak('normal')} GiB, got 8.0 GiB of free RAM: switched to low-memory mode (about ${pairPeak('lowMemory')} GiB)`);
    expect(pair.refiner.memory).toEqual(pair.model.memory);
    expect(warnings).toEqual([pair.model.memory.warning]);
    // the shared cache itself keeps normal mode for the other models it serves
    expect(sessions.lowMemory).toBe(false);
    await sessions.releaseAll();
  });

  it('with room for both, both keep normal mode; with room for neither, the warning says so', async () => {
    const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
    const roomy = await DiffusionModel.openWithRefiner(base, refiner, sessions, { availableBytes: 64 * GIB });
    expect([roomy.model.memory, roomy.refiner.memory]).toEqual([{ lowMemory: false }, { lowMemory: false }]);
    const tight = await DiffusionModel.openWithRefiner(base, refiner, sessions, { availableBytes: 6 * GIB });
    expect([tight.model.lowMemory, tight.refiner.lowMemory]).toEqual([true, true]);
    expect(tight.model.memory.warning).toBe(`this model with its refiner open beside it needs about ${pairPeak('lowMemory')} GiB even in low-memory mode, got 6.0 GiB of free RAM; close other programs or it may be killed`);
  });

  it('the switched pair makes the same image as the pair in normal mode for the same seed', async () => {
    const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
    const normal = await DiffusionModel.openWithRefiner(base, refiner, sessions, { availableBytes: 64 * GIB });
    const switched = await DiffusionModel.openWithRefiner(base, refiner, sessions, { availableBytes: FREE });
    const [a] = await generateImages(normal.model, request, { refiner: { model: normal.refiner, switchAt: 0.5 } });
    const [b] = await generateImages(switched.model, request, { refiner: { model: switched.refiner, switchAt: 0.5 } });
    expect(a!.stepsRun).toBe(4);
    expect(Buffer.from(b!.image.data).equals(Buffer.from(a!.image.data))).toBe(true);
    await sessions.releaseAll();
  });

  it("the engine behind the API and the Studio puts the pair's warning on the refiner job's progress events", async () => {
    const engine = new EngineBackendsImpl({ availableMemoryBytes: () => FREE });
    const steps: GenerationStep[] = [];
    const job = { ...request, negativePrompt: '', modelDir: base, provider: 'cpu' as const, count: 1, previewEvery: 0, fastDecode: false, refiner: { model: 'refiner', switchAt: 0.5 }, refinerDir: refiner };
    try {
      // the same base alone first: fits, no notice (a per-model figure); then with its refiner
      await engine.generate({ ...job, refiner: undefined, refinerDir: undefined }, { onProgress: (p) => steps.push(p), signal: new AbortController().signal, onImage: async () => {} });
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.every((p) => p.memoryNotice === undefined)).toBe(true);
      steps.length = 0;
      await engine.generate(job, { onProgress: (p) => steps.push(p), signal: new AbortController().signal, onImage: async () => {} });
    } finally {
      await engine.dispose();
    }
    expect(steps.length).toBeGreaterThan(0);
    expect(new Set(steps.map((p) => p.memoryNotice))).toEqual(new Set([`this model with its refiner open beside it needs about ${pairPeak('normal')} GiB, got 8.0 GiB of free RAM: switched to low-memory mode (about ${pairPeak('lowMemory')} GiB)`]));
  });
});
