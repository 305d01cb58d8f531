// Progress for long CLI commands: a one-line bar on a terminal, JSON-lines events otherwise (or with --json).

export interface ProgressReporter {
  /** A progress tick: `done` of `total` units, with a label ("steps", "images"). */
  update(done: number, total: number, label: string, extra?: Record<string, unknown>): void;
  /** A named event (result, warning) — JSON line in JSON mode, a text line on a terminal. */
  event(type: string, data: Record<string, unknown>, text: string): void;
  finish(): void;
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

class TerminalProgress implements ProgressReporter {
  private readonly started = performance.now();
  private drawn = false;

  /** `extra.etaS` and `extra.perS` (when numbers) replace the bar's own estimate, e.g. for resumed batches. */
  update(done: number, total: number, label: string, extra: Record<string, unknown> = {}): void {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    const elapsed = performance.now() - this.started;
    const rate = done > 0 ? elapsed / done : 0;
    const etaMs = typeof extra.etaS === 'number' ? extra.etaS * 1000 : done > 0 ? rate * (total - done) : undefined;
    const eta = etaMs !== undefined && done < total ? ` ETA ${formatSeconds(etaMs)}` : '';
    const perS = typeof extra.perS === 'number' && extra.perS > 0 ? ` ${extra.perS.toFixed(extra.perS < 10 ? 2 : 1)} ${label}/s` : '';
    process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${label} ${formatSeconds(elapsed)}${perS}${eta}  `);
    this.drawn = true;
  }

  event(_type: string, _data: Record<string, unknown>, text: string): void {
    if (this.drawn) process.stderr.write('\n');
    this.drawn = false;
    process.stdout.write(`${text}\n`);
  }

  finish(): void {
    if (this.drawn) process.stderr.write('\n');
    this.drawn = false;
  }
}

class JsonLinesProgress implements ProgressReporter {
  private readonly started = performance.now();

  update(done: number, total: number, label: string, extra: Record<string, unknown> = {}): void {
    const elapsedMs = Math.round(performance.now() - this.started);
    process.stdout.write(JSON.stringify({ type: 'progress', done, total, unit: label, elapsedMs, ...extra }) + '\n');
  }

  event(type: string, data: Record<string, unknown>): void {
    process.stdout.write(JSON.stringify({ type, ...data }) + '\n');
  }

  finish(): void {}
}

/** A bar when stderr is a terminal and JSON was not asked for; JSON lines otherwise. */
export function createProgressReporter(json: boolean): ProgressReporter {
  return !json && process.stderr.isTTY ? new TerminalProgress() : new JsonLinesProgress();
}
