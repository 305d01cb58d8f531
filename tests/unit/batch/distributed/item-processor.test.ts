// One item on a worker: already done by its hash, published atomically, and the race rule — an output already
// there is kept only when another attempt of the same item published it (attempt count above one).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../../native-models/batch/content-hash.ts';
import type { ItemJob } from '../../../../native-models/batch/distributed/batch-spec.ts';
import { processItem, type ItemHooks } from '../../../../native-models/batch/distributed/item-processor.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';
import { fakeJob } from '../fake-batch-job.ts';

let out: string;
beforeEach(async () => {
  out = await makeTempDir('tessera-item-');
});
afterEach(async () => {
  await fs.rm(out, { recursive: true, force: true });
});

function setup(options: { overwrite?: boolean; previous?: ItemJob['previous']; attempts?: number } = {}) {
  const { job, control } = fakeJob(['a.png']);
  const item = job.items[0]!;
  const payload: ItemJob = {
    batchId: 'b',
    spec: { kind: 'cutout', model: 'm', inputDir: '/in', outputDir: out },
    input: item.input,
    outputs: [...item.outputs],
    overwrite: options.overwrite ?? false,
    previous: options.previous,
  };
  let attempts = (options.attempts ?? 1) - 1;
  const hooks: ItemHooks = { infer: (call) => call(), notePublishAttempt: async () => ++attempts, publishAttempts: async () => attempts };
  return { job, control, item, payload, hooks, run: () => processItem(job, item, payload, hooks, { started: performance.now() }) };
}

const read = (rel: string) => fs.readFile(path.join(out, rel), 'utf8');

describe('processItem', () => {
  it('writes every output and returns the done line the follower records', async () => {
    const { run } = setup();
    const outcome = await run();
    expect(outcome).toMatchObject({ status: 'done', entry: { input: 'a.png', status: 'done', job: 'fake', outputs: ['a.png.out.txt', 'a.png.side.txt'], hash: sha256Hex('content of a.png') } });
    expect(await read('a.png.out.txt')).toBe('CONTENT OF A.PNG!'); // the fake job's prepare upper-cases, infer appends "!"
  });

  it('is already done with the same hash and its outputs present; redone when the content changed', async () => {
    await fs.writeFile(path.join(out, 'a.png.out.txt'), 'old');
    await fs.writeFile(path.join(out, 'a.png.side.txt'), 'old');
    const outputs = ['a.png.out.txt', 'a.png.side.txt'];
    const same = setup({ previous: { hash: sha256Hex('content of a.png'), outputs } });
    expect(await same.run()).toEqual({ status: 'alreadyDone' });
    expect(same.control.calls.infer).toEqual([]);
    const changed = setup({ previous: { hash: 'other', outputs }, overwrite: true });
    expect((await changed.run()).status).toBe('done');
    expect(await read('a.png.out.txt')).toBe('CONTENT OF A.PNG!');
  });

  it('keeps a file an earlier attempt of the item published, never replacing it', async () => {
    await fs.writeFile(path.join(out, 'a.png.out.txt'), 'from the first attempt');
    const { run } = setup({ attempts: 2 });
    expect((await run()).status).toBe('done');
    expect(await read('a.png.out.txt')).toBe('from the first attempt');
    expect(await read('a.png.side.txt')).toBe('side');
  });

  it('refuses a file no attempt of this item wrote (first attempt) with OUTPUT_EXISTS', async () => {
    await fs.writeFile(path.join(out, 'a.png.out.txt'), 'someone else');
    await expect(setup().run()).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    expect(await read('a.png.out.txt')).toBe('someone else');
  });

  it('hands the job back before the model call when beforeInfer throws', async () => {
    const s = setup();
    s.hooks.beforeInfer = async () => {
      throw new Error('returned');
    };
    await expect(s.run()).rejects.toThrow('returned');
    expect(s.control.calls.infer).toEqual([]);
    expect(await fs.readdir(out)).toEqual([]);
  });
});
