// The Studio shows which words a demo model understands (written by the demo pack, carried by the model list),
// and shows nothing of the kind for a model that has no such facts.
import { DEMO_WORDS } from '../../native-models/demo/sd/demo-sd-spec.ts';
import { expect, test } from './serve-fixture.ts';

test('the demo model lists the words it understands under the prompt', async ({ page, served }) => {
  await page.goto(served.url);
  await expect(page.getByRole('combobox', { name: 'Model', exact: true })).toHaveValue('demo-pack/demo-sd');
  const note = page.getByRole('note', { name: 'Words the demo model understands' });
  await expect(note).toContainText('A synthetic demo, not a trained model');
  await expect(note.locator('.demo-word-list')).toHaveText(DEMO_WORDS.map((w) => w.word).join(', '));
  for (const word of ['red', 'blue', 'yellow', 'circle', 'square', 'stripes']) await expect(note).toContainText(word);
});
