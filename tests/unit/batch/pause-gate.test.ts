// The BatchRunner's pause hook over a fake job: a closed gate starts nothing new, the items already taken settle
// and are reported while paused, resume finishes the rest exactly once, cancel wakes a paused run; paused time
// is left out of the rate and ETA.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BatchProgressTracker, type BatchProgress } from '../../../native-models/batch/batch-progress.ts';
import { BatchRunner } from '../../../native-models/batch/batch-runner.ts';
import { PauseGate } from '../../../native-models/batch/pause-gate.ts';
import { fakeJob } from './fake-batch-job.ts';

let out: string;

beforeEach(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-pause-'));
});
afterEach(async () => {
  await fs.rm(out, { recursive: true, force: true });
  vi.restoreAllMocks();
});

const names = ['a', 'b', 'c', 'd', 'e', 'f'];

describe('PauseGate', () => {
  it('whenOpen waits while paused, wakes on resume or on abort', async () => {
    const gate = new PauseGate();
    await gate.whenOpen(); // open: resolves at once
    gate.pause();
    const woken: string[] = [];
    const first = gate.whenOpen().then(() => woken.push('resume'));
    const controller = new AbortController();
    const second = gate.whenOpen(controller.signal).then(() => woken.push('abort'));
    controller.abort();
    await second;
    expect(woken).toEqual(['abort']);
    expect(gate.paused).toBe(true);
    gate.resume();
    await first;
    expect(woken).toEqual(['abort', 'resume']);
  });
});

describe('BatchRunner with a PauseGate', () => {
  it('a gate closed before the run starts nothing until resumed, then every item runs once', async () => {
    const gate = new PauseGate();
    gate.pause();
    const { job, control } = fakeJob(names);
    const progress: BatchProgress[] = [];
    const run = new BatchRunner({ outputDir: out, pause: gate, onProgress: (p) => progress.push(p) }).run(job);
    // The run reports its start (0 settled) and then waits at the gate.
    await vi.waitFor(() => expect(progress).toHaveLength(1));
    expect(progress[0]).toMatchObject({ finished: 0, total: 6 });
    expect(control.calls.load).toEqual([]);
    gate.resume();
    expect(await run).toMatchObject({ outcome: 'completed', done: 6 });
    expect(control.calls.infer).toEqual(names);
  });

  it('pausing mid-run: the items already taken settle and are reported, nothing new is loaded; resume completes', async () => {
    const gate = new PauseGate();
    const { job, control } = fakeJob(names);
    control.beforeInfer = (input) => {
      if (input === 'b') gate.pause();
    };
    const progress: BatchProgress[] = [];
    const run = new BatchRunner({ outputDir: out, pause: gate, concurrency: 2, onProgress: (p) => progress.push(p) }).run(job);
    let done = false;
    void run.then(() => (done = true));
    // Every item taken before the pause settles (and its progress arrives) while the gate stays closed.
    await vi.waitFor(() => expect(progress.at(-1)?.finished).toBe(control.calls.load.length));
    const taken = control.calls.load.length;
    // 'b' was in inference; with two decode workers at most two more (c, d) were loaded ahead of it.
    expect(taken).toBeGreaterThanOrEqual(2);
    expect(taken).toBeLessThanOrEqual(4);
    expect(control.calls.infer).toEqual(names.slice(0, taken));
    expect(done).toBe(false);
    gate.resume();
    const summary = await run;
    expect(summary).toMatchObject({ outcome: 'completed', done: 6, failed: 0 });
    expect(control.calls.infer).toEqual(names); // each once, in order
  });

  it('cancel while paused ends the run at once as cancelled, resumable later', async () => {
    const gate = new PauseGate();
    const controller = new AbortController();
    const { job, control } = fakeJob(names);
    control.beforeInfer = (input) => {
      if (input === 'a') gate.pause();
    };
    const progress: BatchProgress[] = [];
    const run = new BatchRunner({ outputDir: out, pause: gate, signal: controller.signal, onProgress: (p) => progress.push(p) }).run(job);
    await vi.waitFor(() => expect(progress.at(-1)?.finished).toBeGreaterThanOrEqual(1));
    controller.abort();
    const summary = await run;
    expect(summary.outcome).toBe('cancelled');
    expect(summary.done).toBeLessThan(6);
    const resumed = fakeJob(names);
    expect(await new BatchRunner({ outputDir: out }).run(resumed.job)).toMatchObject({ outcome: 'completed', alreadyDone: summary.done, done: 6 - summary.done });
  });
});

describe('BatchProgressTracker with paused time', () => {
  it('leaves time paused during the run out of the rate, and time paused before it (queued) out of nothing', () => {
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    let paused = 100; // paused 100 ms while the job waited in the queue, before the run
    const tracker = new BatchProgressTracker(4, 0, () => paused);
    now = 1000;
    // 1 item in 1000 ms of running: 1 item/s, 3 left → 3 s
    expect(tracker.settle('done', 'a')).toMatchObject({ elapsedMs: 1000, itemsPerS: 1, etaS: 3 });
    paused = 600; // then paused 500 ms during the run
    now = 2000;
    // 2 items in 2000 − 500 = 1500 ms: 4/3 items/s; 2 left → 1.5 s
    const p = tracker.settle('done', 'b');
    expect(p.elapsedMs).toBe(1500);
    expect(p.itemsPerS).toBeCloseTo(4 / 3, 12);
    expect(p.etaS).toBeCloseTo(1.5, 12);
  });
});
