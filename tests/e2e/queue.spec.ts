// The Queue column against the web host with the demo pack: jobs added while one runs wait in order, a queued
// job moves up, one is cancelled, and the rest run once the long one is cancelled; an X/Y plot from the Generate
// form's section is one grid job whose row counts cells, its cells and grid in the gallery, a cancel keeping cells.
import { fillGenerateForm } from './generate-form.ts';
import { expect, test } from './serve-fixture.ts';

test('jobs added while one runs can be reordered and cancelled', async ({ page, served }) => {
  await page.goto(served.url);
  const queue = page.getByRole('region', { name: 'Queue' });
  const job = (prompt: string) => queue.getByRole('listitem', { name: new RegExp(`^Generate: ${prompt}, `) });
  // 1000 steps at 256×256 run for a minute or more on the demo pack (see generate.spec.ts): the queue waits.
  await fillGenerateForm(page, { prompt: 'a long red circle', steps: 1000, size: '256 × 256' });
  await page.getByRole('button', { name: 'Generate' }).click();
  await expect(job('a long red circle')).toHaveAccessibleName(/running$/);

  await fillGenerateForm(page, { prompt: 'a green square', steps: 2 });
  await queue.getByRole('button', { name: 'Add to queue' }).click();
  await expect(job('a green square')).toHaveAccessibleName(/queued$/);
  await fillGenerateForm(page, { prompt: 'a blue triangle', steps: 2 });
  await queue.getByRole('button', { name: 'Add to queue' }).click();
  await expect(job('a blue triangle')).toContainText('#2 of 2');

  // Move the last one up: it now starts first.
  await job('a blue triangle').getByRole('button', { name: 'Move up' }).click();
  await expect(job('a blue triangle')).toContainText('#1 of 2');
  await expect(job('a green square')).toContainText('#2 of 2');
  const order = await queue.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')));
  expect(order.slice(0, 3)).toEqual(['Generate: a long red circle, running', 'Generate: a blue triangle, queued', 'Generate: a green square, queued']);
  await expect(job('a blue triangle').getByRole('button', { name: 'Move up' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screenshots/queue.png' });

  // Cancel the green square while it waits; cancel the long job; the blue triangle then runs to the end.
  await job('a green square').getByRole('button', { name: 'Cancel' }).click();
  await expect(job('a green square')).toHaveAccessibleName(/cancelled$/);
  await job('a long red circle').getByRole('button', { name: 'Cancel' }).click();
  await expect(job('a long red circle')).toHaveAccessibleName(/cancelled$/);
  await expect(job('a blue triangle')).toHaveAccessibleName(/done$/, { timeout: 45_000 });
  await expect(job('a green square')).toHaveAccessibleName(/cancelled$/);
  await page.screenshot({ path: 'test-results/screenshots/queue-finished.png' });
});

test('a running row shows its progress and time left; a cancelled job retries; Clear finished empties the list', async ({ page, served }) => {
  await page.goto(served.url);
  const queue = page.getByRole('region', { name: 'Queue' });
  const job = (prompt: string) => queue.getByRole('listitem', { name: new RegExp(`^Generate: ${prompt}, `) });
  await fillGenerateForm(page, { prompt: 'a long red circle', steps: 1000, size: '256 × 256' });
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  const long = job('a long red circle');
  const bar = long.getByRole('progressbar', { name: 'Progress of Generate: a long red circle' });
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThanOrEqual(0);
  await expect(long).toContainText(/step \d+ of 100\d · \d+(\.\d)? s · about .+ left/, { timeout: 30_000 });
  await expect(queue.getByRole('button', { name: 'Clear finished' })).toBeDisabled();

  // A short job waits behind it; cancelled while queued, it offers Retry, which queues its request again.
  await fillGenerateForm(page, { prompt: 'a green square', steps: 2 });
  await queue.getByRole('button', { name: 'Add to queue' }).click();
  await job('a green square').getByRole('button', { name: 'Cancel' }).click();
  await expect(job('a green square')).toHaveAccessibleName(/cancelled$/);
  await job('a green square').getByRole('button', { name: 'Retry' }).click();
  await expect(queue.getByRole('listitem', { name: 'Generate: a green square, queued' })).toHaveCount(1);
  await page.screenshot({ path: 'test-results/screenshots/queue-progress.png' });
  await long.getByRole('button', { name: 'Cancel' }).click();
  await expect(queue.getByRole('listitem', { name: 'Generate: a green square, done' })).toHaveCount(1, { timeout: 45_000 });
  await expect(queue.getByRole('listitem', { name: 'Generate: a green square, done' })).toContainText(/took \d+(\.\d)? s/);
  await expect(long.getByRole('progressbar')).toHaveCount(0);

  // The list collapses (its count stays on the button) and opens again.
  await queue.getByRole('button', { name: 'Hide jobs' }).click();
  await expect(queue.getByRole('list', { name: 'Jobs' })).toHaveCount(0);
  await expect(queue.getByRole('button', { name: 'Show jobs (3)' })).toHaveAttribute('aria-expanded', 'false');
  await queue.getByRole('button', { name: 'Show jobs (3)' }).click();
  await expect(queue.getByRole('listitem')).toHaveCount(3);

  await queue.getByRole('button', { name: 'Clear finished' }).click();
  await expect(queue.getByRole('listitem')).toHaveCount(0);
  await expect(queue.getByRole('button', { name: 'Clear finished' })).toBeDisabled();
});

test('an X/Y plot from the collapsed section: one grid job on the queue, every cell and the grid in the gallery', async ({ page, served }) => {
  await page.goto(served.url);
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 2 });
  const section = page.locator('details.xy-plot');
  await expect(page.getByRole('combobox', { name: 'X axis' })).toBeHidden();
  await section.getByText('X/Y plot', { exact: true }).click();
  await page.getByRole('combobox', { name: 'X axis' }).selectOption('prompt-sr');
  await page.getByRole('textbox', { name: 'X values' }).fill('red, blue');
  await page.getByRole('combobox', { name: 'Y axis' }).selectOption('seed');
  await page.getByRole('textbox', { name: 'Y values' }).fill('1, 2, 3');
  await expect(section).toContainText('6 cells');
  await page.screenshot({ path: 'test-results/screenshots/xy-plot-section.png' });
  await page.getByRole('button', { name: 'Queue X/Y plot' }).click();

  const queue = page.getByRole('region', { name: 'Queue' });
  const row = queue.getByRole('listitem', { name: /^X\/Y plot Prompt S\/R × Seed: a red circle, / });
  await expect(row).toHaveAccessibleName(/done$/, { timeout: 60_000 });
  await page.getByRole('button', { name: 'Gallery' }).click();
  // Six cells, each with its own prompt and seed; the grid carries the first cell's parameters.
  for (const seed of [1, 2, 3]) {
    await expect(page.getByRole('listitem', { name: `Result: a blue circle, seed ${seed}` })).toHaveCount(1);
    await expect(page.getByRole('listitem', { name: `Result: a red circle, seed ${seed}` })).toHaveCount(seed === 1 ? 2 : 1);
  }
});

test('an X/Y plot row counts its cells while it runs, and a cancel keeps the cells made', async ({ page, served }) => {
  // Its long cells are cancelled, never run to the end; the room is for a loaded machine's host start.
  test.setTimeout(90_000);
  await page.goto(served.url);
  await fillGenerateForm(page, { prompt: 'a green square', steps: 200, size: '256 × 256' });
  await page.locator('details.xy-plot').getByText('X/Y plot', { exact: true }).click();
  await page.getByRole('combobox', { name: 'X axis' }).selectOption('steps');
  await page.getByRole('textbox', { name: 'X values' }).fill('1, 400, 400');
  await page.getByRole('combobox', { name: 'Y axis' }).selectOption('none');
  await page.getByRole('button', { name: 'Queue X/Y plot' }).click();
  const row = page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: /^X\/Y plot Steps: a green square, / });
  await expect(row).toContainText(/1 of 3 cells done · step \d+ of \d+/, { timeout: 45_000 });
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toHaveAccessibleName(/cancelled$/);
  await expect(row).toContainText('1 of 3 done, cancelled');
});
