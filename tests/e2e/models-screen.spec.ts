// The Models screen against real hosts: a catalogue install from a loopback HTTP server (a user catalogue file,
// `catalogue.json` in the host's data folder, points at it) with the licence prompt, progress, pause, a host restart that keeps the
// partial download, resume with HTTP Range, the model in the Studio's list, Check files and Remove to the trash
// (the host's XDG_DATA_HOME is a temp folder); then a fake Hugging Face cache (real blobs and symlinks) used in
// place. The network tripwire records every connection the host makes: only loopback ones are allowed.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeHfRepo } from '../fixtures/hf-cache-tree.ts';
import { expect, test } from './serve-fixture.ts';
import { fileServerPerTest } from './file-server-per-test.ts';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'tessera-e2e-models-screen-'));
const hfCache = path.join(scratch, 'hf-hub');
const networkLog = path.join(scratch, 'network.log');
const tripwire = path.resolve('tests/fixtures/network-tripwire.mjs');

test.use({
  serveEnv: {
    HF_HUB_CACHE: hfCache,
    TESSERA_TEST_NETWORK_LOG: networkLog,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${tripwire}`.trim(),
  },
});

const server = fileServerPerTest();
test.afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** Every connection the host made went to a loopback address. */
async function expectOnlyLoopback(): Promise<void> {
  const lines = (await fs.readFile(networkLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const foreign = lines.filter((l) => !/ connect (127\.0\.0\.1|localhost|::1):\d+$/.test(l));
  expect(foreign).toEqual([]);
}

/** Serves the host's own demo-sd folder and adds a user catalogue entry for it (exact sizes and hashes). */
async function serveDemoSd(modelsDir: string, dataDir: string): Promise<{ stalledFile: string }> {
  const rels = await server().addFolder(path.join(modelsDir, 'demo-pack', 'demo-sd'), 'sd');
  const files = rels.map((rel) => {
    const bytes = server().fileBytes(`/sd/${rel}`);
    return { path: rel, url: `${server().baseUrl}/sd/${rel}`, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
  });
  const stalledFile = 'unet/model.onnx_data';
  expect(rels).toContain(stalledFile);
  // The first answer for the UNet weights sends 4 KiB and then holds the connection: the download is in flight.
  server().stallOnce.set(`/sd/${stalledFile}`, 4096);
  const entry = { id: 'test-sd', displayName: 'Test SD (served locally)', kind: 'diffusion', task: 'text-to-image', licence: 'Test Licence 1.0', licenceId: 'test-licence-1.0', licenceUrl: 'https://example.invalid/licence', homepage: 'https://example.invalid/test-sd', description: 'The demo text-to-image model, served over loopback HTTP.', sizeVerified: true, note: 'test', files };
  await fs.writeFile(path.join(dataDir, 'catalogue.json'), JSON.stringify({ version: 1, notes: [], models: [entry] }));
  return { stalledFile };
}

test('catalogue: licence, progress, pause, restart, resume with Range, usable in the Studio, check files, remove to the trash', async ({ page, served }) => {
  const { stalledFile } = await serveDemoSd(served.modelsDir, served.dataDir);
  // Two host starts and a full install on a shared 2-core machine: a wait bound, not a speed goal.
  test.setTimeout(180_000);
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Catalogue' }).click();
  const row = page.getByRole('listitem', { name: 'Test SD (served locally)' });
  await expect(row.getByText('Licence: Test Licence 1.0')).toBeVisible();
  await expect(row.getByRole('link', { name: 'homepage' })).toHaveAttribute('href', 'https://example.invalid/test-sd');

  // The licence is shown and accepted before the first download.
  await row.getByRole('button', { name: 'Install Test SD (served locally)' }).click();
  await expect(row.getByRole('group', { name: 'Licence of Test SD (served locally)' })).toContainText('Test Licence 1.0');
  await row.getByRole('button', { name: 'Accept licence and download' }).click();

  // In flight (the server holds the UNet weights after 4 KiB): the bar shows bytes of the total.
  const status = row.getByLabel('Download status of Test SD (served locally)');
  await expect(status).toContainText(' of ');
  await expect.poll(() => server().requestsFor(`/sd/${stalledFile}`).length).toBe(1);
  await expect(row.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow', '0');
  await row.getByRole('button', { name: 'Pause Test SD (served locally)' }).click();
  await expect(status).toContainText('paused');
  await expect(row.getByRole('button', { name: 'Resume Test SD (served locally)' })).toBeVisible();

  // A restart keeps the partial download: the new host lists it as paused and resumable.
  await served.restart();
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Catalogue' }).click();
  await expect(status).toContainText('paused');
  await row.getByRole('button', { name: 'Resume Test SD (served locally)' }).click();
  // Downloading, hashing and checking the whole folder: under CI load this takes longer than one expect's wait.
  await expect(row.getByText('installed', { exact: true })).toBeVisible({ timeout: 60_000 });
  // The resume asked for the rest of the file only.
  const ranges = server().requestsFor(`/sd/${stalledFile}`).map((r) => r.range);
  expect(ranges[0]).toBeUndefined();
  expect(ranges.at(-1)).toMatch(/^bytes=[1-9]\d*-$/);

  // The installed model is usable in the Studio's model list.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Studio' }).click();
  await expect(page.getByLabel('Model', { exact: true }).locator('option', { hasText: 'Test SD (served locally)' })).toHaveCount(1);

  // Installed tab: Check files re-reads sizes and hashes; a flipped byte is named.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Installed' }).click();
  const installed = page.getByRole('list', { name: 'Installed models' }).getByRole('listitem', { name: 'Test SD (served locally)', exact: true });
  await installed.getByRole('button', { name: 'Check files of test-sd' }).click();
  await expect(installed.getByLabel('File check of test-sd')).toContainText('match their recorded sizes and hashes');
  const tokenizerConfig = path.join(served.modelsDir, 'test-sd', 'tokenizer', 'tokenizer_config.json');
  await fs.writeFile(tokenizerConfig, (await fs.readFile(tokenizerConfig, 'utf8')).replace(/.$/s, ' '));
  await installed.getByRole('button', { name: 'Check files of test-sd' }).click();
  await expect(installed.getByLabel('File check of test-sd')).toContainText('tokenizer/tokenizer_config.json: sha256');

  // Remove moves the folder to the system trash (the host's XDG_DATA_HOME), with its .trashinfo.
  await installed.getByRole('button', { name: 'Remove test-sd' }).click();
  await expect(installed).toHaveCount(0);
  const trashed = path.join(served.xdgDataHome, 'Trash', 'files', 'test-sd');
  expect((await fs.stat(path.join(trashed, 'unet', 'model.onnx_data'))).size).toBe(server().fileBytes(`/sd/${stalledFile}`).length);
  expect(await fs.readFile(path.join(served.xdgDataHome, 'Trash', 'info', 'test-sd.trashinfo'), 'utf8')).toContain('Path=');
  await expect(fs.lstat(path.join(served.modelsDir, 'test-sd'))).rejects.toMatchObject({ code: 'ENOENT' });
  await expectOnlyLoopback();
});

test('import: a model in the Hugging Face cache is used in place (a link to the snapshot, nothing copied), and removing it removes only the link', async ({ page, served }) => {
  test.setTimeout(120_000);
  const snapshot = await writeHfRepo(hfCache, { repo: 'tessera-test/tiny-rembg', source: path.join(served.modelsDir, 'demo-pack', 'demo-rembg-u2net'), subfolder: 'onnx' });
  await page.goto(served.url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByRole('button', { name: 'Scan for models' }).click();
  const found = page.getByRole('list', { name: 'Models in the Hugging Face cache' }).getByRole('listitem', { name: 'tessera-test/tiny-rembg/onnx' });
  await expect(found.getByLabel('Check report of tessera-test/tiny-rembg/onnx')).toContainText('background removal');
  await expect(found.getByText('usable', { exact: true })).toBeVisible();
  await found.getByRole('button', { name: 'Use tessera-test/tiny-rembg/onnx in place' }).click();
  await expect(page.getByRole('status')).toContainText('linked in place, nothing copied');
  await expect(found.getByText('in use as tiny-rembg-onnx')).toBeVisible();

  const link = path.join(served.modelsDir, 'tiny-rembg-onnx');
  expect((await fs.lstat(link)).isSymbolicLink()).toBe(true);
  expect(await fs.realpath(link)).toBe(await fs.realpath(snapshot));

  // A folder that is not a model is refused with the check report's reasons.
  await page.getByLabel('Folder to import').fill(scratch);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Import preview' })).toContainText('not usable');
  await expect(page.getByRole('button', { name: 'Add model' })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Installed' }).click();
  const row = page.getByRole('list', { name: 'Installed models' }).getByRole('listitem', { name: 'tiny-rembg-onnx', exact: true });
  await expect(row.getByLabel('Usage of tiny-rembg-onnx')).toContainText('linked in place');
  await row.getByRole('button', { name: 'Remove tiny-rembg-onnx' }).click();
  await expect(row).toHaveCount(0);
  await expect(fs.lstat(link)).rejects.toMatchObject({ code: 'ENOENT' });
  // The cache's files are untouched, and nothing went to the trash.
  expect((await fs.readdir(snapshot)).length).toBe(1);
  await expect(fs.readdir(path.join(served.xdgDataHome, 'Trash', 'files'))).rejects.toMatchObject({ code: 'ENOENT' });
  await expectOnlyLoopback();
});
