// The host stops under an open page and comes back on the same port and token: the page says it is
// disconnected (a call meanwhile fails in words), reconnects by itself, and the job the queue restored runs
// with its progress shown in the Studio and in its queue row.
import { expect, test } from './serve-fixture.ts';
import { fillGenerateForm } from './generate-form.ts';

test('a stopped host shows the reconnecting banner; back on the same port the restored job reports progress', async ({ page, served }) => {
  // Two host starts and a model load: more than the default minute on a loaded machine.
  test.setTimeout(150_000);
  await page.goto(served.url);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  // 300 steps at 128×128 take several seconds per image here: the job is still running when the host stops.
  await fillGenerateForm(page, { prompt: 'a red circle', steps: 300, seed: 5 });
  await page.getByRole('spinbutton', { name: 'Count' }).fill('2');
  await page.getByRole('button', { name: 'Generate' }).click();
  const studioProgress = page.getByRole('progressbar', { name: 'Generation progress' });
  await expect(studioProgress).toHaveAttribute('aria-valuetext', /^step [1-9]\d* of \d+$/);
  const banner = page.getByRole('status', { name: 'Connection' });
  await expect(banner).toHaveCount(0);

  await served.stop();
  await expect(banner).toContainText('Disconnected — reconnecting…');
  // A call while the host is away fails at once, in words (the Gallery's list here).
  await page.getByRole('button', { name: 'Gallery' }).click();
  await expect(page.getByRole('alert')).toContainText('stopped or is restarting');
  await page.getByRole('button', { name: 'Studio' }).click();

  const urlBefore = served.url;
  await served.startAgain();
  expect(served.url).toBe(urlBefore);
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  // The restored job (same id, from the queue journal) starts over and its steps arrive again.
  const row = page.getByRole('region', { name: 'Queue' }).getByRole('listitem', { name: 'Generate: a red circle, running' });
  await expect(row).toContainText('after restart');
  await expect(row).toContainText(/step [1-9]\d* of \d+ · image 1 of 2/);
  await expect(page.getByRole('progressbar', { name: 'Progress of Generate: a red circle' })).toHaveAttribute('aria-valuenow', /^\d+$/);
  const firstSeen = Number(await studioProgress.getAttribute('aria-valuenow'));
  await expect.poll(async () => Number(await studioProgress.getAttribute('aria-valuenow')), { timeout: 15_000 }).not.toBe(firstSeen);
  await expect(page.getByRole('alert')).toHaveCount(0);
});
