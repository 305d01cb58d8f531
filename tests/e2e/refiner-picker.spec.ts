// The Generate panel's SDXL refiner picker: shown for an SDXL base, it lists the installed refiners, starts at the
// engine's hand-over (REFINER_DEFAULTS.switchAt) and sends `refiner` to the host. The demo refiner keeps the
// brightness it is handed and pulls it toward 0.6, so a red disc made with it is darker than demo-sdxl's own
// (255, 0, 0) yet brighter than the refiner alone would paint it (≈ 153).
import { meanColour } from './page-pixels.ts';
import { pickDemoRefiner } from './refiner-picker-steps.ts';
import { expect, test } from './serve-fixture.ts';

test('the refiner picker hands an SDXL generation over to demo-sdxl-refiner at the switch', async ({ page, served }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(served.url);
  const model = page.getByRole('combobox', { name: 'Model', exact: true });
  const refiner = page.getByRole('combobox', { name: 'Refiner' });
  await pickDemoRefiner(page, model);

  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await page.getByRole('combobox', { name: 'Size preset' }).selectOption({ label: '128 × 128' });
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('10');
  // guidance 1: one branch, so the disc's red reads the refiner's brightness directly (no extrapolation to clip at 255)
  await page.getByRole('spinbutton', { name: 'Guidance' }).fill('1');
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('fixed');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill('5');
  await expect(page.getByText('base ≈ 8 of 10 steps')).toBeVisible();
  await page.locator('.refiner-row').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/screenshots/refiner-picker.png' });

  await page.getByRole('button', { name: 'Generate' }).click();
  const alt = 'Generated image, seed 5';
  await expect(page.getByRole('img', { name: alt })).toBeVisible({ timeout: 45_000 });
  const [red, green, blue] = await meanColour(page, alt, [0.42, 0.42, 0.58, 0.58]);
  expect(red).toBeGreaterThan(165);
  expect(red).toBeLessThan(230);
  expect(Math.max(green!, blue!)).toBeLessThanOrEqual(8);
  await model.selectOption('demo-pack/demo-sd');
  await expect(refiner).toHaveCount(0);
});
