// Importing a tiny decoder (TAESD-class) from the Models screen's Import tab: a downloaded export folder records no
// latent family and its graph does not tell taesd from taesdxl, so the dialog asks for it as `tessera models import
// --latent-family` does — no default, a clear message when Add model is pressed without one, copy only (the family
// is written into the copy) — and the imported decoder is listed with its family and makes the Generate panel's
// Fast decode box usable for an SD 1.x model that ships no tiny decoder of its own.
import { mkdtempSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeDemoTinyDecoderFolder } from '../../native-models/demo/sd/demo-tiny-decoder-folder.ts';
import { readLatentFamily } from '../../native-models/models/tiny-decoder-folder.ts';
import { expect, test } from './serve-fixture.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-import-tiny-'));
test.afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

test('a tiny decoder is imported with the latent family the user picks, and fast decode becomes available for that family', async ({ page, served }) => {
  // As a user's download of deinferno/taesd-onnx leaves it: no family recorded.
  const download = path.join(scratch, 'taesd-download');
  await writeDemoTinyDecoderFolder(download);
  await page.goto(served.url);
  const model = page.getByRole('combobox', { name: 'Model', exact: true });
  const fast = page.getByRole('checkbox', { name: 'Fast decode (tiny decoder)' });
  await model.selectOption('demo-pack/demo-sd-legacy');
  await expect(fast).toBeDisabled();

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('Folder to import').fill(download);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const preview = page.getByRole('form', { name: 'Import preview' });
  await expect(preview).toContainText('tiny-decoder');
  await expect(preview).toContainText('needs its latent family');
  const family = preview.getByRole('combobox', { name: 'Latent family' });
  await expect(family).toHaveValue('');
  // The family is written into the copy, so linking in place is not offered.
  await expect(preview.getByRole('radio', { name: 'Link in place' })).toHaveCount(0);

  await preview.getByLabel('Model name').fill('my-taesd');
  await preview.getByRole('button', { name: 'Add model' }).click();
  await expect(preview.getByRole('alert')).toContainText('Choose the latent family this tiny decoder serves');
  await expect(fs.lstat(path.join(served.modelsDir, 'my-taesd'))).rejects.toMatchObject({ code: 'ENOENT' });

  await family.selectOption('sd');
  await expect(preview.getByRole('alert')).toHaveCount(0);
  await preview.getByRole('button', { name: 'Add model' }).click();
  await expect(page.getByRole('status')).toContainText('Added my-taesd (copied)');
  expect(await readLatentFamily(path.join(served.modelsDir, 'my-taesd'))).toBe('sd');
  // The user's folder is untouched.
  expect(await readLatentFamily(download)).toBeUndefined();

  await page.getByRole('tab', { name: 'Installed' }).click();
  const row = page.getByRole('list', { name: 'Installed models' }).getByRole('listitem', { name: 'my-taesd', exact: true });
  await expect(row).toContainText('for SD 1.x/2.x latents');

  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Studio' }).click();
  await model.selectOption('demo-pack/demo-sd-legacy');
  await expect(fast).toBeEnabled();
});
