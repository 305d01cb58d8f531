// A new user's first minute: on a fresh data folder the first Generate, pressed as soon as the page is up,
// runs the model the Model list shows (it once failed "no model selected" while the list was still loading).
import { expect, test } from './serve-fixture.ts';

// A new user's host writes the demo pack itself on this first start.
test.use({ hostWritesDemoPack: true });

test('typing a prompt and pressing Generate at once on a fresh start makes an image', async ({ page, served }) => {
  // Hold back the model list so the click surely lands before it arrives, as on a slow first start.
  let releaseModels: () => void = () => {};
  const modelsHeld = new Promise<void>((resolve) => (releaseModels = resolve));
  await page.route('**/api/listModels', async (route) => {
    await modelsHeld;
    await route.continue();
  });
  await page.goto(served.url);
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill('a red circle');
  await page.getByRole('spinbutton', { name: 'Steps' }).fill('4');
  await page.getByRole('button', { name: 'Generate' }).click();
  releaseModels();
  await expect(page.getByRole('img', { name: /^Generated image, seed \d+$/ })).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  // The steps typed before the list arrived are still the ones shown (the model's defaults did not replace them).
  await expect(page.getByRole('spinbutton', { name: 'Steps' })).toHaveValue('4');
});
