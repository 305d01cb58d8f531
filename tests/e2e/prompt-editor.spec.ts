// The prompt editor in Chromium against the web host with the demo pack: Ctrl+Enter generates, the token counter
// counts each 77-token chunk with the model's own CLIP tokenizer, and an unpaired bracket is flagged.
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

test('Ctrl+Enter in the prompt generates', async ({ page, served }) => {
  await page.goto(served.url);
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 4 });
  await page.getByRole('textbox', { name: 'Prompt', exact: true }).press('Control+Enter');
  await expect(page.getByRole('img', { name: 'Generated image, seed 11', exact: true })).toBeVisible({ timeout: 45_000 });
  // The key does not also type a newline.
  await expect(page.getByRole('textbox', { name: 'Prompt', exact: true })).toHaveValue('a red circle');
});

test('the token counter counts each 77-token chunk with the model’s tokenizer', async ({ page, served }) => {
  await page.goto(served.url);
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await page.getByRole('combobox', { name: 'Model', exact: true }).selectOption('demo-pack/demo-sd');
  // "a", "red", "circle": one CLIP token each; weighting syntax adds none.
  await prompt.fill('a (red:1.3) circle');
  await expect(page.getByText('Tokens 3/75', { exact: true })).toBeVisible();
  await expect(prompt).toHaveAccessibleDescription(/Tokens 3\/75/);
  // 80 × "cat": 75 fill the first chunk, 5 spill into a second; BREAK starts a chunk of its own.
  await prompt.fill(Array(80).fill('cat').join(' '));
  await expect(page.getByText('Tokens 75/75 · 5/75 (2 chunks)', { exact: true })).toBeVisible();
  await prompt.fill('cat dog BREAK cat');
  await expect(page.getByText('Tokens 2/75 · 1/75 (2 chunks)', { exact: true })).toBeVisible();
  await page.getByRole('textbox', { name: 'Negative prompt' }).fill('blurry');
  await expect(page.getByText('Tokens 1/75', { exact: true })).toBeVisible();
});

test('an unpaired bracket in the prompt is flagged, and the flag goes when it is paired', async ({ page, served }) => {
  await page.goto(served.url);
  const prompt = page.getByRole('textbox', { name: 'Prompt', exact: true });
  await prompt.fill('a (red circle');
  const note = page.getByText(/^Unbalanced:/);
  await expect(note).toHaveText('Unbalanced: “(” at 3 is never closed (it weights the rest of the prompt)');
  await expect(prompt).toHaveAccessibleDescription(/Unbalanced: “\(” at 3 is never closed/);
  await prompt.fill('a red circle)');
  await expect(note).toHaveText('Unbalanced: “)” at 13 closes nothing (read as text)');
  await prompt.fill('a (red) circle');
  await expect(note).toHaveCount(0);
});
