// `auto`'s measured provider choice is kept per model file and machine in the data folder: a new selector (a
// restart) reuses it without timing again, a changed model file is timed again, and a provider that fails on the
// model (CUDA, whose libraries onnxruntime-node does not ship here) is recorded with its error, never chosen.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderSelector } from '../../../native-models/service/provider-selector.ts';
import { ProviderChoiceCache, choiceKeyOf } from '../../../native-models/service/provider-choice-cache.ts';
import { demoModel } from '../demo-pack.ts';

let dir: string;
let unet: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-provider-choices-'));
  // a copy, so that touching it below changes only this test's model
  await fs.cp(path.join(demoModel('demo-sd'), 'unet'), path.join(dir, 'unet'), { recursive: true });
  unet = path.join(dir, 'unet', 'model.onnx');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const target = () => ({ kind: 'diffusion/unet', modelPath: unet, dimHints: { height: 8, width: 8 } });

describe('provider choice cache', () => {
  it('times the real CPU EP once per model and machine; a failing EP is recorded, not chosen', async () => {
    const file = path.join(dir, 'provider-choices.json');
    const options = { runs: 1, providers: ['cuda', 'cpu'] as const };
    const first = await new ProviderSelector('auto', { ...options, providers: [...options.providers] }, await ProviderChoiceCache.open(file)).measure(target());
    expect(first.measurements.find((m) => m.provider === 'cpu')!.error).toBeUndefined();
    expect(first.chosen).toBe('cpu');
    expect(first.measurements.find((m) => m.provider === 'cpu')!.medianMs).toBeGreaterThan(0);
    expect(first.measurements.find((m) => m.provider === 'cuda')).toMatchObject({ medianMs: null, runs: 0, error: expect.any(String) });

    // a restart: the same choice comes back from the data folder, measured at the same instant
    const again = await new ProviderSelector('auto', { ...options, providers: [...options.providers] }, await ProviderChoiceCache.open(file)).measure(target());
    expect(again).toEqual(first);
    const key = (await choiceKeyOf(unet))!;
    expect(key).toContain(os.cpus()[0]!.model);
    expect(JSON.parse(await fs.readFile(file, 'utf8')).entries[key]).toEqual(first);

    // a changed model file is another key: timed again
    await fs.utimes(unet, new Date(), new Date(Date.now() + 60_000));
    const changed = await new ProviderSelector('auto', { runs: 1, providers: ['cpu'] }, await ProviderChoiceCache.open(file)).measure(target());
    expect(changed.measuredAt).not.toBe(first.measuredAt);
    expect(changed.measurements.map((m) => m.provider)).toEqual(['cpu']);
  });
});
