// A provider that fails on the model (here: WebGPU passed a probe cached earlier, as before a GPU driver was
// removed, and has no adapter now) is reported as PROVIDER_FAILED in the Studio with "Run on CPU", which
// switches the setting and runs the generation again; a provider whose probe fails is never offered.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

test('a failing provider offers "Run on CPU", which runs the job', async ({ page, served }) => {
  // The first start probed this machine; the probe file now claims WebGPU works and the setting chooses it.
  const probeFile = path.join(served.dataDir, 'provider-probe.json');
  const probe = JSON.parse(await fs.readFile(probeFile, 'utf8')) as { entries: Record<string, { ok: boolean; error?: string }> };
  const webgpuKey = Object.keys(probe.entries).find((k) => k.includes('|webgpu|'))!;
  test.skip(probe.entries[webgpuKey]!.ok, 'WebGPU really runs on this machine');
  probe.entries[webgpuKey] = { ok: true };
  await fs.writeFile(probeFile, JSON.stringify(probe));
  await served.restart();
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Execution provider').selectOption('webgpu');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('button', { name: 'Studio' }).click();

  await fillGenerateForm(page, { prompt: 'a red circle', steps: 4 });
  await page.getByRole('button', { name: 'Generate' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('PROVIDER_FAILED');
  await expect(alert).toContainText('the webgpu execution provider failed');
  await alert.getByRole('button', { name: 'Run on CPU' }).click();
  await expect(page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: 'Generate: a red circle, done' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  const settings = JSON.parse(await fs.readFile(path.join(served.dataDir, 'settings.json'), 'utf8')) as { settings: { provider: string } };
  expect(settings.settings.provider).toBe('cpu');
});

test('a provider whose probe fails is listed unavailable with its reason', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const probe = JSON.parse(await fs.readFile(path.join(served.dataDir, 'provider-probe.json'), 'utf8')) as { entries: Record<string, { ok: boolean; error?: string }> };
  const webgpu = Object.entries(probe.entries).find(([k]) => k.includes('|webgpu|'))![1];
  const option = page.getByLabel('Execution provider').locator('option[value="webgpu"]');
  if (webgpu.ok) await expect(option).toBeEnabled();
  else {
    await expect(option).toBeDisabled();
    await expect(option).toHaveAttribute('title', `a probe session failed on it: ${webgpu.error}`);
  }
});
