// Fills the Studio's Generate form on the demo model by accessible names (shared by the e2e specs).
import type { Page } from '@playwright/test';

export interface FormValues {
  prompt: string;
  steps: number;
  /** A Size preset label, e.g. '128 × 128'. */
  size?: string;
  seed?: number;
}

export async function fillGenerateForm(page: Page, { prompt, steps, size = '128 × 128', seed = 11 }: FormValues): Promise<void> {
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).fill(prompt);
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('demo-pack/demo-sd');
  await page.getByRole('combobox', { name: 'Size preset' }).selectOption({ label: size });
  await page.getByRole('spinbutton', { name: 'Steps' }).fill(String(steps));
  await page.getByRole('combobox', { name: 'Seed mode' }).selectOption('fixed');
  await page.getByRole('spinbutton', { name: 'Seed', exact: true }).fill(String(seed));
}
