// The Queue column against the web host with the demo pack: jobs added while one runs wait in order, a queued
// job moves up, one is cancelled, and the rest run once the long one is cancelled.
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
