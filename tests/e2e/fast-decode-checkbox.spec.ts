// The Generate panel's "Fast decode" checkbox is enabled exactly when fast decode works for the picked model (the
// model list's `fast-decode` capability): demo-sd ships its own tiny decoder; demo-sd-legacy has none, so the box is
// disabled with the engine's reason until a tiny decoder for its latent family is placed in the models folder —
// then it is enabled, and a fast-decoded Generate succeeds.
import path from 'node:path';
import { writeDemoTinyDecoderFolder } from '../../native-models/demo/sd/demo-tiny-decoder-folder.ts';
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

test('fast decode is offered exactly when the picked model has a tiny decoder (its own or an installed one)', async ({ page, served }) => {
  await page.goto(served.url);
  const model = page.getByRole('combobox', { name: 'Model', exact: true });
  const fast = page.getByRole('checkbox', { name: 'Fast decode (tiny decoder)' });
  await expect(model).toHaveValue('demo-pack/demo-sd');
  await expect(fast).toBeEnabled();
  await fast.check();

  await model.selectOption('demo-pack/demo-sd-legacy');
  await expect(fast).toBeDisabled();
  await expect(fast).not.toBeChecked();
  await expect(page.locator('label.check', { has: fast })).toHaveAttribute('title', /^demo-sd-legacy \(demo\) cannot do this: fast decode needs a tiny decoder: .*install taesd \(SD 1\.x\/2\.x\) or taesdxl \(SDXL\) from the catalogue, or put a tiny decoder at preview_decoder\/model\.onnx/);

  // As `models install taesd` leaves it: the export's layout with its latent family recorded.
  await writeDemoTinyDecoderFolder(path.join(served.modelsDir, 'taesd'), 'sd');
  await page.reload();
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 2 });
  await model.selectOption('demo-pack/demo-sd-legacy');
  await expect(fast).toBeEnabled();
  await fast.check();
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Generated image, seed 11' })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
});
