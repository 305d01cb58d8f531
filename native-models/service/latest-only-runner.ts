// Coalesces interactive requests per key (one image): at most one runs and one waits; a newer request replaces
// the waiting one, which is rejected as CANCELLED ("superseded"), so hover/click decodes never back up.
import { TesseraError } from '../api/errors.ts';

interface Pending<T> {
  work: () => Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

export class LatestOnlyRunner {
  private readonly running = new Set<string>();
  private readonly pending = new Map<string, Pending<unknown>>();

  /** Runs `work` for `key` now, or after the current run unless a newer request for `key` arrives first. */
  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry = { work, resolve, reject } as Pending<unknown>;
      if (!this.running.has(key)) {
        this.start(key, entry);
        return;
      }
      const stale = this.pending.get(key);
      if (stale) stale.reject(new TesseraError('CANCELLED', `superseded by a newer request for the same image (${key})`, { superseded: true }));
      this.pending.set(key, entry);
    });
  }

  private start(key: string, entry: Pending<unknown>): void {
    this.running.add(key);
    entry
      .work()
      .then(entry.resolve, entry.reject)
      .finally(() => {
        this.running.delete(key);
        const next = this.pending.get(key);
        if (next) {
          this.pending.delete(key);
          this.start(key, next);
        }
      });
  }
}
