// The Batch panel's "Every object" cut-out mode (API prompt `everything`, as `tessera batch cutout --prompt
// everything`): chosen in the panel, the cut-out fields give way to segment-everything's options (placeholders:
// the engine's defaults), a value out of range is said in place, and Start writes each image's x.regions.json alone
// with the grid the panel was given.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EVERYTHING_DEFAULTS } from '../../native-models/api/index.ts';
import { regionsOutput } from '../../native-models/batch/output-naming.ts';
import { writeDrawn } from '../unit/batch/fixtures/drawn-images.ts';
import { readManifestLines } from '../integration/batch/batch-cli.ts';
import { expect, test } from './serve-fixture.ts';

const IMAGES = ['apple.png', 'coin.png'];

let root: string;
test.beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-batch-everything-'));
});
test.afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('"Every object" in the Batch panel writes a regions file per image with the grid given in the panel', async ({ page, served }) => {
  const inputDir = path.join(root, 'photos');
  const outputDir = path.join(root, 'regions');
  await writeDrawn(path.join(inputDir, IMAGES[0]!), { width: 48, height: 40, shape: 'rect', geometry: [8, 6, 30, 28], fg: [220, 30, 30], bg: [40, 40, 40] });
  await writeDrawn(path.join(inputDir, IMAGES[1]!), { width: 44, height: 44, shape: 'disc', geometry: [22, 22, 12], fg: [30, 200, 60], bg: [40, 40, 40] });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Batch' }).click();
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-sam');
  await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);

  const options = page.getByRole('group', { name: 'Segment everything options' });
  await expect(options).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Object to cut out' }).selectOption({ label: 'Every object (regions file, no cut-out)' });
  await expect(page.getByRole('checkbox', { name: 'Crop to the object' })).toHaveCount(0);
  const grid = options.getByRole('textbox', { name: 'Grid points per side' });
  await expect(grid).toHaveAttribute('placeholder', String(EVERYTHING_DEFAULTS.pointsPerSide));
  await expect(options.getByRole('textbox', { name: 'Min predicted IoU' })).toHaveAttribute('placeholder', String(EVERYTHING_DEFAULTS.predIouThreshold));
  await grid.fill('100');
  await expect(options.getByText('got 100, expected a whole number from 1 to 64')).toBeVisible();
  await grid.fill('4');
  await expect(options.getByText(/got .*, expected/)).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/batch-everything-setup.png' });
  await page.getByRole('button', { name: 'Start' }).click();

  await expect(page.getByRole('status')).toHaveText('Finished', { timeout: 60_000 });
  await expect(page.getByLabel('Batch counts')).toContainText('Done2');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/batch-everything-done.png' });
  expect((await fs.readdir(outputDir)).sort()).toEqual(['manifest.jsonl', ...IMAGES.map(regionsOutput)].sort());
  for (const image of IMAGES) {
    const file = JSON.parse(await fs.readFile(path.join(outputDir, regionsOutput(image)), 'utf8')) as { regions: unknown[] };
    expect(file.regions.length, `${image} regions`).toBeGreaterThan(0);
  }
  const done = (await readManifestLines(outputDir)).filter((l) => l.status === 'done');
  expect(done.map((l) => l.parameters)).toEqual(IMAGES.map(() => ({ prompt: 'everything', everything: { pointsPerSide: 4 } })));
});
