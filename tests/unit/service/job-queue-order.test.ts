// The queue's global order: moves among queued jobs, per-lane positions, and what the journal is told.
import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../../native-models/api/index.ts';
import { JobQueue } from '../../../native-models/service/job-queue.ts';
import type { JournalEntry } from '../../../native-models/service/queue-journal.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** Work that never ends until aborted (then CANCELLED, as engines do). */
const forever = async (signal: AbortSignal) =>
  new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new TesseraError('CANCELLED', 'stopped'))));

function queueWithJournal() {
  const journals: JournalEntry[][] = [];
  const queue = new JobQueue(() => {}, (entries) => journals.push(entries));
  const add = (name: string, lane = 'm1', persisted = true) =>
    queue.enqueue({ kind: 'generate', lane, modelId: lane, label: name, work: forever, ...(persisted ? { persistedArgs: { prompt: name } } : {}) }).jobId;
  return { queue, journals, add, last: () => journals.at(-1)!.map((e) => e.label) };
}

describe('JobQueue order and journal', () => {
  it('moves a queued job and reports positions within its lane', async () => {
    const { queue, add } = queueWithJournal();
    const a = add('a');
    await settle();
    const b = add('b');
    const c = add('c');
    add('d', 'm2');
    await settle(); // d starts at once: its lane was idle
    expect(queue.move(c, 0)).toEqual([c, b]);
    // c is now first in lane m1: one job (the running a) ahead of it; b has a and c ahead.
    expect([queue.get(c).queuePosition, queue.get(b).queuePosition]).toEqual([1, 2]);
    expect(queue.list().map((u) => `${u.label}:${u.state}`)).toEqual(['a:running', 'd:running', 'c:queued', 'b:queued']);
    expect(() => queue.move(a, 0)).toThrow(/state running, expected a queued job/);
    expect(() => queue.move(b, 2)).toThrow(/got toIndex 2, expected 0 to 1/);
    queue.cancelAll();
  });

  it('journals running jobs first, then queued ones in order, and drops finished and unpersisted ones', async () => {
    const { queue, add, last } = queueWithJournal();
    const a = add('a');
    await settle();
    const b = add('b');
    const c = add('c');
    add('install', 'm1', false);
    expect(last()).toEqual(['a', 'b', 'c']);
    queue.move(c, 0);
    expect(last()).toEqual(['a', 'c', 'b']);
    queue.cancel(b);
    expect(last()).toEqual(['a', 'c']);
    queue.cancel(a);
    await settle();
    await settle();
    expect(last()).toEqual(['c']);
    queue.cancelAll();
  });

  it('keeps the journal as it was when the host shuts down, so the jobs come back', async () => {
    const { queue, add, journals, last } = queueWithJournal();
    add('a');
    await settle();
    add('b');
    const written = journals.length;
    queue.shutdown();
    await settle();
    expect(journals.length).toBe(written);
    expect(last()).toEqual(['a', 'b']);
  });

  it('restores a job under its old id and creation time', () => {
    const { queue } = queueWithJournal();
    const { jobId } = queue.enqueue({ kind: 'generate', lane: 'x', modelId: 'x', work: forever }, { jobId: 'job-old', createdAt: '2026-01-01T00:00:00.000Z', restored: true });
    expect(queue.get(jobId)).toMatchObject({ jobId: 'job-old', createdAt: '2026-01-01T00:00:00.000Z', restored: true, state: 'queued' });
    expect(() => queue.enqueue({ kind: 'generate', lane: 'x', modelId: 'x', work: forever }, { jobId: 'job-old' })).toThrow(/twice/);
    queue.cancelAll();
  });
});
