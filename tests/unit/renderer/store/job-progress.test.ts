// A queue row's progress and line of time from the host's events: steps over every image of a job, the rate so
// far carried over what remains, batch files as counted by the host, durations from the job's own times.
import { describe, expect, it } from 'vitest';
import { batchJobProgress, formatDuration, generationJobProgress, jobTimeText } from '../../../../renderer/src/store/job-progress.ts';

describe('job progress', () => {
  it('counts steps over every image and carries the rate so far over what remains', () => {
    // Image 2 of 4 at step 5 of 20: 25 of 80 steps in 5 s → 55 steps left at 0.2 s each = 11 s.
    const p = generationJobProgress({ jobId: 'job-a', step: 5, totalSteps: 20, batchIndex: 1, batchCount: 4, elapsedMs: 5000 });
    expect(p).toEqual({ fraction: 25 / 80, elapsedMs: 5000, etaMs: 11_000, detail: 'step 5 of 20 · image 2 of 4' });
    expect(generationJobProgress({ jobId: 'job-a', step: 0, totalSteps: 20, batchIndex: 0, batchCount: 1, elapsedMs: 300 }).etaMs).toBeNull();
  });

  it('counts an X/Y plot in cells: cells done of the grid, the current cell by its steps', () => {
    // Cell 3 of 6 half done (2 of 4 steps) after 5 s: 2.5 of 6 cells → 3.5 cells left at 2 s each = 7 s.
    const p = generationJobProgress({ jobId: 'job-g', step: 2, totalSteps: 4, batchIndex: 2, batchCount: 6, elapsedMs: 5000, unit: 'cell' });
    expect(p).toEqual({ fraction: 2.5 / 6, elapsedMs: 5000, etaMs: 7000, detail: '2 of 6 cells done · step 2 of 4' });
  });

  it('takes a batch job’s files and ETA as the host counts them', () => {
    const p = batchJobProgress({ jobId: 'job-b', total: 40, finished: 10, done: 9, alreadyDone: 0, failed: 1, skipped: 0, elapsedMs: 20_000, itemsPerS: 0.5, etaS: 60 });
    expect(p).toEqual({ fraction: 0.25, elapsedMs: 20_000, etaMs: 60_000, detail: '10 of 40 files' });
  });

  it('says the time of a running job, how long a finished one took, and nothing for a queued one', () => {
    const running = generationJobProgress({ jobId: 'job-a', step: 5, totalSteps: 20, batchIndex: 0, batchCount: 1, elapsedMs: 1000 });
    expect(jobTimeText({ state: 'running' }, running)).toBe('step 5 of 20 · 1.0 s · about 3.0 s left');
    expect(jobTimeText({ state: 'running' }, undefined)).toBe('starting…');
    expect(jobTimeText({ state: 'done', startedAt: '2026-12-02T10:00:00.000Z', finishedAt: '2026-12-02T10:01:05.400Z' }, undefined)).toBe('took 1 min 05 s');
    expect(jobTimeText({ state: 'queued' }, undefined)).toBeNull();
    expect([formatDuration(800), formatDuration(12_400), formatDuration(125_000)]).toEqual(['0.8 s', '12 s', '2 min 05 s']);
  });
});
