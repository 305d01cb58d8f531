// The canvas in Chromium against the web host with the demo pack, by accessible names: "a red circle" lands
// on the canvas; the Segment tool's click, negative click and box change the overlay (pixel checks on the
// overlay canvas); "Use as inpainting mask" + "blue" + Inpaint turns the disc blue and keeps the background;
// a cut-out download has the disc's alpha; Outpaint extends a side (original bytes kept, undoable) and Hires fix
// draws the large size; opening a PNG restores its parameters; a corrupt drop is an error.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { addGenerationParameters, readGenerationParameters } from '../../native-models/image/png-metadata/generation-metadata.ts';
import { expectNear, meanColour, type PageCanvas, type PageImage } from './page-pixels.ts';
import { expect, test } from './serve-fixture.ts';

// The demo pack draws "circle" as a disc of diameter half the shorter side, centred: radius 32 px at 128×128
// (π·32² ≈ 3217 px); with no shape word ("blue") it fills the whole picture with the colour.
const DISC_AREA = Math.PI * 32 * 32;

/** The overlay canvas: how many pixels are covered, and the RGBA at a point given as fractions of the image. */
async function overlay(page: Page, at: [number, number] = [0.5, 0.5]): Promise<{ covered: number; pixel: number[] }> {
  return page.getByRole('img', { name: 'Mask overlay' }).evaluate((node, p) => {
    const canvas = node as unknown as PageCanvas;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let covered = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) covered++;
    const index = (Math.floor(p[1]! * canvas.height) * canvas.width + Math.floor(p[0]! * canvas.width)) * 4;
    return { covered, pixel: [data[index]!, data[index + 1]!, data[index + 2]!, data[index + 3]!] };
  }, at);
}

/** Screen position of a point of the canvas image given as fractions of its size. */
async function onImage(page: Page, alt: string, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByRole('img', { name: alt, exact: true }).boundingBox())!;
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

async function generateRedCircle(page: Page) {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('demo-pack/demo-sd');
  await page.getByRole('combobox', { name: 'Size preset' }).selectOption({ label: '128 × 128' });
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('8');
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('fixed');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('11');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(page.getByRole('img', { name: 'Generated image, seed 11', exact: true })).toBeVisible({ timeout: 45_000 });
}

test('segment the disc, inpaint it blue, and export a cut-out', async ({ page, served }) => {
  await page.goto(served.url);
  await generateRedCircle(page);
  const generated = 'Generated image, seed 11';
  expectNear(await meanColour(page, generated, [0.42, 0.42, 0.58, 0.58]), [255, 0, 0], 12);
  const corner = await meanColour(page, generated, [0, 0, 0.19, 0.19]);
  const below = await meanColour(page, generated, [0.4, 0.81, 0.6, 0.91]);
  expectNear(corner, [128, 128, 128], 12);
  await page.screenshot({ path: 'test-results/screenshots/canvas-generated.png' });

  // Segment (the default tool): a click on the disc → three candidates, the overlay covers the disc only.
  await expect(page.getByRole('radio', { name: 'Segment' })).toBeChecked();
  const centre = await onImage(page, generated, 0.5, 0.5);
  await page.mouse.click(centre.x, centre.y);
  const candidates = page.getByRole('radiogroup', { name: 'Mask candidates' }).getByRole('radio');
  await expect(candidates).toHaveCount(3);
  await expect(page.getByRole('radio', { name: /^Whole, score \d\.\d\d$/ })).toBeVisible();
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.85 * DISC_AREA);
  expect((await overlay(page)).covered).toBeLessThan(1.15 * DISC_AREA);
  expect((await overlay(page, [0.05, 0.05])).pixel[3]).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/canvas-segment.png' });

  // A negative click on the disc's own colour removes it (the demo decoder drops cells as close to the
  // negative point's colour as to the positive one's); Ctrl+Z brings the selection back.
  await page.mouse.click(centre.x + 10, centre.y + 10, { button: 'right' });
  await expect.poll(async () => (await overlay(page)).covered).toBe(0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.85 * DISC_AREA);

  // A box over the left half (with the positive point) keeps the left half of the disc.
  const from = await onImage(page, generated, 0.1, 0.1);
  const to = await onImage(page, generated, 0.5, 0.9);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 20, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await overlay(page)).covered).toBeLessThan(0.6 * DISC_AREA);
  expect((await overlay(page)).covered).toBeGreaterThan(0.4 * DISC_AREA);
  expect((await overlay(page, [0.62, 0.5])).pixel[3]).toBe(0);
  await page.screenshot({ path: 'test-results/screenshots/canvas-box.png' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.85 * DISC_AREA);

  // The SAM 2.1 demo pair (samexporter export) segments the same disc from a fresh click: three candidates.
  await page.getByRole('radiogroup', { name: 'Segmentation model' }).getByRole('radio', { name: 'demo-sam2 (demo)' }).check();
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect.poll(async () => (await overlay(page)).covered).toBe(0);
  await page.mouse.click(centre.x, centre.y);
  await expect(candidates).toHaveCount(3);
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.85 * DISC_AREA);
  expect((await overlay(page)).covered).toBeLessThan(1.15 * DISC_AREA);
  await page.getByRole('radiogroup', { name: 'Segmentation model' }).getByRole('radio', { name: 'demo-sam (demo)' }).check();

  // The selection becomes the inpainting mask (grown by 2 px), drawn amber.
  await page.getByRole('spinbutton', { name: 'Grow / shrink (px)' }).fill('2');
  await page.getByRole('button', { name: 'Use as inpainting mask' }).click();
  await expect(page.getByRole('radio', { name: 'Brush' })).toBeChecked();
  // OVERLAY_COLOURS.mask is (255, 200, 0, 140); the canvas stores premultiplied alpha, so ±2 on read-back.
  await expect.poll(async () => (await overlay(page)).pixel[3]).toBe(140);
  expectNear((await overlay(page)).pixel, [255, 200, 0, 140], 2);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('blue');
  await page.getByRole('button', { name: 'Inpaint', exact: true }).click();
  const inpainted = 'Inpainted image, seed 11';
  await expect(page.getByRole('img', { name: inpainted, exact: true })).toBeVisible({ timeout: 45_000 });
  // demo-sd is not an inpainting model: the engine blends, and pixels outside the mask are copied exactly
  // from the generated image (whose few-step leftovers of noise stay as they were).
  expectNear(await meanColour(page, inpainted, [0.42, 0.42, 0.58, 0.58]), [0, 0, 255], 12);
  expect(await meanColour(page, inpainted, [0, 0, 0.19, 0.19])).toEqual(corner);
  expect(await meanColour(page, inpainted, [0.4, 0.81, 0.6, 0.91])).toEqual(below);
  await expect(page.getByRole('checkbox', { name: 'Show mask' })).not.toBeChecked();
  await page.screenshot({ path: 'test-results/screenshots/canvas-inpainted.png' });

  // Cut-out of the (blue) disc, cropped: opaque inside, transparent at the crop's corners.
  await page.getByRole('button', { name: 'Export' }).click();
  await page.screenshot({ path: 'test-results/screenshots/canvas-export.png' });
  await page.getByRole('checkbox', { name: 'Crop to object' }).check();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save cut-out' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tessera-inpaint-11-cutout.png');
  const { data, info } = await sharp(await fs.readFile((await file.path())!)).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(4);
  // Disc radius 32 grown by 2 → about 68 px across (pixel-centre rounding may add or take one per side).
  expect(Math.abs(info.width - 68)).toBeLessThanOrEqual(2);
  expect(Math.abs(info.height - 68)).toBeLessThanOrEqual(2);
  const alpha = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
  const rgb = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 3));
  expect(alpha(info.width >> 1, info.height >> 1)).toBe(255);
  expectNear(rgb(info.width >> 1, info.height >> 1), [0, 0, 255], 12);
  expect([alpha(0, 0), alpha(info.width - 1, 0), alpha(0, info.height - 1), alpha(info.width - 1, info.height - 1)]).toEqual([0, 0, 0, 0]);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('Outpaint extends the picture on a side, keeping the original exactly; Undo brings it back; Hires fix draws the large size', async ({ page, served }) => {
  // three generations (base, outpaint, hires) on the shared CPUs: more than one test's usual share of time
  test.slow();
  await page.goto(served.url);
  await generateRedCircle(page);
  const generated = 'Generated image, seed 11';
  const kept = await meanColour(page, generated, [0, 0, 0.75, 1]);
  await page.getByRole('combobox', { name: 'Outpaint side' }).selectOption('right');
  await page.getByRole('spinbutton', { name: 'Outpaint pixels' }).fill('64');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('yellow');
  await page.getByRole('button', { name: 'Outpaint', exact: true }).click();
  const outpainted = 'Outpainted image, seed 11';
  const image = page.getByRole('img', { name: outpainted, exact: true });
  await expect(image).toBeVisible({ timeout: 45_000 });
  expect(await image.evaluate((node) => [(node as unknown as PageImage).naturalWidth, (node as unknown as PageImage).naturalHeight])).toEqual([192, 128]);
  // x 0–96 of the 192-wide result is x 0–96 of the original, outside the 16 px seam band: the same bytes
  expect(await meanColour(page, outpainted, [0, 0, 0.5, 1])).toEqual(kept);
  expectNear(await meanColour(page, outpainted, [0.8, 0.1, 1, 0.9]), [255, 255, 0], 16);
  await page.screenshot({ path: 'test-results/screenshots/canvas-outpainted.png' });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('img', { name: generated, exact: true })).toBeVisible();

  // Hires fix: collapsed until opened; on at ×1.5, the 128×128 form makes a 192×192 image of the prompt.
  const hires = page.getByRole('checkbox', { name: 'Upscale and redraw at a larger size' });
  await expect(hires).toBeHidden();
  await page.getByText('Hires fix', { exact: true }).click();
  await hires.check();
  await page.getByRole('spinbutton', { name: 'Upscale by' }).fill('1.5');
  await expect(page.getByText('Hires fix · on → 192×192')).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Hires steps' }).fill('2');
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => page.getByRole('img', { name: generated, exact: true }).evaluate((node) => (node as unknown as PageImage).naturalWidth), { timeout: 45_000 }).toBe(192);
  expectNear(await meanColour(page, generated, [0.42, 0.42, 0.58, 0.58]), [255, 0, 0], 12);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('open a Tessera PNG and use its parameters; a corrupt drop is an error; zoom and light theme', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  // A 96×64 picture with a green square, recording the parameters it was "made" with.
  const pixels = Buffer.alloc(96 * 64 * 3, 90);
  for (let y = 16; y < 48; y++) for (let x = 32; x < 64; x++) pixels.set([40, 180, 60], (y * 96 + x) * 3);
  const png = await sharp(pixels, { raw: { width: 96, height: 64, channels: 3 } }).png().toBuffer();
  const parameters = { prompt: 'a green square', negativePrompt: 'blur', steps: 12, sampler: 'euler', guidance: 6, seed: 4242, width: 96, height: 64, model: 'demo-sd' };
  const tagged = Buffer.from(addGenerationParameters(new Uint8Array(png), parameters));
  await page.getByLabel('Open image…').setInputFiles({ name: 'square.png', mimeType: 'image/png', buffer: tagged });
  await expect(page.getByRole('img', { name: 'Opened image square.png', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Use these parameters' }).click();
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue('a green square');
  await expect(page.getByRole('spinbutton', { name: 'Seed', exact: true })).toHaveValue('4242');
  await expect(page.getByRole('spinbutton', { name: 'Width' })).toHaveValue('96');

  // Zoom: Fit, 1:1 and the buttons change the zoom read-out.
  const zoomLevel = page.getByText(/^Zoom \d+%$/);
  await page.getByRole('button', { name: 'Actual size (1:1)' }).click();
  await expect(zoomLevel).toHaveText('Zoom 100%');
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(zoomLevel).toHaveText('Zoom 200%');
  await page.getByRole('button', { name: 'Fit' }).click();
  await expect(zoomLevel).not.toHaveText('Zoom 200%');

  // Segment the square, then the light theme.
  const centre = await onImage(page, 'Opened image square.png', 0.5, 0.5);
  await page.mouse.click(centre.x, centre.y);
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.8 * 32 * 32);
  await page.getByRole('button', { name: 'Light theme' }).click();
  await page.screenshot({ path: 'test-results/screenshots/canvas-light.png' });

  // A corrupt file dropped on the window: IMAGE_UNREADABLE in the banner (its bytes are no image), the canvas unchanged.
  const dataTransfer = await page.evaluateHandle(() => {
    const g = globalThis as unknown as { DataTransfer: new () => { items: { add(file: unknown): void } }; File: new (parts: string[], name: string, options: { type: string }) => unknown };
    const transfer = new g.DataTransfer();
    transfer.items.add(new g.File(['this is not a PNG at all'], 'broken.png', { type: 'image/png' }));
    return transfer;
  });
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('IMAGE_UNREADABLE');
  await expect(alert).toContainText('the opened image');
  await expect(page.getByRole('img', { name: 'Opened image square.png', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/canvas-corrupt-drop.png' });
  await page.getByRole('button', { name: 'Dismiss error' }).click();

  // Upscale with the demo upscaler (nearest ×4): the result replaces the picture, one undo away, and joins the
  // gallery as a PNG carrying the source's parameters and A1111's upscale keys.
  await expect(page.getByRole('combobox', { name: 'Upscaler model' })).toHaveValue('demo-pack/demo-upscaler-x4');
  await page.getByRole('button', { name: 'Upscale', exact: true }).click();
  const upscaled = page.getByRole('img', { name: 'Upscaled image ×4', exact: true });
  await expect(upscaled).toBeVisible();
  expect(await upscaled.evaluate((node) => [(node as unknown as PageImage).naturalWidth, (node as unknown as PageImage).naturalHeight])).toEqual([384, 256]);
  expectNear(await meanColour(page, 'Upscaled image ×4', [0.4, 0.4, 0.6, 0.6]), [40, 180, 60], 12);
  const outputs = path.join(served.dataDir, 'outputs');
  await expect.poll(async () => (await fs.readdir(outputs).catch(() => [])).length).toBe(1);
  const [file] = await fs.readdir(outputs);
  const recorded = readGenerationParameters(await fs.readFile(path.join(outputs, file!)));
  expect(recorded?.parameters).toMatchObject({ prompt: 'a green square', seed: 4242, extra: { 'Postprocess upscale by': '4', 'Postprocess upscaler': 'demo-upscaler-x4' } });
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('img', { name: 'Opened image square.png', exact: true })).toBeVisible();
});

test('Select subject: the background-removal model selects the disc with no clicks; a click then refines that selection with SAM', async ({ page, served }) => {
  await page.goto(served.url);
  await generateRedCircle(page);
  const generated = 'Generated image, seed 11';
  await page.getByRole('button', { name: 'Select subject' }).click();
  // demo-rembg-u2net: the subject is what is far from the border colour, here the disc.
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.85 * DISC_AREA);
  expect((await overlay(page)).covered).toBeLessThan(1.15 * DISC_AREA);
  expect((await overlay(page, [0.05, 0.05])).pixel[3]).toBe(0);
  await expect(page.getByText(/^subject confidence \d\.\d\d$/)).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/canvas-select-subject.png' });

  // A click on the grey background adds the background to the selection. The demo SAM unites its selection
  // with the mask prompt, so the disc stays selected only because the subject mask went along as that prompt
  // (without it, the click alone would select the background and not the disc).
  const corner = await onImage(page, generated, 0.08, 0.08);
  await page.mouse.click(corner.x, corner.y);
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.97 * 128 * 128);
  expect((await overlay(page, [0.5, 0.5])).pixel[3]).toBeGreaterThan(0);
  // Undo goes back to the subject selection; Clear drops it (the next click starts afresh).
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await overlay(page)).covered).toBeLessThan(1.15 * DISC_AREA);
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await expect.poll(async () => (await overlay(page)).covered).toBe(0);
  await page.mouse.click(corner.x, corner.y);
  await expect.poll(async () => (await overlay(page)).covered).toBeGreaterThan(0.5 * 128 * 128);
  expect((await overlay(page, [0.5, 0.5])).pixel[3]).toBe(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
