// What a model cannot do is not offered: with the inpainting-only demo model picked (from the Studio's list or
// the Models screen), Generate is disabled and says why; a text-to-image model enables it again.
import { expect, test } from './serve-fixture.ts';

test('an inpainting-only model disables Generate with the reason; demo-sd enables it', async ({ page, served }) => {
  await page.goto(served.url);
  const model = page.getByRole('combobox', { name: 'Model', exact: true });
  const generate = page.getByRole('button', { name: 'Generate', exact: true });
  await expect(model).toHaveValue('demo-pack/demo-sd');
  await expect(generate).toBeEnabled();
  await expect(model.locator('option[value="demo-pack/demo-sd-inpaint"]')).toHaveText('demo-sd-inpaint (demo)');
  await expect(model.locator('option[value="demo-pack/demo-sd-inpaint"]')).toHaveAttribute('title', /^an inpainting-only model/);

  await model.selectOption('demo-pack/demo-sd-inpaint');
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveAccessibleDescription(/^demo-sd-inpaint \(demo\) cannot do this: an inpainting-only model \(9-channel UNet\)/);

  await model.selectOption('demo-pack/demo-sd');
  await expect(generate).toBeEnabled();
  await expect(page.getByText('cannot do this')).toHaveCount(0);
});
