// Cancel on a job of several images keeps the ones already made: on disk, in the Gallery, on the canvas, and the
// queue row says how many of how many were done.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

test('cancelling a 4-image job after 2 are done keeps the finished ones', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  // 1000 steps per image at 128×128: several seconds each here, so the cancel lands while image 3 runs.
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 1000, seed: 5 });
  await page.getByRole('spinbutton', { name: 'Count' }).fill('4');
  await page.getByRole('button', { name: 'Generate' }).click();
  // Cancel once two images are on disk (the page's progress can trail the engine by more than an image).
  const outputsDir = path.join(served.dataDir, 'outputs');
  await expect.poll(async () => (await fs.readdir(outputsDir).catch(() => [])).length, { timeout: 45_000, intervals: [100] }).toBeGreaterThanOrEqual(2);
  await page.getByRole('region', { name: 'Generate' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: 'Generate: a red circle, cancelled' })).toBeVisible();
  // Images 1 and 2 (seeds 5 and 6: seed + index) were written before the cancel; image 3 may have finished
  // too while the cancel travelled, image 4 never.
  const outputs = (await fs.readdir(outputsDir)).sort();
  expect(outputs.length).toBeGreaterThanOrEqual(2);
  expect(outputs.length).toBeLessThan(4);
  expect(outputs.slice(0, 2)).toEqual([expect.stringMatching(/-s5\.png$/), expect.stringMatching(/-s6\.png$/)]);
  const row = page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: 'Generate: a red circle, cancelled' });
  await expect(row).toContainText(`${outputs.length} of 4 done, cancelled`);
  await expect(page.getByRole('img', { name: 'Generated image, seed 5' })).toBeVisible();
  await page.getByRole('button', { name: 'Gallery' }).click();
  await expect(page.getByRole('listitem', { name: /^Result: a red circle, seed \d$/ })).toHaveCount(outputs.length);
});
