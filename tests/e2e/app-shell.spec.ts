// The app shell in Chromium against the web host: loads, lists the demo models by accessible name, switches
// theme, shows host errors in place; screenshots of each screen go to test-results/screenshots/.
import fs from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './serve-fixture.ts';

/** Opens the app and switches to the Models screen (the Studio is the first screen). */
async function openModelsScreen(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
}

const DEMO_MODELS = ['demo-sd', 'demo-sd-legacy', 'demo-sd-fp16', 'demo-sd-v', 'demo-sd-inpaint', 'demo-sd-lcm', 'demo-sdxl', 'demo-sdxl-turbo', 'demo-sdxl-inpainting', 'demo-sdxl-refiner', 'demo-sam', 'demo-sam-hwc', 'demo-sam2', 'demo-rembg-u2net', 'demo-upscaler-x4'];
const KIND_LABEL = (name: string): string =>
  name.startsWith('demo-sam') ? 'segmentation' : name.startsWith('demo-rembg') ? 'background removal' : name.startsWith('demo-upscaler') ? 'upscaler' : 'diffusion';

test.describe('on a first start, with the demo pack written by the host', () => {
  test.use({ hostWritesDemoPack: true });

  test('the app loads and lists every demo model with its kind, usable status and the synthetic label', async ({ page, served }) => {
    await page.goto(served.url);
    await expect(page.getByRole('main', { name: 'Studio' })).toBeVisible();
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: 'Models' }).click();
    // The token moves into a cookie and out of the address bar.
    await expect(page).toHaveURL(`${served.origin}/`);
    const list = page.getByRole('list', { name: 'Installed models' });
    for (const name of DEMO_MODELS) {
      const row = list.getByRole('listitem', { name: `${name} (synthetic demo)`, exact: true });
      await expect(row).toBeVisible();
      await expect(row.getByText('synthetic demo')).toBeVisible();
      await expect(row.getByText('usable', { exact: true })).toBeVisible();
      await expect(row.getByText(KIND_LABEL(name), { exact: true })).toBeVisible();
    }
    // First run selects the demo pack's text-to-image model.
    await expect(page.getByRole('radio', { name: 'Use demo-sd (synthetic demo)' })).toBeChecked();
    await expect(page.getByRole('list', { name: 'Execution providers' }).getByRole('listitem', { name: 'cpu available' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screenshots/models-dark.png', fullPage: true });
  });
});

test('picking a model selects it on the host and the light theme applies', async ({ page, served }) => {
  await openModelsScreen(page, served.url);
  await page.getByRole('radio', { name: 'Use demo-sam (synthetic demo)' }).check();
  await expect(page.getByRole('radio', { name: 'Use demo-sam (synthetic demo)' })).toBeChecked();
  const selected = await page.evaluate(async () => {
    const response = await fetch('/api/listModels', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return ((await response.json()) as { result: { selectedId: string } }).result.selectedId;
  });
  expect(selected).toBe('demo-pack/demo-sam');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: 'test-results/screenshots/models-light.png', fullPage: true });
});

test('the list follows the host: a model deleted elsewhere disappears (event over the WebSocket)', async ({ page, served }) => {
  await openModelsScreen(page, served.url);
  const rows = page.getByRole('list', { name: 'Installed models' }).getByRole('listitem');
  await expect(rows).toHaveCount(DEMO_MODELS.length);
  await page.evaluate(async () => {
    await fetch('/api/deleteModel', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ modelId: 'demo-pack/demo-sd-v' }) });
  });
  await expect(rows).toHaveCount(DEMO_MODELS.length - 1);
  await expect(page.getByRole('listitem', { name: 'demo-sd-v (synthetic demo)' })).toHaveCount(0);
});

test('a host error appears in the error banner with its code and can be dismissed', async ({ page, served }) => {
  await openModelsScreen(page, served.url);
  await expect(page.getByRole('list', { name: 'Installed models' }).getByRole('listitem')).toHaveCount(DEMO_MODELS.length);
  // Replace the models folder with a file: listing it fails on the host with IO_ERROR.
  await fs.rm(served.modelsDir, { recursive: true, force: true });
  await fs.writeFile(served.modelsDir, 'not a folder');
  await page.getByRole('button', { name: 'Refresh models' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('IO_ERROR');
  await expect(alert).toContainText('cannot list the models folder');
  await page.screenshot({ path: 'test-results/screenshots/error-banner.png', fullPage: true });
  await page.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(alert).toHaveCount(0);
});
