// The Studio's scheduler picker is the engine's table: all 12 (DPM++ SDE included), valued by the short names
// that `tessera generate --scheduler` takes, shown by those names with the A1111 names as titles.
import { SCHEDULER_LABELS, SCHEDULER_NAMES } from '../../native-models/core/schedulers/create-scheduler.ts';
import { expect, test } from './serve-fixture.ts';

test('the scheduler list matches the engine and the CLI names', async ({ page, served }) => {
  await page.goto(served.url);
  const options = page.getByRole('combobox', { name: 'Scheduler' }).locator('option');
  await expect(options).toHaveCount(1 + 12);
  const values = await options.evaluateAll((els) => els.map((e) => (e as unknown as { value: string }).value));
  expect(values).toEqual(['', ...SCHEDULER_NAMES]);
  expect(values).toContain('dpmpp_sde');
  const labels = await options.allTextContents();
  expect(labels.slice(1)).toEqual([...SCHEDULER_NAMES]);
  const titles = await options.evaluateAll((els) => els.map((e) => (e as unknown as { title: string }).title));
  expect(titles.slice(1)).toEqual(SCHEDULER_NAMES.map((n) => SCHEDULER_LABELS[n]));
});
