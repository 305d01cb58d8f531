// The Models screen's layout at the three window sizes users have: on each tab (Installed, Catalogue with a
// download in flight, Import with a check report) the key controls lie inside the window or inside a panel that
// scrolls, none overlaps another, and the page itself never scrolls. On the way, Cancel of the download in flight
// leaves no partial files.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './serve-fixture.ts';
import { fileServerPerTest } from './file-server-per-test.ts';
import { LAYOUT_SIZES, checkControls, pageScrollSize } from './layout-boxes.ts';

const NAME = 'Test SAM (served locally)';

const server = fileServerPerTest();

/** A user catalogue entry for the host's demo SAM, whose decoder stalls after 4 KiB: its download stays in flight. */
async function serveStalledSam(modelsDir: string, dataDir: string): Promise<void> {
  const rels = await server().addFolder(path.join(modelsDir, 'demo-pack', 'demo-sam'), 'sam');
  for (const rel of rels) server().stallAlways.set(`/sam/${rel}`, 4096);
  const files = rels.map((rel) => ({ path: rel, url: `${server().baseUrl}/sam/${rel}`, size: server().fileBytes(`/sam/${rel}`).length, sha256: null }));
  const entry = { id: 'test-sam', displayName: NAME, kind: 'sam', task: 'segmentation', licence: 'Test Licence 1.0', licenceId: 'test-licence-1.0', licenceUrl: 'https://example.invalid/licence', homepage: 'https://example.invalid/test-sam', sizeVerified: true, note: 'test', files };
  await fs.writeFile(path.join(dataDir, 'catalogue.json'), JSON.stringify({ version: 1, notes: [], models: [entry] }));
}

async function expectTidy(page: Page, size: { width: number; height: number }, shot: string, controls: [string, Locator][]) {
  await page.screenshot({ path: `test-results/screenshots/models-${shot}-${size.width}x${size.height}.png` });
  expect(await pageScrollSize(page), 'the page itself does not scroll').toEqual(size);
  const { overlaps } = await checkControls(controls);
  expect(overlaps).toEqual([]);
}

for (const size of LAYOUT_SIZES) {
  test(`Models screen at ${size.width}×${size.height}: every tab's controls reachable, nothing overlaps`, async ({ page, served }) => {
    test.setTimeout(90_000);
    await serveStalledSam(served.modelsDir, served.dataDir);
    await page.setViewportSize(size);
    await page.goto(served.url);
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
    const tabs = (['Installed', 'Catalogue', 'Import'] as const).map((t): [string, Locator] => [`${t} tab`, page.getByRole('tab', { name: t })]);
    const engine = page.getByRole('heading', { name: 'Engine' });

    await page.getByRole('tab', { name: 'Installed' }).click();
    const installed = page.getByRole('list', { name: 'Installed models' }).getByRole('listitem');
    await expect(installed.first()).toBeVisible();
    const firstRow = installed.first();
    const lastRow = installed.last();
    await expectTidy(page, size, 'installed', [
      ...tabs,
      ['Engine', engine],
      ['Refresh', page.getByRole('button', { name: 'Refresh models' })],
      ['first row: use', firstRow.getByRole('radio')],
      ['first row: remove', firstRow.getByRole('button', { name: /^Remove / })],
      ['last row: use', lastRow.getByRole('radio')],
      ['last row: remove', lastRow.getByRole('button', { name: /^Remove / })],
    ]);

    await page.getByRole('tab', { name: 'Catalogue' }).click();
    const rows = page.getByRole('list', { name: 'Catalogue' }).getByRole('listitem');
    const shipped = rows.first();
    const localRow = page.getByRole('listitem', { name: NAME });
    await localRow.getByRole('button', { name: `Install ${NAME}` }).click();
    await localRow.getByRole('button', { name: 'Accept licence and download' }).click();
    await expect(localRow.getByLabel(`Download status of ${NAME}`)).toContainText(' of ');
    await expectTidy(page, size, 'catalogue', [
      ...tabs,
      ['Engine', engine],
      ['shipped entry: install', shipped.getByRole('button', { name: /^Install / })],
      ['shipped entry: homepage', shipped.getByRole('link', { name: 'homepage' })],
      ['download: bar', localRow.getByRole('progressbar')],
      ['download: status', localRow.getByLabel(`Download status of ${NAME}`)],
      ['download: pause', localRow.getByRole('button', { name: `Pause ${NAME}` })],
      ['download: cancel', localRow.getByRole('button', { name: `Cancel ${NAME}` })],
    ]);
    // Cancel (unlike Pause) drops the download: the row offers Install again and no partial files stay behind.
    const partials = async () => (await fs.readdir(served.modelsDir)).filter((f) => f.includes('test-sam'));
    await expect.poll(partials).toHaveLength(1);
    await localRow.getByRole('button', { name: `Cancel ${NAME}` }).click();
    server().dropStalled();
    await expect(localRow.getByRole('button', { name: `Install ${NAME}` })).toBeVisible();
    await expect.poll(partials).toEqual([]);

    await page.getByRole('tab', { name: 'Import' }).click();
    await page.getByLabel('Folder to import').fill(path.join(served.modelsDir, 'demo-pack', 'demo-sam'));
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const preview = page.getByRole('form', { name: 'Import preview' });
    await expect(preview).toContainText('usable');
    await expectTidy(page, size, 'import', [
      ...tabs,
      ['Engine', engine],
      ['Folder to import', page.getByLabel('Folder to import')],
      ['Check', page.getByRole('button', { name: 'Check', exact: true })],
      ['Model name', preview.getByLabel('Model name')],
      ['Add model', preview.getByRole('button', { name: 'Add model' })],
      ['Scan for models', page.getByRole('button', { name: 'Scan for models' })],
    ]);
  });
}
