// Execution providers are listed available only when a probe session really ran on them (real onnxruntime-node):
// WebGPU is compiled in but has no adapter on a machine without a GPU driver, so it must not be offered there.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProviderSetting, detectProviders, onnxRuntimeVersion, probeProvider } from '../../../native-models/runtime/index.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('tessera-probe-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('provider probe', () => {
  it('runs the probe graph on the CPU and checks its answer', async () => {
    expect(await probeProvider('cpu')).toEqual({ ok: true });
  });

  it('lists WebGPU as available exactly when its probe session runs, with the provider\'s own reason otherwise', async () => {
    const cacheFile = path.join(dir, 'provider-probe.json');
    const webgpu = await probeProvider('webgpu');
    const listed = (await detectProviders({ cacheFile })).find((p) => p.provider === 'webgpu')!;
    expect(listed.available).toBe(webgpu.ok);
    if (!webgpu.ok) {
      expect(listed.reason).toBe(`a probe session failed on it: ${webgpu.error}`);
      expect(listed.reason).not.toMatch(/\.cc:\d+|onnxruntime::/); // no C++ source locations or signatures
    }
    // Kept per machine, keyed by onnxruntime version + provider + platform.
    const cache = JSON.parse(await fs.readFile(cacheFile, 'utf8')) as { entries: Record<string, { ok: boolean }> };
    expect(cache.entries[`${onnxRuntimeVersion()}|webgpu|${process.platform}-${process.arch}`]?.ok).toBe(webgpu.ok);
    expect(cache.entries[`${onnxRuntimeVersion()}|cpu|${process.platform}-${process.arch}`]?.ok).toBe(true);
  });

  it('refuses an unavailable provider setting with the reason, and an unknown name as INVALID_ARGUMENT', async () => {
    await expect(checkProviderSetting('cpu')).resolves.toBe('cpu');
    await expect(checkProviderSetting('auto')).resolves.toBe('auto');
    await expect(checkProviderSetting('tpu')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    if (!(await probeProvider('webgpu')).ok) {
      await expect(checkProviderSetting('webgpu')).rejects.toMatchObject({ code: 'PROVIDER_UNAVAILABLE', message: expect.stringMatching(/"webgpu" is not available here: a probe session failed on it: .+; choose cpu or auto/) });
    }
  });
});
