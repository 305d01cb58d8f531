// The service tells the truth about execution providers (real engine, real onnxruntime-node): a provider whose
// probe fails is not offered and cannot be chosen (provider-failed.test.ts: one that fails on a model).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeProvider } from '../../../native-models/runtime/index.ts';
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

describe.skipIf(webgpuRuns)('providers on a machine where WebGPU has no adapter', () => {
  it('lists webgpu unavailable with the reason and refuses it in updateSettings, keeping the setting', async () => {
    const service = await startService('fresh');
    try {
      const health = await service.getHealth();
      expect(health.providers.find((p) => p.provider === 'webgpu')).toMatchObject({ available: false, reason: expect.stringMatching(/^a probe session failed on it: /) });
      await expect(service.updateSettings({ provider: 'webgpu' })).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringContaining('"webgpu" is not available here') });
      expect((await service.getSettings()).settings.provider).toBe('auto');
    } finally {
      await service.dispose();
    }
  });
});
