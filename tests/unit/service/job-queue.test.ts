// One job at a time per lane, queued in order, cancellable while queued or running; other lanes run alongside.
import { describe, expect, it } from 'vitest';
import { TesseraError, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { JobQueue } from '../../../native-models/service/job-queue.ts';

/** A job body the test releases by hand; it rejects with CANCELLED when its signal fires, as engines do. */
function gate() {
  let release!: () => void;
  const started: string[] = [];
  const done = new Promise<void>((r) => (release = r));
  const work = (name: string) => async (signal: AbortSignal) => {
    started.push(name);
    await new Promise<void>((resolve, reject) => {
      void done.then(resolve);
      signal.addEventListener('abort', () => reject(new TesseraError('CANCELLED', 'stopped')));
    });
    return {};
  };
  return { work, started, release };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('JobQueue', () => {
  it('runs jobs of one lane one after another, in order, and reports queue positions', async () => {
    const updates: JobUpdateEvent[] = [];
    const queue = new JobQueue((u) => updates.push(u));
    const g = gate();
    const a = queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: g.work('a') });
    const b = queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: g.work('b') });
    expect([a.queuePosition, b.queuePosition]).toEqual([0, 1]);
    await settle();
    expect(g.started).toEqual(['a']);
    expect(queue.get(b.jobId).state).toBe('queued');
    g.release();
    await settle();
    await settle();
    expect(g.started).toEqual(['a', 'b']);
    expect(queue.get(a.jobId).state).toBe('done');
  });

  it('runs different lanes at the same time', async () => {
    const queue = new JobQueue(() => {});
    const g = gate();
    queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: g.work('a') });
    queue.enqueue({ kind: 'generate', lane: 'm2', modelId: 'm2', work: g.work('b') });
    await settle();
    expect(g.started.sort()).toEqual(['a', 'b']);
    g.release();
  });

  it('cancels a queued job without running it and a running one through its signal', async () => {
    const queue = new JobQueue(() => {});
    const g = gate();
    const a = queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: g.work('a') });
    const b = queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: g.work('b') });
    await settle();
    expect(queue.cancel(b.jobId)).toBe('cancelled');
    expect(queue.cancel(a.jobId)).toBe('running');
    await settle();
    expect(queue.get(a.jobId).state).toBe('cancelled');
    expect(queue.get(a.jobId).error?.code).toBe('CANCELLED');
    expect(g.started).toEqual(['a']);
  });

  it('records a failure with its wire error and moves on', async () => {
    const queue = new JobQueue(() => {});
    const bad = queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: async () => Promise.reject(new TesseraError('MODEL_INVALID', 'broken unet')) });
    const good = queue.enqueue({ kind: 'generate', lane: 'm1', modelId: 'm1', work: async () => ({}) });
    await settle();
    await settle();
    expect(queue.get(bad.jobId)).toMatchObject({ state: 'failed', error: { code: 'MODEL_INVALID', message: 'broken unet' } });
    expect(queue.get(good.jobId).state).toBe('done');
  });

  it('refuses unknown job ids', () => {
    expect(() => new JobQueue(() => {}).cancel('job-nope')).toThrow(/job id "job-nope"/);
  });

  it('settled() after shutdown waits for a running job to finish what it writes after the abort', async () => {
    const queue = new JobQueue(() => {});
    const written: string[] = [];
    queue.enqueue({
      kind: 'generate',
      lane: 'm1',
      modelId: 'm1',
      work: async (signal) => {
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
        // the step in flight ends and its image is recorded after the abort fired
        await new Promise((r) => setTimeout(r, 30));
        written.push('last image');
        throw new TesseraError('CANCELLED', 'stopped');
      },
    });
    await settle();
    queue.shutdown();
    expect(written).toEqual([]);
    await queue.settled();
    expect(written).toEqual(['last image']);
    await queue.settled(); // nothing running: at once
  });
});
