// The Gallery and Settings screens against the web host: a result survives a host restart on the same data
// folder, deleting it moves its file to the freedesktop.org trash of the host, settings persist over a reload.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

async function generate(page: Page, prompt: string) {
  await fillGenerateForm(page, { prompt, steps: 8 });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: `Generate: ${prompt}, done` })).toBeVisible({ timeout: 45_000 });
}

test('the gallery keeps results across a restart and deletes to the trash', async ({ page, served }) => {
  await page.goto(served.url);
  await generate(page, 'a red circle');
  await page.getByRole('button', { name: 'Gallery' }).click();
  const card = page.getByRole('listitem', { name: 'Result: a red circle, seed 11' });
  await expect(card).toBeVisible();
  await expect(card.getByRole('img', { name: 'Thumbnail: a red circle' })).toBeVisible();
  await expect(card).toContainText('128×128 · seed 11');
  const outputs = await fs.readdir(path.join(served.dataDir, 'outputs'));
  expect(outputs).toEqual([expect.stringMatching(/^tessera-\d{8}-\d{6}-s11\.png$/)]);
  await page.screenshot({ path: 'test-results/screenshots/gallery.png' });

  // Reveal is the desktop app's: the web host (its health says fileAction "download") offers Download instead,
  // which hands over the very file in the output folder under its name.
  await expect(card.getByRole('button', { name: 'Reveal file' })).toHaveCount(0);
  const downloading = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(outputs[0]);
  const saved = path.join(served.dataDir, 'downloaded.png');
  await download.saveAs(saved);
  expect(Buffer.compare(await fs.readFile(saved), await fs.readFile(path.join(served.dataDir, 'outputs', outputs[0]!)))).toBe(0);
  await expect(page.getByRole('alert')).toHaveCount(0);

  await served.restart();
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Gallery' }).click();
  await expect(card).toBeVisible();
  await expect(card.getByRole('img', { name: 'Thumbnail: a red circle' })).toBeVisible();

  await card.getByRole('button', { name: 'Delete to trash' }).click();
  await expect(card).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Moved to the trash' })).toBeVisible();
  await expect(page.getByText('No results yet')).toBeVisible();
  const trash = path.join(served.xdgDataHome, 'Trash');
  expect(await fs.readdir(path.join(trash, 'files'))).toEqual(outputs);
  const info = await fs.readFile(path.join(trash, 'info', `${outputs[0]}.trashinfo`), 'utf8');
  expect(info).toContain(`Path=${path.join(served.dataDir, 'outputs', outputs[0]!)}`);
  expect(await fs.readdir(path.join(served.dataDir, 'outputs'))).toEqual([]);
});

test('a changed setting persists over a reload; a bad one is explained in place', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  const threads = page.getByRole('spinbutton', { name: 'Threads' });
  await expect(threads).toHaveValue('0');
  await threads.fill('2');
  await page.getByRole('checkbox', { name: /Low-memory mode/ }).check();
  await page.getByRole('textbox', { name: 'Redis URL' }).fill('http://127.0.0.1:6379');
  await page.getByRole('button', { name: 'Save settings' }).click();
  const settings = page.getByRole('main', { name: 'Settings' });
  await expect(settings.getByRole('alert')).toContainText('redisUrl: expected redis://host[:port][/db] or rediss://');
  await page.getByRole('textbox', { name: 'Redis URL' }).fill('redis://127.0.0.1:6379');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText(/Saved/);
  await expect(settings.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/settings.png' });

  await page.reload();
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(threads).toHaveValue('2');
  await expect(page.getByRole('checkbox', { name: /Low-memory mode/ })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Redis URL' })).toHaveValue('redis://127.0.0.1:6379');
  expect(JSON.parse(await fs.readFile(path.join(served.dataDir, 'settings.json'), 'utf8')).settings).toMatchObject({ threads: 2, lowMemory: true });
});
