// Small Studio behaviours a new user trips over, one test each, in Chromium against the web host with the demo
// pack: the Export popover closes on Escape and outside presses; switching tools keeps the zoom and pan; the
// selection has a black-and-white edge that shows on a blue object; no stale hint or banner; the theme button
// says what it does; no select cuts its text short.
import type { Page } from '@playwright/test';
import { fillGenerateForm } from './generate-form.ts';
import type { PageCanvas } from './page-pixels.ts';
import { expect, test } from './serve-fixture.ts';

async function generate(page: Page, prompt: string): Promise<string> {
  await fillGenerateForm(page, { prompt, steps: 4 });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const name = 'Generated image, seed 11';
  await expect(page.getByRole('img', { name, exact: true })).toBeVisible({ timeout: 45_000 });
  return name;
}

test('the Export popover closes on Escape and on a press outside it', async ({ page, served }) => {
  await page.goto(served.url);
  await generate(page, 'a red circle');
  const exportButton = page.getByRole('button', { name: 'Export' });
  const panel = page.getByRole('group', { name: 'Export' });
  await exportButton.click();
  await expect(panel).toBeVisible();
  // A press inside keeps it open.
  await panel.getByRole('checkbox', { name: 'Crop to object' }).check();
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(exportButton).toBeFocused();
  await exportButton.click();
  await expect(panel).toBeVisible();
  await page.getByRole('heading', { name: 'Generate' }).click();
  await expect(panel).toHaveCount(0);
  await expect(exportButton).toHaveAttribute('aria-expanded', 'false');
});

test('switching to and from the Segment tool keeps the zoom and the pan', async ({ page, served }) => {
  await page.goto(served.url);
  const name = await generate(page, 'a red circle');
  const image = page.getByRole('img', { name, exact: true });
  const pick = (tool: string) => page.getByRole('radiogroup', { name: 'Canvas tool' }).getByText(tool, { exact: true }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await pick('Hand');
  const start = (await image.boundingBox())!;
  await page.mouse.move(start.x + 20, start.y + 20);
  await page.mouse.down();
  await page.mouse.move(start.x + 50, start.y + 35, { steps: 3 });
  await page.mouse.up();
  const zoom = page.getByText(/^Zoom \d+%$/);
  const before = { zoom: await zoom.textContent(), box: await image.boundingBox() };
  expect(before.box!.x).toBeCloseTo(start.x + 30, 0);
  for (const tool of ['Segment', 'Brush', 'Segment', 'Eraser', 'Hand']) {
    await pick(tool);
    await expect(page.getByRole('radio', { name: tool })).toBeChecked();
    expect({ tool, zoom: await zoom.textContent(), box: await image.boundingBox() }).toEqual({ tool, ...before });
  }
});

test('the selection has a black-and-white edge, so it shows on a blue object', async ({ page, served }) => {
  await page.goto(served.url);
  const name = await generate(page, 'a blue circle');
  const box = (await page.getByRole('img', { name, exact: true }).boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByRole('radiogroup', { name: 'Mask candidates' }).getByRole('radio')).toHaveCount(3);
  // Walk the overlay's middle row from the left: the first covered pixel is on the edge, and the edge pixels
  // are opaque black or white (the tint alone, [30, 144, 255] at alpha 150, vanishes on a blue disc).
  const read = () =>
    page.getByRole('img', { name: 'Mask overlay' }).evaluate((node) => {
      const canvas = node as unknown as PageCanvas;
      const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
      const edge: number[][] = [];
      let tint: number[] | null = null;
      for (let y = 0; y < canvas.height; y++) {
        let run = 0;
        for (let x = 0; x < canvas.width; x++) {
          const i = (y * canvas.width + x) * 4;
          if (data[i + 3] === 0) {
            run = 0;
            continue;
          }
          run++;
          const pixel = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
          if (run === 1) edge.push(pixel);
          else if (run === 8 && y === canvas.height >> 1) tint = pixel;
        }
      }
      return { edge, tint };
    });
  await expect.poll(async () => (await read()).edge.length).toBeGreaterThan(20);
  const { edge, tint } = await read();
  const black = edge.filter((p) => p[0]! < 10 && p[1]! < 10 && p[2]! < 10 && p[3] === 255).length;
  const white = edge.filter((p) => p[0]! > 245 && p[1]! > 245 && p[2]! > 245 && p[3] === 255).length;
  expect(black + white, `edge pixels ${JSON.stringify(edge.slice(0, 6))}`).toBe(edge.length);
  expect(black).toBeGreaterThan(0);
  expect(white).toBeGreaterThan(0);
  // Inside the edge the tint stays (premultiplied read-back: ±2).
  expect(tint![3]).toBe(150);
  await page.screenshot({ path: 'test-results/screenshots/selection-edge-blue.png' });
});

test('no stale hint while the first image is generated, and a new run clears the last error', async ({ page, served }) => {
  await page.goto(served.url);
  const options = page.getByRole('group', { name: 'Tool options' });
  await expect(options).toHaveText('Generate or open an image to start editing.');
  // An invalid width refuses the run with a banner; fixing it and generating clears the banner.
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 1000, size: '256 × 256' });
  // Enter submits without leaving the field (leaving it would snap the width to 104).
  await page.getByRole('spinbutton', { name: 'Width' }).fill('100');
  await page.getByRole('spinbutton', { name: 'Width' }).press('Enter');
  await expect(page.getByRole('alert')).toContainText('INVALID_ARGUMENT');
  await page.getByRole('spinbutton', { name: 'Width' }).fill('256');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const bar = page.getByRole('progressbar', { name: 'Generation progress' });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(options).not.toContainText('Generate or open an image');
  await page.getByRole('region', { name: 'Generate' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText('Cancelled');
});

test('the theme button says what a press does', async ({ page, served }) => {
  await page.goto(served.url);
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('button', { name: 'Light theme' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Light theme' })).toBeVisible();
});

test('at 1024×700 every Studio select shows each of its choices whole', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(served.url);
  await generate(page, 'a red circle');
  const selects = page.getByRole('main', { name: 'Studio' }).locator('select');
  const count = await selects.count();
  expect(count).toBeGreaterThanOrEqual(4);
  const cut: string[] = [];
  for (let i = 0; i < count; i++) {
    const select = selects.nth(i);
    // Measures each choice's text in the select's font against the room its box leaves (padding and arrow).
    const problems = await select.evaluate((node) => {
      type Select = { options: { text: string }[]; clientWidth: number };
      const el = node as unknown as Select;
      const view = globalThis as unknown as {
        getComputedStyle(e: Select): { font: string; paddingLeft: string; paddingRight: string };
        document: { createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(t: string): { width: number } } } };
      };
      const style = view.getComputedStyle(el);
      const context = view.document.createElement('canvas').getContext('2d');
      context.font = style.font;
      // Chromium draws the arrow inside the right padding's neighbour: about 20 px of the box.
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return [...el.options].filter((o) => context.measureText(o.text).width > room).map((o) => `${o.text} (${Math.round(context.measureText(o.text).width)} px in ${Math.round(room)})`);
    });
    const label = (await select.getAttribute('aria-label')) ?? (await select.getAttribute('id'));
    cut.push(...problems.map((p) => `${label}: ${p}`));
  }
  expect(cut).toEqual([]);
});
