// The Studio's layout at the three window sizes users have (1024×700 is the smallest supported): the key controls
// lie inside the window or inside a panel that scrolls, none overlaps another, the canvas stage is covered by
// nothing, and the image gets room (at 1024×700 a 128×128 result is shown at least 480×380 px).
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './serve-fixture.ts';
import { LAYOUT_SIZES as SIZES, checkControls, overlap, pageScrollSize, shownBox } from './layout-boxes.ts';

async function generateRedCircle(page: Page) {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('demo-pack/demo-sd');
  await page.getByRole('combobox', { name: 'Size preset' }).selectOption({ label: '128 × 128' });
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('4');
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('fixed');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('11');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expect(page.getByRole('img', { name: 'Generated image, seed 11', exact: true })).toBeVisible({ timeout: 45_000 });
}

function keyControls(page: Page): [string, Locator][] {
  const button = (name: string) => page.getByRole('button', { name, exact: true });
  return [
    ['Light theme', button('Light theme')],
    ['Model', page.getByRole('combobox', { name: 'Model', exact: true })],
    ['Prompt', page.getByRole('textbox', { name: 'Prompt', exact: true })],
    ['Scheduler', page.getByRole('combobox', { name: 'Scheduler' })],
    ['Steps', page.getByRole('spinbutton', { name: 'Steps' })],
    ['Seed', page.getByRole('spinbutton', { name: 'Seed', exact: true })],
    ['Size preset', page.getByRole('combobox', { name: 'Size preset' })],
    ['Hires fix', page.locator('summary', { hasText: 'Hires fix' })],
    ['Generate', button('Generate')],
    ['Open image', page.locator('label', { hasText: 'Open image…' })],
    ['Open folder', page.locator('label', { hasText: 'Open folder…' })],
    ...(['Hand', 'Segment', 'Brush', 'Eraser'] as const).map((t): [string, Locator] => [t, page.getByRole('radiogroup', { name: 'Canvas tool' }).locator('label', { hasText: t })]),
    ['Undo', button('Undo')],
    ['Redo', button('Redo')],
    ['Zoom out', button('Zoom out')],
    ['Zoom in', button('Zoom in')],
    ['Fit', button('Fit')],
    ['Actual size', button('Actual size (1:1)')],
    ['Mask candidates', page.getByRole('radiogroup', { name: 'Mask candidates' })],
    ['Segment everything', button('Segment everything')],
    ['Clear selection', button('Clear selection')],
    ['Add as object', button('Add as object')],
    ['Grow / shrink', page.getByRole('spinbutton', { name: 'Grow / shrink (px)' })],
    ['Use as inpainting mask', button('Use as inpainting mask')],
    ['Inpaint', button('Inpaint')],
    ['Strength', page.getByRole('slider', { name: 'Strength' })],
    ['Image to image', button('Image to image')],
    ['Outpaint', button('Outpaint')],
    ['Export', button('Export')],
    ['COCO JSON', button('COCO JSON')],
    ['YOLO labels', button('YOLO labels')],
    ['Add to queue', button('Add to queue')],
  ];
}

for (const size of SIZES) {
  test(`Studio at ${size.width}×${size.height}: controls reachable, nothing overlaps, the image gets room`, async ({ page, served }) => {
    await page.setViewportSize(size);
    await page.goto(served.url);
    await generateRedCircle(page);
    const generated = page.getByRole('img', { name: 'Generated image, seed 11', exact: true });
    // A click on the disc: the Segment tool's candidates join its options (the longest set of tool options).
    const disc = (await generated.boundingBox())!;
    await page.mouse.click(disc.x + disc.width / 2, disc.y + disc.height / 2);
    await expect(page.getByRole('radiogroup', { name: 'Mask candidates' }).getByRole('radio')).toHaveCount(3);
    await page.screenshot({ path: `test-results/screenshots/studio-${size.width}x${size.height}.png` });

    // The page never scrolls: what does not fit scrolls inside its side panel.
    expect(await pageScrollSize(page)).toEqual({ width: size.width, height: size.height });

    // The stage lies wholly inside the window, and the image gets room.
    const stage = (await shownBox('stage', page.getByTestId('canvas-stage')))!;
    const stageBox = (await page.getByTestId('canvas-stage').boundingBox())!;
    expect(stage).toEqual({ name: 'stage', ...stageBox });
    const image = (await generated.boundingBox())!;
    expect(image.width, `image ${image.width}×${image.height}`).toBeGreaterThanOrEqual(480);
    expect(image.height, `image ${image.width}×${image.height}`).toBeGreaterThanOrEqual(380);

    // Every key control shows (scrolled to, where its panel scrolls), and where they show at once none covers
    // another or the stage.
    const { shown, overlaps } = await checkControls(keyControls(page));
    for (const a of shown) if (overlap(a, stage) > 0) overlaps.push(`${a.name} covers the stage`);
    expect(overlaps).toEqual([]);
    expect(shown.length, 'most controls show without scrolling').toBeGreaterThanOrEqual(20);
  });
}
