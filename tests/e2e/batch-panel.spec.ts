// The Batch screen in Chromium against the web host with the demo pack: a cut-out batch over a folder of small
// PNGs and one corrupt file, run from the panel by accessible names; the progress, the summary listing the
// failure, the files on disk; Resume offered on the same folder; the Upscale job type with its tile field; folder
// mistakes said in place; the web host's folder browser (confined to the host's roots); with a Redis URL in
// Settings, the batch runs on a real `tessera worker` process and the panel follows it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { RedisServerFixture } from '../fixtures/redis-server.ts';
import { WorkerProcess } from '../integration/distributed/worker-process.ts';
import { expect, test } from './serve-fixture.ts';
import { cutoutOutputs } from '../../native-models/batch/output-naming.ts';
import { tessera } from '../integration/batch/batch-cli.ts';

const IMAGES = ['apple.png', 'box.png', 'coin.png'];

/** A 64×48 picture: a coloured rectangle (the object) on a light background, different per image. */
async function writeImages(dir: string): Promise<void> {
  await fs.mkdir(dir, { recursive: true });
  for (const [k, name] of IMAGES.entries()) {
    const [w, h] = [64, 48];
    const data = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const inside = x >= 10 && x < 54 && y >= 8 && y < 40;
        data.set(inside ? [200, 40 + 60 * k, 40] : [235, 235, 235], (y * w + x) * 3);
      }
    }
    await sharp(data, { raw: { width: w, height: h, channels: 3 } }).png().toFile(path.join(dir, name));
  }
  await fs.writeFile(path.join(dir, 'broken.png'), 'this is not a PNG\n');
}

async function openBatch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Batch' }).click();
  await expect(page.getByRole('heading', { name: 'Batch', exact: true })).toBeVisible();
  // The model list arrives from the host (Start waits for it).
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-sam');
}

let root: string;
test.beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-batch-'));
});
test.afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

test('a cut-out batch from the panel: progress, the summary with the failure, the files; Resume on the same folder', async ({ page, served }) => {
  const inputDir = path.join(root, 'photos');
  const outputDir = path.join(root, 'cutouts');
  await writeImages(inputDir);
  await openBatch(page, served.url);
  await page.getByRole('combobox', { name: 'Job type' }).selectOption('cutout');
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-sam');
  await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
  await page.getByRole('checkbox', { name: 'Crop to the object' }).check();
  await page.screenshot({ path: 'test-results/screenshots/batch-setup.png' });
  await page.getByRole('button', { name: 'Start' }).click();

  const bar = page.getByRole('progressbar', { name: 'Batch progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '4', { timeout: 45_000 });
  await expect(bar).toHaveAttribute('aria-valuenow', '4', { timeout: 45_000 });
  await expect(page.getByRole('status')).toHaveText('Finished');
  const counts = page.getByRole('definition');
  await expect(page.getByLabel('Batch counts')).toContainText('Done3');
  await expect(page.getByLabel('Batch counts')).toContainText('Failed1');
  expect(await counts.count()).toBe(6);
  const failures = page.getByRole('list', { name: 'Failures' });
  await expect(failures.getByRole('listitem')).toHaveCount(1);
  await expect(failures).toContainText('broken.png');
  await expect(failures).toContainText('IMAGE_UNREADABLE');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/batch-summary.png' });

  // Every image has its (cropped) cut-out and its mask; the corrupt file has none.
  const written = (await fs.readdir(outputDir)).sort();
  expect(written).toEqual(['manifest.jsonl', ...IMAGES.flatMap(cutoutOutputs)].sort());
  const cut = await sharp(path.join(outputDir, cutoutOutputs('apple.png')[0])).metadata();
  expect([cut.width, cut.height, cut.channels]).toEqual([44, 32, 4]); // the 44×32 rectangle, cropped

  // A fresh page on the same output folder offers Resume; it redoes nothing and retries the failure.
  await openBatch(page, served.url);
  await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).blur();
  await expect(page.getByRole('note')).toContainText('3 done, 1 failed');
  await page.screenshot({ path: 'test-results/screenshots/batch-resume.png' });
  // Resuming without Crop would not be the batch those outputs were made by: refused, the difference said in place.
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByText(/got cutout settings that differ from those its outputs were made with \(crop: \(not set\) now, true before\)/)).toBeVisible();
  await page.getByRole('checkbox', { name: 'Crop to the object' }).check();
  await page.getByRole('button', { name: /^(Resume|Start)$/ }).click();
  await expect(page.getByRole('status')).toHaveText('Finished', { timeout: 45_000 });
  await expect(page.getByLabel('Batch counts')).toContainText('Already done3');
  await expect(page.getByLabel('Batch counts')).toContainText('Done0');

  // The Gallery lists both runs on the folder as batch groups (newest first), counted from the manifest, with
  // a tile per output; a tile opens that output on the canvas.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Gallery' }).click();
  const groups = page.getByRole('list', { name: 'Batch runs' }).getByRole('listitem', { name: `Batch cutout: ${outputDir}` });
  await expect(groups).toHaveCount(2);
  const newest = groups.first();
  await expect(newest).toContainText('Cut-out');
  await expect(newest).toContainText('3/4 done · 1 failed');
  await expect(newest).toContainText(`${inputDir} → ${outputDir}`);
  const appleCut = cutoutOutputs('apple.png')[0];
  const tiles = newest.getByRole('list', { name: 'Batch outputs' }).getByRole('button');
  await expect(tiles).toHaveCount(IMAGES.length);
  await page.screenshot({ path: 'test-results/screenshots/gallery-batch-groups.png' });
  await tiles.filter({ has: page.getByRole('img', { name: `Output ${appleCut}` }) }).click();
  await expect(page.getByRole('img', { name: `Batch output: ${appleCut}`, exact: true })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('"Subject (no clicks)": the panel offers the background-removal model, and the batch cuts out every subject with its confidence', async ({ page, served }) => {
  const inputDir = path.join(root, 'photos');
  const outputDir = path.join(root, 'subjects');
  await writeImages(inputDir);
  await openBatch(page, served.url);
  await page.getByRole('combobox', { name: 'Job type' }).selectOption('cutout');
  await page.getByRole('combobox', { name: 'Object to cut out' }).selectOption({ label: 'Subject (no clicks)' });
  // Only background-removal models fit this mode: the SAM models leave the list.
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-rembg-u2net');
  await expect(page.getByRole('combobox', { name: 'Model' }).getByRole('option')).toHaveCount(1);
  await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
  // A threshold of 1 sends every result to review (the demo model's confidence is below 1): the grid follows the run.
  await page.getByRole('spinbutton', { name: 'Review below (confidence)' }).fill('1');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status')).toHaveText('Finished', { timeout: 45_000 });
  await expect(page.getByLabel('Batch counts')).toContainText('Done3');
  await expect(page.getByRole('region', { name: /^To review/ })).toContainText('To review (3)');
  await page.screenshot({ path: 'test-results/screenshots/batch-subject.png' });
  const lines = (await fs.readFile(path.join(outputDir, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { status?: string; input?: string; parameters?: { prompt?: string }; result?: { confidence?: number } });
  const done = lines.filter((l) => l.status === 'done');
  expect(done.map((l) => l.input).sort()).toEqual([...IMAGES].sort());
  for (const entry of done) {
    expect(entry.parameters?.prompt).toBe('subject');
    expect(entry.result?.confidence).toBeGreaterThan(0.9);
  }
  // The rectangle is the subject: opaque inside, transparent in the corner.
  const { data, info } = await sharp(path.join(outputDir, 'apple.cutout.png')).raw().toBuffer({ resolveWithObject: true });
  expect([info.width, info.height, info.channels]).toEqual([64, 48, 4]);
  expect([data[(24 * 64 + 32) * 4 + 3], data[3]]).toEqual([255, 0]);
});

test('"Upscale" job type: the panel offers the upscaler, tile and overlap, and the batch writes each image ×4', async ({ page, served }) => {
  const inputDir = path.join(root, 'photos');
  const outputDir = path.join(root, 'upscaled');
  await writeImages(inputDir);
  await fs.rm(path.join(inputDir, 'broken.png'));
  await openBatch(page, served.url);
  await page.getByRole('combobox', { name: 'Job type' }).selectOption('upscale');
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-upscaler-x4');
  await expect(page.getByRole('textbox', { name: 'Tile (px)' })).toHaveAttribute('placeholder', '512');
  await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
  await page.getByRole('textbox', { name: 'Tile (px)' }).fill('16');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByText('got 16, expected a whole number from 32 to 8192')).toBeVisible();
  await page.getByRole('textbox', { name: 'Tile (px)' }).fill('32');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('status')).toHaveText('Finished', { timeout: 45_000 });
  await expect(page.getByLabel('Batch counts')).toContainText('Done3');
  await page.screenshot({ path: 'test-results/screenshots/batch-upscale.png' });
  expect((await fs.readdir(outputDir)).sort()).toEqual(['manifest.jsonl', ...IMAGES.map((name) => `${name}.upscaled.png`)].sort());
  const up = await sharp(path.join(outputDir, 'apple.png.upscaled.png')).metadata();
  expect([up.width, up.height]).toEqual([256, 192]);
});

test('folder mistakes are said in place: output inside the input, a missing input folder', async ({ page, served }) => {
  await openBatch(page, served.url);
  await page.getByRole('textbox', { name: 'Input folder' }).fill(path.join(root, 'photos'));
  const output = page.getByRole('textbox', { name: 'Output folder' });
  await output.fill(path.join(root, 'photos', 'out'));
  await expect(output).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('got a folder inside the input folder, expected a separate folder')).toBeVisible();
  await output.fill(path.join(root, 'out'));
  await page.getByRole('button', { name: 'Start' }).click();
  // Nothing at the input path: the host refuses the call and the message sits under the field.
  const input = page.getByRole('textbox', { name: 'Input folder' });
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/got no such folder, expected an existing folder of images/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/screenshots/batch-errors.png' });
  // Browse… in the web host opens the host's folder browser. The typed folder is a temp folder outside its roots
  // (home, models, data, output folders): it says so and offers the roots. Hidden folders and a link leading out
  // of the roots are not listed.
  const inbox = path.join(served.dataDir, 'inbox');
  await writeImages(path.join(inbox, 'photos'));
  await fs.mkdir(path.join(inbox, '.hidden'));
  await fs.symlink(root, path.join(inbox, 'escape'));
  await page.getByRole('button', { name: 'Browse for the input folder' }).click();
  const dialog = page.getByRole('dialog', { name: 'Choose the folder of images to process' });
  await expect(dialog.getByRole('alert')).toContainText('expected a folder inside one of');
  await dialog.getByRole('button', { name: 'Data folder', exact: true }).click();
  await dialog.getByRole('button', { name: /^inbox/ }).click();
  const folders = dialog.getByRole('list', { name: 'Folders' });
  await expect(folders.getByRole('listitem')).toHaveText([/^photos\s*4 images$/]);
  await folders.getByRole('button', { name: /^photos/ }).click();
  await expect(dialog.getByLabel('Folder shown')).toHaveText(`${path.join(inbox, 'photos')} · 4 images`);
  await page.screenshot({ path: 'test-results/screenshots/batch-folder-browser.png' });
  await dialog.getByRole('button', { name: 'Use this folder' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(input).toHaveValue(path.join(inbox, 'photos'));
  // The other job types show their own options; the model list follows the job type.
  await page.getByRole('combobox', { name: 'Job type' }).selectOption('generate');
  await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-sd');
  await expect(page.getByRole('textbox', { name: 'Input folder' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Prompts, one per line' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/batch-generate-options.png' });
});

test('with a Redis URL in Settings, Start submits to Redis workers: a real worker does the cut-outs, no Pause', async ({ page, served }) => {
  const redis = await RedisServerFixture.start();
  const worker = new WorkerProcess('e2e', redis.url, path.join(served.modelsDir, 'demo-pack', 'demo-sam'));
  try {
    await worker.ready();
    const inputDir = path.join(root, 'photos');
    const outputDir = path.join(root, 'cutouts');
    await writeImages(inputDir);
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('textbox', { name: 'Redis URL' }).fill(redis.url);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toHaveText(/Saved/);

    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Batch' }).click();
    await expect(page.getByRole('combobox', { name: 'Model' })).toHaveValue('demo-pack/demo-sam');
    await expect(page.getByRole('note')).toContainText(`Runs on Redis workers at 127.0.0.1:${new URL(redis.url).port}`);
    await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
    await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
    await page.getByRole('button', { name: 'Start' }).click();

    await expect(page.getByLabel('Runs on Redis workers')).toContainText('queue cutout.demo-sam', { timeout: 45_000 });
    // While it runs (the corrupt file's retries back off for seconds): Cancel, but no Pause for workers elsewhere.
    const progressPanel = page.getByRole('region', { name: 'Progress' });
    await expect(progressPanel.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await expect(progressPanel.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await page.screenshot({ path: 'test-results/screenshots/batch-redis-running.png' });
    await expect(page.getByRole('status')).toHaveText('Finished', { timeout: 45_000 });
    await expect(page.getByLabel('Batch counts')).toContainText('Done3');
    await expect(page.getByLabel('Batch counts')).toContainText('Failed1');
    await expect(page.getByRole('list', { name: 'Failures' })).toContainText('broken.png');
    await page.screenshot({ path: 'test-results/screenshots/batch-redis.png' });
    // The worker process did every image (the app only followed); the files are the local batch's.
    const batchId = (await page.getByLabel('Runs on Redis workers').textContent())!.match(/batch (\S+),/)![1]!;
    expect(new Set(worker.jobLines(batchId, 'done').map((l) => l.input))).toEqual(new Set(IMAGES));
    const written = (await fs.readdir(outputDir)).sort();
    expect(written).toEqual(['manifest.jsonl', ...IMAGES.flatMap(cutoutOutputs)].sort());
  } finally {
    await worker.stop();
    await redis.dispose();
  }
});

test('review after a subject batch: the grid of entries below the threshold; one opened, refined with a click, saved back to the batch', async ({ page, served }) => {
  const inputDir = path.join(root, 'photos');
  const outputDir = path.join(root, 'cutouts-review');
  await writeImages(inputDir);
  await page.setViewportSize({ width: 1024, height: 700 });
  await fs.rm(path.join(inputDir, 'broken.png')); // no failure: the CLI exits 0
  await openBatch(page, served.url); // the host has written the demo pack by now
  // --review-below 1: every entry lands in review (the demo model's confidence is below 1).
  const model = path.join(served.modelsDir, 'demo-pack', 'demo-rembg-u2net');
  const batch = await tessera(['batch', 'cutout', '--model', model, '--in', inputDir, '--out', outputDir, '--review-below', '1', '--json']);
  expect(batch.code, batch.stderr).toBe(0);
  const cutoutFile = path.join(outputDir, cutoutOutputs('apple.png')[0]!);
  const before = await sharp(cutoutFile).raw().toBuffer();
  expect(before[3]).toBe(0); // the corner is background
  const centreAlpha = (24 * 64 + 32) * 4 + 3; // the middle of the 44×32 rectangle, the subject
  expect(before[centreAlpha]).toBe(255);
  await page.getByRole('textbox', { name: 'Input folder' }).fill(inputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).fill(outputDir);
  await page.getByRole('textbox', { name: 'Output folder' }).blur();
  const grid = page.getByRole('region', { name: /^To review/ });
  await expect(grid.getByRole('button')).toHaveCount(IMAGES.length);
  await expect(grid.getByRole('button', { name: /apple\.png/ }).locator('img')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/batch-review-grid.png' });

  await grid.getByRole('button', { name: /apple\.png/ }).click();
  const label = 'Batch review: apple.png';
  await expect(page.getByRole('img', { name: label, exact: true })).toBeVisible();
  // The batch's mask is the selection; a click on the background adds it (SAM with that mask as its prompt).
  const corner = await page.getByRole('img', { name: label, exact: true }).boundingBox();
  await page.mouse.click(corner!.x + 0.04 * corner!.width, corner!.y + 0.05 * corner!.height);
  await expect(page.getByRole('button', { name: 'Save to batch' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/screenshots/batch-review-studio.png' });
  await page.getByRole('button', { name: 'Save to batch' }).click();

  // Back on the Batch panel with one entry fewer; the files and the manifest say it was reviewed.
  await expect(grid.getByRole('button')).toHaveCount(IMAGES.length - 1);
  await expect(grid.getByRole('button', { name: /apple\.png/ })).toHaveCount(0);
  const after = await sharp(cutoutFile).raw().toBuffer();
  expect(after[3]).toBe(255); // the corner the click added is kept now
  // The batch's mask was loaded as the selection the click refined: the subject is still in the saved cut-out.
  expect(after[centreAlpha]).toBe(255);
  const lines = (await fs.readFile(path.join(outputDir, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { input?: string; result?: { reviewed?: boolean } });
  expect(lines.filter((l) => l.input === 'apple.png').at(-1)?.result?.reviewed).toBe(true);
  const review = (await fs.readFile(path.join(outputDir, 'review.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { input: string }).input);
  expect(review.sort()).toEqual(['box.png', 'coin.png']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
