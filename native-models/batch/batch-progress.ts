// Counts a batch's items as they settle and derives the rate and ETA shown by the CLI and the app.

export interface BatchProgress {
  /** Items in the job (images, or prompt × count). */
  total: number;
  /** Items settled so far in this run: processed, failed, or found done by an earlier run. */
  finished: number;
  /** Processed successfully in this run. */
  done: number;
  /** Found done (same content hash, outputs present) by an earlier run, so not redone. */
  alreadyDone: number;
  failed: number;
  /** Inputs that are not images (listed, never processed). */
  skipped: number;
  /** Time this run has been running, paused time left out. */
  elapsedMs: number;
  /** Items processed in this run (done + failed) per second of this run. */
  itemsPerS: number;
  /** Seconds left at the current rate; null before the first processed item. */
  etaS: number | null;
  /** The input that just settled. */
  current?: string;
}

export class BatchProgressTracker {
  private readonly started = performance.now();
  /** Paused time before this run began (a batch paused while queued) is not this run's. */
  private readonly pausedBefore: number;
  readonly progress: BatchProgress;

  /** `pausedMs`: time spent paused so far (see PauseGate), left out of the elapsed time and so of the rate. */
  constructor(total: number, skipped: number, private readonly pausedMs: () => number = () => 0) {
    this.pausedBefore = pausedMs();
    this.progress = { total, finished: 0, done: 0, alreadyDone: 0, failed: 0, skipped, elapsedMs: 0, itemsPerS: 0, etaS: null };
  }

  settle(kind: 'done' | 'alreadyDone' | 'failed', input: string): BatchProgress {
    const p = this.progress;
    p[kind] += 1;
    p.finished += 1;
    p.current = input;
    return this.snapshot();
  }

  snapshot(): BatchProgress {
    const p = this.progress;
    p.elapsedMs = Math.max(0, performance.now() - this.started - (this.pausedMs() - this.pausedBefore));
    const processed = p.done + p.failed;
    p.itemsPerS = processed > 0 && p.elapsedMs > 0 ? processed / (p.elapsedMs / 1000) : 0;
    p.etaS = p.itemsPerS > 0 ? (p.total - p.finished) / p.itemsPerS : null;
    return { ...p };
  }
}
