// The Batch panel's SDXL refiner: the Generate form's picker, shown for a generate (or img2img) batch whose model
// is an SDXL base and for no other, starting at the engine's hand-over (REFINER_DEFAULTS.switchAt); at the smallest
// window (1024×700) it shows without covering the fields around it; a batch started with it names the refiner
// in its queue row and every image records it (A1111 "Refiner: <title>, Refiner switch at: S").
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { checkControls } from './layout-boxes.ts';
import { pickDemoRefiner } from './refiner-picker-steps.ts';
import { expect, test } from './serve-fixture.ts';

let root: string;
test.beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-batch-refiner-'));
});
test.afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('a generate batch of demo-sdxl with the refiner: the picker at 1024×700, the queue row, the images record it', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Batch' }).click();
  const model = page.getByRole('combobox', { name: 'Model' });
  await expect(model).toHaveValue('demo-pack/demo-sam');
  const refiner = page.getByRole('combobox', { name: 'Refiner' });
  await page.getByRole('combobox', { name: 'Job type' }).selectOption('generate');
  const switchAt = await pickDemoRefiner(page, model);
  await switchAt.fill('0.7');

  const outputDir = path.join(root, 'out');
  await page.getByRole('textbox', { name: 'Prompts, one per line' }).fill('a red circle');
  await page.getByRole('spinbutton', { name: 'Width' }).fill('64');
  await page.getByRole('spinbutton', { name: 'Height' }).fill('64');
  await page.getByRole('textbox', { name: 'Steps' }).fill('4');
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
  const { overlaps } = await checkControls([
    ['Negative prompt', page.getByRole('textbox', { name: 'Negative prompt' })],
    ['Steps', page.getByRole('textbox', { name: 'Steps' })],
    ['Guidance', page.getByRole('textbox', { name: 'Guidance' })],
    ['Seed', page.getByRole('textbox', { name: 'Seed' })],
    ['Refiner', refiner],
    ['Switch at', switchAt],
    ['Start', page.getByRole('button', { name: 'Start' })],
  ]);
  expect(overlaps).toEqual([]);
  await page.screenshot({ path: 'test-results/screenshots/batch-refiner.png' });

  await page.getByRole('button', { name: 'Start' }).click();
  const bar = page.getByRole('progressbar', { name: 'Batch progress' });
  await expect(bar).toHaveAttribute('aria-valuenow', '1', { timeout: 60_000 });
  await expect(page.getByRole('status')).toHaveText('Finished');
  // the queue is the Studio's column
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Studio' }).click();
  await expect(page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: /^Batch generate: 1 prompt\(s\) → out \(refiner demo-sdxl-refiner at 0\.7\), done$/ })).toHaveCount(1);

  const pngs = (await fs.readdir(outputDir)).filter((f) => f.endsWith('.png'));
  expect(pngs).toHaveLength(1);
  const { comments } = await sharp(path.join(outputDir, pngs[0]!)).metadata();
  const parameters = comments?.find((c) => c.keyword === 'parameters')?.text ?? '';
  expect(parameters).toContain('Refiner: demo-sdxl-refiner, Refiner switch at: 0.7');

  // Another model family takes no refiner: the picker goes (and the request would carry none).
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Batch' }).click();
  await model.selectOption('demo-pack/demo-sd');
  await expect(refiner).toHaveCount(0);
});
