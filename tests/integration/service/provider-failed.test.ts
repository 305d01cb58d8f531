// A provider that passed its probe (here: a stale cached result, as after a GPU driver was removed) but fails on
// the model is reported as PROVIDER_FAILED, never as a broken model (real engine, real onnxruntime-node). Its own
// file: the first answer about a provider holds for the process, and this one must come from the seeded cache.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxRuntimeVersion, probeProvider } from '../../../native-models/runtime/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';

let root: string;
const webgpuRuns = (await probeProvider('webgpu')).ok;

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-provider-truth-'));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function startService(name: string): Promise<TesseraService> {
  return TesseraService.start({ host: 'in-process', modelsRoot: path.join(root, 'models'), dataDir: path.join(root, name), backends: new EngineBackendsImpl(), benchmark: { runs: 1 } });
}

function finalState(service: TesseraService, jobId: string): Promise<{ state: string; error?: { code: string; message: string } }> {
  return new Promise((resolve) => {
    const off = service.events.on('onJobUpdate', (u) => {
      if (u.jobId === jobId && (u.state === 'done' || u.state === 'failed' || u.state === 'cancelled')) {
        off();
        resolve(u as never);
      }
    });
  });
}

describe.skipIf(webgpuRuns)('a provider failing at run time', () => {
  it('reports a provider that fails on the model as PROVIDER_FAILED (not MODEL_INVALID), with the way to CPU', async () => {
    const dataDir = path.join(root, 'stale');
    await fs.mkdir(dataDir, { recursive: true });
    const key = `${onnxRuntimeVersion()}|webgpu|${process.platform}-${process.arch}`;
    await fs.writeFile(path.join(dataDir, 'provider-probe.json'), JSON.stringify({ entries: { [key]: { ok: true, probedAt: '2026-01-01T00:00:00Z' } } }));
    const service = await startService('stale');
    try {
      await service.updateSettings({ provider: 'webgpu' });
      const { jobId } = await service.generate({ modelId: 'demo-pack/demo-sd', prompt: 'a red circle', steps: 2, guidance: 1, seed: 1, width: 64, height: 64, scheduler: 'euler' } as never);
      const final = await finalState(service, jobId);
      expect(final.state).toBe('failed');
      expect(final.error?.code).toBe('PROVIDER_FAILED');
      // the first network the generation loads (the text encoder: each stage opens its own) names the provider
      expect(final.error?.message).toMatch(/the webgpu execution provider failed to load .*demo-sd\/(text_encoder|unet)\/model\.onnx: .*; run on CPU instead/);
      expect(final.error?.message).not.toMatch(/\.cc:\d+/);
    } finally {
      await service.dispose();
    }
  });
});
