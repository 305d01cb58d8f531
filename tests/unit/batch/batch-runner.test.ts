// BatchRunner over a fake job: manifest lines, resume rules (done skipped, changed redone, partial redone,
// temps removed), refusing foreign outputs, a full disk stopping the run with the manifest intact, abort,
// and the bounded pipeline.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TesseraError } from '../../../native-models/api/errors.ts';
import { BatchRunner, type BatchRunnerOptions } from '../../../native-models/batch/batch-runner.ts';
import type { ManifestEntry } from '../../../native-models/batch/manifest-entry.ts';
import { writeFileAtomic } from '../../../native-models/image/write-file-atomic.ts';
import { fakeJob } from './fake-batch-job.ts';

let out: string;

beforeEach(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-runner-'));
});
afterEach(async () => {
  await fs.rm(out, { recursive: true, force: true });
});

/** The item lines (header lines left out: see the header test). */
async function manifestLines(): Promise<ManifestEntry[]> {
  const text = await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8');
  return text.trim().split('\n').filter((l) => !l.startsWith('{"type":"header"')).map((l) => JSON.parse(l) as ManifestEntry);
}

function runner(options: Partial<BatchRunnerOptions> = {}): BatchRunner {
  return new BatchRunner({ outputDir: out, ...options });
}

const names = ['a', 'b', 'c', 'd', 'e'];

describe('BatchRunner', () => {
  it('processes every item once, in order, and records started + done lines with outputs, hash and parameters', async () => {
    const { job, control } = fakeJob(names, [{ input: 'notes.txt', reason: 'not an image' }]);
    const summary = await runner().run(job);
    expect(summary).toMatchObject({ outcome: 'completed', total: 5, done: 5, failed: 0, alreadyDone: 0, skipped: 1 });
    expect(control.calls.infer).toEqual(names);
    expect(await fs.readFile(path.join(out, 'c.out.txt'), 'utf8')).toBe('CONTENT OF C!');
    const lines = await manifestLines();
    expect(lines[0]).toMatchObject({ input: 'notes.txt', status: 'skipped', error: 'not an image', outputs: [] });
    const done = lines.filter((l) => l.status === 'done');
    // inference runs in input order (above); done lines are appended as writes finish, which may interleave
    expect(done.map((l) => l.input).sort()).toEqual([...names].sort());
    const doneA = done.find((l) => l.input === 'a')!;
    expect(doneA).toMatchObject({ job: 'fake', outputs: ['a.out.txt', 'a.side.txt'], parameters: { mode: 'test' }, result: { length: 13 } });
    expect(doneA.hash).toMatch(/^[0-9a-f]{64}$/);
    // every done line is preceded by its claim
    for (const name of names) {
      const started = lines.findIndex((l) => l.input === name && l.status === 'started');
      expect(started).toBeGreaterThan(-1);
      expect(started).toBeLessThan(lines.findIndex((l) => l.input === name && l.status === 'done'));
    }
  });

  it('on a re-run skips done items, redoes failed ones, writes a changed one beside its kept outputs, lists skipped once', async () => {
    const first = fakeJob(names, [{ input: 'notes.txt', reason: 'not an image' }]);
    first.control.corrupt.add('b');
    expect(await runner().run(first.job)).toMatchObject({ done: 4, failed: 1, failedInputs: ['b'] });

    const second = fakeJob(names, [{ input: 'notes.txt', reason: 'not an image' }]);
    second.control.contents.set('d', 'changed');
    const summary = await runner().run(second.job);
    expect(summary).toMatchObject({ outcome: 'completed', done: 2, alreadyDone: 3, failed: 0, changedInputs: ['d'] });
    expect(second.control.calls.infer).toEqual(['b', 'd']);
    // d's content changed: its earlier output is kept, the new one is written beside it and recorded
    expect(await fs.readFile(path.join(out, 'd.out.txt'), 'utf8')).toBe('CONTENT OF D!');
    expect(await fs.readFile(path.join(out, 'd.out.v2.txt'), 'utf8')).toBe('CHANGED!');
    const lines = await manifestLines();
    expect(lines.filter((l) => l.input === 'd' && l.status === 'done').at(-1)).toMatchObject({ outputs: ['d.out.v2.txt', 'd.side.v2.txt'], kept: ['d.out.txt', 'd.side.txt'] });
    // a third run finds d done (with its new content); --overwrite instead replaces in place
    const third = fakeJob(names, [{ input: 'notes.txt', reason: 'not an image' }]);
    third.control.contents.set('d', 'changed');
    expect(await runner().run(third.job)).toMatchObject({ done: 0, alreadyDone: 5, changedInputs: [] });
    const fourth = fakeJob(names, [{ input: 'notes.txt', reason: 'not an image' }]);
    fourth.control.contents.set('d', 'changed');
    fourth.control.contents.set('e', 'again');
    expect(await runner({ overwrite: true }).run(fourth.job)).toMatchObject({ done: 1, changedInputs: [] });
    expect(await fs.readFile(path.join(out, 'e.out.txt'), 'utf8')).toBe('AGAIN!');
    expect(lines.filter((l) => l.status === 'skipped')).toHaveLength(1);
    expect(lines.filter((l) => l.status === 'done' && l.input === 'a')).toHaveLength(1);
    expect(lines.filter((l) => l.status === 'failed')).toMatchObject([{ input: 'b', code: 'IMAGE_UNREADABLE', outputs: [] }]);
  });

  it('redoes an item whose outputs were written without a done line, and removes leftover temp files', async () => {
    const { job } = fakeJob(['a', 'b']);
    // A killed run: claimed b, wrote one of its outputs and a temp file, never wrote done.
    await fs.writeFile(path.join(out, 'manifest.jsonl'), JSON.stringify({ input: 'b', status: 'started', outputs: ['b.out.txt', 'b.side.txt'], job: 'fake', at: '' }) + '\n{"input":"a","sta');
    await fs.writeFile(path.join(out, 'b.out.txt'), 'partial');
    await fs.writeFile(path.join(out, '.b.side.txt.tessera-0123abcd.tmp'), 'half');
    const summary = await runner().run(job);
    expect(summary).toMatchObject({ outcome: 'completed', done: 2, removedTemps: 1 });
    expect(await fs.readFile(path.join(out, 'b.out.txt'), 'utf8')).toBe('CONTENT OF B!');
    expect((await fs.readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // the torn line got its own line ending; new lines parse
    const text = await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8');
    expect(text.split('\n')[1]).toBe('{"input":"a","sta');
    expect(text.split('\n').slice(2).filter(Boolean).every((l) => JSON.parse(l))).toBe(true);
  });

  it('refuses to start when planned outputs exist that the manifest does not list, and overwrites them with overwrite', async () => {
    await fs.writeFile(path.join(out, 'c.out.txt'), 'mine');
    const { job, control } = fakeJob(names);
    const refused = runner().run(job);
    await expect(refused).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    await expect(refused).rejects.toThrow(/got 1 existing file\(s\) where this batch writes \(c\.out\.txt\).*--overwrite/);
    expect(control.calls.load).toEqual([]);
    expect(await fs.readFile(path.join(out, 'c.out.txt'), 'utf8')).toBe('mine');

    const again = fakeJob(names);
    expect(await runner({ overwrite: true }).run(again.job)).toMatchObject({ done: 5 });
    expect(await fs.readFile(path.join(out, 'c.out.txt'), 'utf8')).toBe('CONTENT OF C!');
  });

  it('a full disk stops the run cleanly: outcome stopped with the reason, earlier items recorded, manifest parseable', async () => {
    let writes = 0;
    const writeFile = async (p: string, bytes: Uint8Array, o: { overwrite: boolean }) => {
      writes += 1;
      if (writes > 4) throw new TesseraError('IO_ERROR', `cannot write ${p}: the disk is full (ENOSPC)`, { errno: 'ENOSPC' });
      await writeFileAtomic(p, bytes, o);
    };
    const { job } = fakeJob(names);
    const summary = await runner({ writeFile, concurrency: 1 }).run(job);
    expect(summary.outcome).toBe('stopped');
    expect(summary.error).toMatchObject({ code: 'IO_ERROR', message: expect.stringMatching(/disk is full/) });
    expect(summary.done).toBe(2);
    const lines = await manifestLines();
    expect(lines.filter((l) => l.status === 'done').map((l) => l.input)).toEqual(['a', 'b']);

    // after space is freed the same batch resumes and finishes without redoing a or b
    const resumed = fakeJob(names);
    expect(await runner().run(resumed.job)).toMatchObject({ outcome: 'completed', alreadyDone: 2, done: 3 });
    expect(resumed.control.calls.infer).toEqual(['c', 'd', 'e']);
  });

  it('abort: the item in inference finishes and is recorded, nothing after it starts, and the run resumes', async () => {
    const controller = new AbortController();
    const { job, control } = fakeJob(names);
    control.beforeInfer = (input) => {
      if (input === 'b') controller.abort();
    };
    const summary = await runner({ signal: controller.signal }).run(job);
    expect(summary).toMatchObject({ outcome: 'cancelled', done: 2 });
    expect(control.calls.infer).toEqual(['a', 'b']);
    const resumed = fakeJob(names);
    expect(await runner().run(resumed.job)).toMatchObject({ outcome: 'completed', alreadyDone: 2, done: 3 });
  });

  it('records the settings in a header; other settings are refused, redone with overwrite, and a cut-short redo goes on', async () => {
    expect(await runner().run(fakeJob(names).job)).toMatchObject({ done: 5 });
    const first = (await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8')).split('\n')[0]!;
    expect(JSON.parse(first)).toMatchObject({ type: 'header', job: 'fake', parameters: { mode: 'test' } });

    const changed = { ...fakeJob(names).job, outputParameters: { mode: 'new' } };
    await expect(runner().run(changed)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('(mode: "new" now, "test" before)') });

    // overwrite: every item redone with the new settings; cut short after b, the next run (no overwrite) does the rest
    const controller = new AbortController();
    const redo = fakeJob(names);
    redo.control.beforeInfer = (input) => {
      if (input === 'b') controller.abort();
    };
    expect(await runner({ overwrite: true, signal: controller.signal }).run({ ...redo.job, outputParameters: { mode: 'new' } })).toMatchObject({ outcome: 'cancelled', done: 2, alreadyDone: 0 });
    const rest = fakeJob(names);
    expect(await runner().run({ ...rest.job, outputParameters: { mode: 'new' } })).toMatchObject({ outcome: 'completed', alreadyDone: 2, done: 3 });
    expect(rest.control.calls.infer).toEqual(['c', 'd', 'e']);
    // the way back is a change too
    await expect(runner().run(fakeJob(names).job)).rejects.toThrow(/\(mode: "test" now, "new" before\)/);
  });

  it('keeps the number of decoded-but-unwritten items bounded by the concurrencies, whatever the item count', async () => {
    const many = Array.from({ length: 60 }, (_, i) => `item-${String(i).padStart(2, '0')}`);
    const { job, control } = fakeJob(many);
    await runner({ concurrency: 2 }).run(job);
    expect(control.calls.render).toHaveLength(60);
    // 2 decoding + 1 yielded + 1 in inference + 1 yielded + 2 writing + 1 held by the consumer = 8 at most
    expect(control.maxLive).toBeLessThanOrEqual(8);
    expect(control.maxLive).toBeGreaterThan(1); // stages really overlap
  });

  it('rejects a bad concurrency and an output folder equal to the input folder', async () => {
    expect(() => runner({ concurrency: 0 })).toThrow(/concurrency: got 0, expected an integer from 1 to 64/);
    const { job } = fakeJob(names);
    await expect(runner({ inputDir: out }).run(job)).rejects.toThrow(/got the input folder itself, expected a separate folder/);
  });
});
