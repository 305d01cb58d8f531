// The memory guard where every host meets it, DiffusionModel.open, with an injected free-RAM figure (real ORT, no
// mocks): an SDXL-sized folder on a 16 GB laptop (12 GiB free) switches to low-memory mode with a warning saying
// model size vs free RAM, while the shared cache and its other models keep normal mode; 64 GiB free keeps normal
// mode; a switched model generates the same bytes as a normal one; the engine behind the API and the Studio puts
// the guard's notice on the job's progress events.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffusionModel, generateImages } from '../../../native-models/pipelines/diffusion/index.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { folderSizeBytes } from '../../../native-models/models/folder-size.ts';
import { EngineBackendsImpl, type GenerationStep } from '../../../native-models/service/engine-backends.ts';
import { copyDemoFolder, demoModel } from '../demo-pack.ts';

const GIB = 2 ** 30;
/** An SDXL base fp16 export: UNet 5.1 GB, two text encoders 1.6 GB, VAE 0.2 GB. */
const SDXL_FP16_BYTES = 6.9e9;

let scratch: string;
let sdxlSized: string;

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-memory-guard-'));
  sdxlSized = await copyDemoFolder('demo-sdxl', scratch);
  // the demo SDXL folder padded to SDXL's size with a sparse file: its bytes count, none are written or loaded
  const padding = await fs.open(path.join(sdxlSized, 'unet', 'padding-to-sdxl-size.bin'), 'w');
  await padding.truncate(SDXL_FP16_BYTES - (await folderSizeBytes(sdxlSized)));
  await padding.close();
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const request = { prompt: 'a red circle on blue', negativePrompt: 'green', steps: 2, guidance: 7.5, seed: 42, width: 64, height: 64 };

describe('memory guard at model open', () => {
  it('switches an SDXL-sized folder to low-memory mode on a busy 16 GB machine (8 GiB free) and says why; the shared cache stays normal', async () => {
    const warnings: string[] = [];
    const sessions = new SessionCache({ provider: 'cpu', onWarning: (m) => warnings.push(m) });
    const model = await DiffusionModel.open(sdxlSized, sessions, { availableBytes: 8 * GIB });
    expect(model.lowMemory).toBe(true);
    expect(model.memory.warning).toMatch(/needs about \d+\.\d GiB, got 8\.0 GiB of free RAM: switched to low-memory mode \(about \d+\.\d GiB\)/);
    expect(warnings).toEqual([model.memory.warning]);
    expect(sessions.lowMemory).toBe(false);
    const other = await DiffusionModel.open(demoModel('demo-sd'), sessions, { availableBytes: 8 * GIB });
    expect(other.lowMemory).toBe(false);
    // it still generates, in low-memory mode
    expect((await generateImages(model, request))[0]!.image.width).toBe(64);
    await sessions.releaseAll();
  });

  it('keeps normal mode for the SDXL-sized folder with 64 GiB free, and warns when even low-memory mode may not fit', async () => {
    const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
    const roomy = await DiffusionModel.open(sdxlSized, sessions, { availableBytes: 64 * GIB });
    expect(roomy.memory).toEqual({ lowMemory: false });
    expect(roomy.lowMemory).toBe(false);
    const tight = await DiffusionModel.open(sdxlSized, sessions, { availableBytes: 4 * GIB });
    expect(tight.lowMemory).toBe(true);
    expect(tight.memory.warning).toMatch(/even in low-memory mode, got 4\.0 GiB of free RAM/);
  });

  it('a switched model generates the same bytes as a normal one for the same seed', async () => {
    const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
    const normal = await DiffusionModel.open(demoModel('demo-sd'), sessions, { availableBytes: 64 * GIB });
    const switched = await DiffusionModel.open(demoModel('demo-sd'), sessions, { availableBytes: 1 });
    expect([normal.lowMemory, switched.lowMemory]).toEqual([false, true]);
    const [a, b] = [await generateImages(normal, request), await generateImages(switched, request)];
    expect(Buffer.from(b[0]!.image.data).equals(Buffer.from(a[0]!.image.data))).toBe(true);
    await sessions.releaseAll();
  });

  it("the engine behind the API puts the guard's notice on the job's progress events", async () => {
    const engine = new EngineBackendsImpl({ availableMemoryBytes: () => 1 });
    const steps: GenerationStep[] = [];
    try {
      const job = { ...request, modelDir: demoModel('demo-sd'), provider: 'cpu' as const, count: 1, previewEvery: 0, fastDecode: false };
      await engine.generate(job, { onProgress: (p) => steps.push(p), signal: new AbortController().signal, onImage: async () => {} });
    } finally {
      await engine.dispose();
    }
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((p) => /even in low-memory mode, got 0 MiB of free RAM/.test(p.memoryNotice ?? ''))).toBe(true);
  });
});
