// The Generate screen in Chromium against the web host with the demo pack: "a red circle" gives a red disc on
// mid-gray (pixel checks on the shown <img>), Cancel stops a long run, screenshots go to test-results/screenshots/.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expectNear, meanColour, type PageImage } from './page-pixels.ts';
import { expect, test } from './serve-fixture.ts';

async function fillForm(page: Page, steps: number, size = '128 × 128') {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('demo-pack/demo-sd');
  await page.getByRole('combobox', { name: 'Size preset' }).selectOption({ label: size });
  await page.getByRole('spinbutton', { name: 'Steps' }).fill(String(steps));
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('fixed');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('11');
}

test('"a red circle" on the demo model shows a red disc on mid-gray', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  await page.screenshot({ path: 'test-results/screenshots/generate-empty.png' });
  await fillForm(page, 8);
  await page.getByRole('button', { name: 'Generate' }).click();
  const result = page.getByRole('img', { name: 'Generated image, seed 11' });
  await expect(result).toBeVisible({ timeout: 45_000 });
  await expect.poll(() => result.evaluate((node) => (node as unknown as PageImage).naturalWidth)).toBe(128);
  // The demo pack draws the named shape: a (255,0,0) disc of diameter half the shorter side (radius 32 px
  // of 128, centred) on (128,128,128). Inside: a 24 px square at the centre and a band 8–24 px above it;
  // outside: the top-left corner and a band 8–20 px below the disc's edge. Tolerance covers leftover noise.
  const alt = 'Generated image, seed 11';
  expectNear(await meanColour(page, alt, [0.42, 0.42, 0.58, 0.58]), [255, 0, 0], 12);
  expectNear(await meanColour(page, alt, [0.45, 0.31, 0.55, 0.44]), [255, 0, 0], 12);
  expectNear(await meanColour(page, alt, [0, 0, 0.19, 0.19]), [128, 128, 128], 12);
  expectNear(await meanColour(page, alt, [0.4, 0.81, 0.6, 0.91]), [128, 128, 128], 12);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/generate-result.png' });
  // "Re-use last" pins the seed of that run.
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('random');
  await page.getByRole('button', { name: 'Re-use last seed' }).click();
  await expect(page.getByRole('spinbutton', { name: 'Seed', exact: true })).toHaveValue('11');
});

test('Cancel mid-run stops a long generation and says so', async ({ page, served }) => {
  await page.goto(served.url);
  // 1000 steps at 256×256 run for a minute or more on the demo pack: long enough that the job is still
  // running when Cancel is pressed, even on a slow, shared machine (~15 steps/s at 128×128 measured here).
  await fillForm(page, 1000, '256 × 256');
  await page.getByRole('button', { name: 'Generate' }).click();
  const bar = page.getByRole('progressbar', { name: 'Generation progress' });
  // A model's own scheduler may add a step (PNDM's PLMS warm-up: 1000 steps → 1001 timesteps), so the total
  // is at least the steps asked for.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuemax'))).toBeGreaterThanOrEqual(1000);
  // Wait for a couple of steps so the job is really running, then cancel.
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByText(/Step \d+ of 100\d/)).toBeVisible();
  await expect(page.getByRole('img', { name: /Live preview, step \d+/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/generate-running.png' });
  // The Queue column has Cancel buttons of its own: this is the form's.
  const form = page.getByRole('region', { name: 'Generate' });
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Cancelled');
  await expect(bar).toHaveCount(0);
  await expect(form.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
  await expect(page.getByRole('img', { name: /Generated image/ })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/generate-cancelled.png' });
});

test('an invalid size is flagged in place and snapped to a multiple of 8 on leaving the field', async ({ page, served }) => {
  await page.goto(served.url);
  const width = page.getByRole('spinbutton', { name: 'Width' });
  await width.fill('100');
  await expect(page.getByText(/got 100, expected a multiple of 8/)).toBeVisible();
  await expect(width).toHaveAttribute('aria-invalid', 'true');
  await width.blur();
  await expect(width).toHaveValue('104');
  await expect(width).not.toHaveAttribute('aria-invalid');
});

test('a job the engine fails shows its error in the banner', async ({ page, served }) => {
  await page.goto(served.url);
  await fillForm(page, 8);
  // Corrupt the demo model's UNet on disk: the job is accepted, then fails when the engine loads the file.
  const files = (await fs.readdir(served.modelsDir, { recursive: true })).filter((f) => f.includes('demo-sd') && !f.includes('demo-sd-') && /unet.*\.onnx$/.test(f));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) await fs.writeFile(path.join(served.modelsDir, file), 'not an onnx graph');
  await page.getByRole('button', { name: 'Generate' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('MODEL_INVALID', { timeout: 30_000 });
  await expect(alert).toContainText('not an ONNX file');
  await expect(page.getByRole('status')).toHaveText(/Generation failed/);
  await expect(page.getByRole('button', { name: 'Generate' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/screenshots/generate-error.png' });
});

test('the Generate screen in the light theme', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  await page.screenshot({ path: 'test-results/screenshots/generate-light.png' });
});

test('weighting syntax in the prompt is coloured as the encoder reads it and described for screen readers', async ({ page, served }) => {
  await page.goto(served.url);
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await prompt.fill('a (red:1.5) [circle] BREAK gray');
  // The description starts with the weights; the token count (its own live region) follows once it is counted.
  await expect(prompt).toHaveAccessibleDescription(/^Weighted: red ×1\.5, circle ×0\.91(?: Tokens|$)/);
  const highlight = page.locator('.prompt-highlight').first();
  await expect(highlight.locator('.prompt-up')).toHaveText('red');
  await expect(highlight.locator('.prompt-down')).toHaveText('circle');
  await expect(highlight.locator('.prompt-break')).toHaveText(' BREAK ');
  // The coloured copy and the textarea hold the same characters, so they line up.
  await expect(highlight).toHaveText('a (red:1.5) [circle] BREAK gray');
  await page.locator('.prompt-editor').first().screenshot({ path: 'test-results/screenshots/prompt-weighting.png' });
});

test('picking an SDXL model applies its regime (1024², SDXL-Turbo: 1 step, no guidance, 512²) and it paints the prompt', async ({ page, served }) => {
  await page.goto(served.url);
  const model = page.getByRole('combobox', { name: 'Model', exact: true });
  const preset = page.getByRole('combobox', { name: 'Size preset' });
  await model.selectOption('demo-pack/demo-sdxl');
  await expect(preset.locator('option:checked')).toHaveText('1024 × 1024 (SDXL)');
  await model.selectOption('demo-pack/demo-sdxl-turbo');
  await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('1');
  await expect(preset.locator('option:checked')).toHaveText('512 × 512');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await preset.selectOption({ label: '128 × 128' });
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('fixed');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('5');
  await page.getByRole('button', { name: 'Generate' }).click();
  const alt = 'Generated image, seed 5';
  await expect(page.getByRole('img', { name: alt })).toBeVisible({ timeout: 45_000 });
  expectNear(await meanColour(page, alt, [0.42, 0.42, 0.58, 0.58]), [255, 0, 0], 12);
  expectNear(await meanColour(page, alt, [0, 0, 0.19, 0.19]), [128, 128, 128], 12);
});
