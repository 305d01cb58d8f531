// Segment everything in the Studio against the web host with the demo pack: the button draws every region's
// outline over the red disc picture, hovering the disc highlights the disc's region (about the disc's size on
// screen), click picks and shift-click adds, "Keep picked" / "Keep all" make named objects that undo/redo take
// back and bring again, and the objects leave as COCO JSON and YOLO labels + classes.txt built by the host. A picked
// region is the current selection (its saved mask is the kept region); one object is selected, cut out, annotated alone.
import fs from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import sharp from 'sharp';
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

const GENERATED = 'Generated image, seed 11';

async function onImage(page: Page, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = (await page.getByRole('img', { name: GENERATED, exact: true }).boundingBox())!;
  return { x: box.x + fx * box.width, y: box.y + fy * box.height };
}

/** The downloads `action` starts, by file name, once `count` have arrived. */
async function downloads(page: Page, count: number, action: () => Promise<void>): Promise<Map<string, string>> {
  const arrived: Download[] = [];
  const listener = (d: Download) => arrived.push(d);
  page.on('download', listener);
  await action();
  await expect.poll(() => arrived.length).toBe(count);
  page.off('download', listener);
  const files = new Map<string, string>();
  for (const d of arrived) files.set(d.suggestedFilename(), await fs.readFile((await d.path())!, 'utf8'));
  return files;
}

/** The PNG that `action` downloads: its name and RGBA pixels. */
async function downloadedPng(page: Page, action: () => Promise<void>): Promise<{ name: string; rgba: Buffer; width: number }> {
  const download = page.waitForEvent('download');
  await action();
  const file = await download;
  const { data, info } = await sharp(await fs.readFile((await file.path())!)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { name: file.suggestedFilename(), rgba: data, width: info.width };
}

/** The selection as the Export menu's "Save mask" writes it: which pixels are inside (white). */
async function savedSelection(page: Page): Promise<{ name: string; inside: boolean[]; width: number }> {
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const { name, rgba, width } = await downloadedPng(page, () => page.getByRole('button', { name: 'Save mask' }).click());
  await page.keyboard.press('Escape');
  return { name, inside: Array.from({ length: rgba.length / 4 }, (_, i) => rgba[i * 4]! >= 128), width };
}

const count = (flags: readonly boolean[]) => flags.filter(Boolean).length;

async function generateAndSegmentEverything(page: Page) {
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 4 });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('img', { name: GENERATED, exact: true })).toBeVisible({ timeout: 45_000 });
  // A 4×4 grid (16 decoder runs, not the default 256) still lands points on the disc and on the background.
  await expect(page.getByRole('spinbutton', { name: 'Grid points per side' })).toHaveValue('16');
  await page.getByRole('spinbutton', { name: 'Grid points per side' }).fill('4');
  await page.getByRole('button', { name: 'Segment everything' }).click();
  await expect.poll(() => page.getByTestId('region-outlines').locator('path').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
}

test('segment everything: outlines, hover, pick, keep as objects, undo/redo, COCO and YOLO export', async ({ page, served }) => {
  await page.goto(served.url);
  await generateAndSegmentEverything(page);
  const outlines = page.getByTestId('region-outlines').locator('path');
  const regionCount = await outlines.count();
  await expect(page.getByRole('status').filter({ hasText: `${regionCount} regions · 0 picked` })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/everything-regions.png' });

  // Hover the disc's centre: one region lights up, about the disc's size (diameter half the image's side).
  const image = (await page.getByRole('img', { name: GENERATED, exact: true }).boundingBox())!;
  const centre = await onImage(page, 0.5, 0.5);
  await page.mouse.move(centre.x, centre.y);
  const hovered = page.locator('path[data-state="hovered"]');
  await expect(hovered).toHaveCount(1);
  const discBox = (await hovered.boundingBox())!;
  expect(Math.abs(discBox.width - image.width / 2)).toBeLessThan(image.width * 0.08);
  expect(Math.abs(discBox.height - image.height / 2)).toBeLessThan(image.height * 0.08);
  await page.screenshot({ path: 'test-results/screenshots/everything-hover.png' });

  // Click picks the disc; shift-click on the background adds a second region; a plain click picks only one again.
  await page.mouse.click(centre.x, centre.y);
  const picked = page.locator('path[data-state="picked"]');
  await expect(picked).toHaveCount(1);
  // The picked disc is the current selection, as a SAM click's answer is: "Use as inpainting mask" applies to it
  // and the saved mask is the disc's region (inside at the centre, outside in the corner, the disc's area).
  const useAsMask = page.getByRole('button', { name: 'Use as inpainting mask' });
  await expect(useAsMask).toBeEnabled();
  const discSelection = await savedSelection(page);
  expect(discSelection.name).toBe('tessera-generate-11-mask.png');
  expect(discSelection.inside[64 * 128 + 64]).toBe(true);
  expect(discSelection.inside[8 * 128 + 8]).toBe(false);
  expect(Math.abs(count(discSelection.inside) - Math.PI * 32 * 32)).toBeLessThan(0.15 * Math.PI * 32 * 32);
  const corner = await onImage(page, 0.06, 0.06);
  await page.keyboard.down('Shift');
  await page.mouse.click(corner.x, corner.y);
  await page.keyboard.up('Shift');
  await expect(picked).toHaveCount(2);
  await expect(page.getByRole('status').filter({ hasText: '2 picked' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/everything-picked.png' });

  // Keep picked: two named objects, the regions put away; undo brings the regions and picks back, redo the objects.
  await page.getByRole('button', { name: 'Keep picked' }).click();
  const objects = page.getByRole('list', { name: 'Objects' }).getByRole('listitem');
  await expect(objects).toHaveCount(2);
  await expect(page.getByRole('textbox', { name: 'Name of object 1' })).toHaveValue('object 1');
  await expect(outlines).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(objects).toHaveCount(0);
  await expect(picked).toHaveCount(2);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(objects).toHaveCount(2);
  await expect(outlines).toHaveCount(0);

  // Rename the disc (object 1, picked first) and hide/show works per object; then export.
  const name = page.getByRole('textbox', { name: 'Name of object 1' });
  await name.fill('disc');
  await name.press('Enter');
  await expect(page.getByRole('textbox', { name: 'Name of disc' })).toHaveValue('disc');
  await page.screenshot({ path: 'test-results/screenshots/everything-objects.png' });

  const coco = await downloads(page, 1, () => page.getByRole('button', { name: 'COCO JSON', exact: true }).click());
  const json = JSON.parse(coco.get('tessera-generate-11-instances.json')!) as {
    images: { file_name: string; width: number; height: number }[];
    categories: { id: number; name: string }[];
    annotations: { category_id: number; area: number; bbox: number[] }[];
  };
  expect(json.images).toEqual([expect.objectContaining({ file_name: 'tessera-generate-11.png', width: 128, height: 128 })]);
  expect(json.categories.map((c) => c.name)).toEqual(['disc', 'object 2']);
  expect(json.annotations).toHaveLength(2);
  const disc = json.annotations.find((a) => a.category_id === json.categories[0]!.id)!;
  expect(Math.abs(disc.area - Math.PI * 32 * 32)).toBeLessThan(0.15 * Math.PI * 32 * 32);
  // The picked selection was exactly the region kept as the disc.
  expect(count(discSelection.inside)).toBe(disc.area);

  // One object alone: "Select disc" makes its mask the selection (undoable), its PNG is the disc cut out.
  await expect(useAsMask).toBeDisabled();
  await page.getByRole('button', { name: 'Select disc' }).click();
  await expect(useAsMask).toBeEnabled();
  expect((await savedSelection(page)).inside).toEqual(discSelection.inside);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(useAsMask).toBeDisabled();
  const cutout = await downloadedPng(page, () => page.getByRole('button', { name: 'Save cut-out of disc' }).click());
  expect(cutout.name).toBe('tessera-generate-11-disc-cutout.png');
  const opaque = Array.from({ length: cutout.rgba.length / 4 }, (_, i) => cutout.rgba[i * 4 + 3]! >= 128);
  expect(opaque).toEqual(discSelection.inside);
  const at = (64 * 128 + 64) * 4;
  expect(cutout.rgba[at]!).toBeGreaterThan(150);
  expect(cutout.rgba[at + 1]!).toBeLessThan(100);
  // Its annotation alone: one COCO annotation, the disc's.
  const one = await downloads(page, 1, () => page.getByRole('button', { name: 'COCO JSON of disc' }).click());
  const oneJson = JSON.parse(one.get('tessera-generate-11-disc-instances.json')!) as typeof json;
  expect(oneJson.categories.map((c) => c.name)).toEqual(['disc']);
  expect(oneJson.annotations).toEqual([expect.objectContaining({ area: disc.area, bbox: disc.bbox })]);

  const yolo = await downloads(page, 2, () => page.getByRole('button', { name: 'YOLO labels' }).click());
  expect([...yolo.keys()].sort()).toEqual(['classes.txt', 'tessera-generate-11.txt']);
  expect(yolo.get('classes.txt')).toBe('disc\nobject 2\n');
  const lines = yolo.get('tessera-generate-11.txt')!.trim().split('\n');
  expect(lines.map((l) => l.split(' ')[0])).toEqual(['0', '1']);

  // Keep all after a new run: every region becomes an object, numbered after the existing ones.
  await page.getByRole('button', { name: 'Segment everything' }).click();
  await expect.poll(() => outlines.count()).toBe(regionCount);
  await page.getByRole('button', { name: 'Keep all' }).click();
  await expect(objects).toHaveCount(2 + regionCount);
  await expect(page.getByRole('textbox', { name: 'Name of object 3' })).toBeVisible();
});

test('at 1024×700 the segment-everything and object controls show (scrolled to in the dock) and none covers the stage', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(served.url);
  await generateAndSegmentEverything(page);
  const stage = (await page.getByTestId('canvas-stage').boundingBox())!;
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  const controls = [page.getByRole('spinbutton', { name: 'Grid points per side' }), button('Segment everything'), button('Keep picked'), button('Keep all'), button('Dismiss regions'), button('Add as object'), button('COCO JSON'), button('YOLO labels')];
  for (const control of controls) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
    const box = (await control.boundingBox())!;
    const covers = box.x < stage.x + stage.width && box.x + box.width > stage.x && box.y < stage.y + stage.height && box.y + box.height > stage.y;
    expect(covers, `${await control.getAttribute('aria-label') ?? await control.textContent()} covers the stage`).toBe(false);
  }
  await button('Keep picked').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/everything-1024x700.png' });
  // The per-object actions fit the dock too.
  await button('Keep all').click();
  const nameField = page.getByRole('textbox', { name: 'Name of object 1' });
  for (const control of [nameField, button('Remove object 1'), button('Select object 1'), button('Save cut-out of object 1'), button('COCO JSON of object 1'), button('COCO JSON')]) {
    await control.scrollIntoViewIfNeeded();
    await expect(control).toBeInViewport();
    const box = (await control.boundingBox())!;
    expect(box.x + box.width <= stage.x || box.x >= stage.x + stage.width || box.y + box.height <= stage.y || box.y >= stage.y + stage.height, `${await control.getAttribute('aria-label')} covers the stage`).toBe(true);
  }
  // The name stays readable beside the row's buttons (they once squeezed it to nothing).
  expect((await nameField.boundingBox())!.width).toBeGreaterThan(60);
  const panel = (await page.getByRole('region', { name: 'Objects' }).boundingBox())!;
  const remove = (await button('Remove object 1').boundingBox())!;
  expect(remove.x + remove.width).toBeLessThanOrEqual(panel.x + panel.width);
  await page.screenshot({ path: 'test-results/screenshots/everything-objects-1024x700.png' });
});
