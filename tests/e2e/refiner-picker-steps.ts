// The refiner picker's steps both forms share (Generate panel, Batch panel): hidden for demo-sd, shown for demo-sdxl
// with None + the demo refiner, "Switch at" at REFINER_DEFAULTS.switchAt and disabled until a refiner is picked;
// then picks demo-sdxl-refiner. Answers the "Switch at" field.
import type { Locator, Page } from '@playwright/test';
import { REFINER_DEFAULTS } from '../../native-models/api/refiner-defaults.ts';
import { expect } from './serve-fixture.ts';

export async function pickDemoRefiner(page: Page, model: Locator): Promise<Locator> {
  const refiner = page.getByRole('combobox', { name: 'Refiner' });
  await expect(model).toHaveValue('demo-pack/demo-sd');
  await expect(refiner).toHaveCount(0);
  await model.selectOption('demo-pack/demo-sdxl');
  await expect(refiner.locator('option')).toHaveText(['None', 'demo-sdxl-refiner']);
  const switchAt = page.getByRole('spinbutton', { name: 'Switch at' });
  await expect(switchAt).toHaveValue(String(REFINER_DEFAULTS.switchAt));
  await expect(switchAt).toBeDisabled();
  await refiner.selectOption('demo-pack/demo-sdxl-refiner');
  await expect(switchAt).toBeEnabled();
  return switchAt;
}
