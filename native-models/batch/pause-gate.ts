// The pause hook of a BatchRunner: while the gate is closed no new item is taken (items already in flight
// finish and are recorded), and the time spent closed is left out of the run's rate and ETA.

export class PauseGate {
  private closedAt: number | null = null;
  private closedMs = 0;
  private waiters: (() => void)[] = [];

  get paused(): boolean {
    return this.closedAt !== null;
  }

  /** Milliseconds spent paused so far, the current pause included. */
  pausedMs(now = performance.now()): number {
    return this.closedMs + (this.closedAt === null ? 0 : now - this.closedAt);
  }

  pause(): void {
    if (this.closedAt === null) this.closedAt = performance.now();
  }

  resume(): void {
    if (this.closedAt === null) return;
    this.closedMs += performance.now() - this.closedAt;
    this.closedAt = null;
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  /** Resolves at once when open, else on resume, or when `signal` aborts (a cancelled batch must not hang paused). */
  whenOpen(signal?: AbortSignal): Promise<void> {
    if (this.closedAt === null || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal?.removeEventListener('abort', wake);
        this.waiters = this.waiters.filter((w) => w !== wake);
        resolve();
      };
      this.waiters.push(wake);
      signal?.addEventListener('abort', wake, { once: true });
    });
  }
}
