// A queue row's progress from the host's progress events: the fraction done, the time so far and an estimate of
// the time left (the rate so far, carried over what remains), for generation and batch jobs alike.
import type { BatchProgressEvent, GenerationProgressEvent, JobUpdateEvent } from '../../../native-models/api/index.ts';

export interface JobProgress {
  /** 0–1. */
  fraction: number;
  elapsedMs: number;
  /** null until there is a rate to go by. */
  etaMs: number | null;
  /** What is being counted, e.g. "step 3 of 20 · image 2 of 4" or "12 of 40 files". */
  detail: string;
}

/** Steps over every image of the job: an image's steps all count the same. */
export function generationJobProgress(event: GenerationProgressEvent): JobProgress {
  if (event.unit === 'cell') return gridJobProgress(event);
  const all = event.totalSteps * event.batchCount;
  const done = event.batchIndex * event.totalSteps + event.step;
  const image = event.batchCount > 1 ? ` · image ${event.batchIndex + 1} of ${event.batchCount}` : '';
  return {
    fraction: all > 0 ? Math.min(1, done / all) : 0,
    elapsedMs: event.elapsedMs,
    etaMs: done > 0 && all > 0 ? (event.elapsedMs * (all - done)) / done : null,
    detail: `step ${event.step} of ${event.totalSteps}${image}`,
  };
}

/** An X/Y plot: cells done of the grid's, the cell in progress by its steps (cells may differ in steps). */
function gridJobProgress(event: GenerationProgressEvent): JobProgress {
  const done = event.batchIndex + (event.totalSteps > 0 ? event.step / event.totalSteps : 0);
  return {
    fraction: event.batchCount > 0 ? Math.min(1, done / event.batchCount) : 0,
    elapsedMs: event.elapsedMs,
    etaMs: done > 0 ? (event.elapsedMs * (event.batchCount - done)) / done : null,
    detail: `${event.batchIndex} of ${event.batchCount} cells done · step ${event.step} of ${event.totalSteps}`,
  };
}

export function batchJobProgress(event: BatchProgressEvent): JobProgress {
  return {
    fraction: event.total > 0 ? Math.min(1, event.finished / event.total) : 0,
    elapsedMs: event.elapsedMs,
    etaMs: event.etaS === null ? null : event.etaS * 1000,
    detail: `${event.finished} of ${event.total} files`,
  };
}

/** "0.8 s", "12 s", "3 min 05 s". */
export function formatDuration(ms: number): string {
  const s = ms / 1000;
  if (s < 10) return `${s.toFixed(1)} s`;
  if (s < 60) return `${Math.round(s)} s`;
  const whole = Math.round(s);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}

/** The row's line of time: progress of a running job, how long a finished one took; null when nothing is known. */
export function jobTimeText(job: Pick<JobUpdateEvent, 'state' | 'startedAt' | 'finishedAt'>, progress: JobProgress | undefined): string | null {
  if (job.state === 'running') {
    if (!progress) return 'starting…';
    const left = progress.etaMs === null ? '' : ` · about ${formatDuration(progress.etaMs)} left`;
    return `${progress.detail} · ${formatDuration(progress.elapsedMs)}${left}`;
  }
  if (job.startedAt && job.finishedAt && job.state !== 'queued') return `took ${formatDuration(Date.parse(job.finishedAt) - Date.parse(job.startedAt))}`;
  return null;
}
