// A `tessera worker` child process for the distributed tests: its JSON event lines, waiting for one, and signals.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from '../batch/batch-cli.ts';

export interface WorkerLine {
  type: string;
  status?: string;
  input?: string;
  batchId?: string;
  attempt?: number;
  code?: string;
  [key: string]: unknown;
}

interface Waiter {
  test: (line: WorkerLine) => boolean;
  resolve: (line: WorkerLine) => void;
}

/** Spawns a worker with short lock and stalled intervals (a killed worker's job is redone within about 3 s). */
export class WorkerProcess {
  readonly lines: WorkerLine[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private readonly waiters: Waiter[] = [];
  private stderr = '';

  constructor(
    readonly name: string,
    redisUrl: string,
    modelsDir: string,
    options: { holdMs?: number; env?: NodeJS.ProcessEnv } = {},
  ) {
    const args = [CLI, 'worker', '--redis', redisUrl, '--models', modelsDir, '--concurrency', '1', '--lock-duration', '2000', '--stalled-interval', '1000', '--threads', '1', '--json'];
    this.child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env, TESSERA_WORKER_HOLD_MS: String(options.holdMs ?? 0) } });
    let buffered = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const text of parts) {
        if (!text.startsWith('{')) continue;
        const line = JSON.parse(text) as WorkerLine;
        this.lines.push(line);
        for (const waiter of this.waiters.filter((w) => w.test(line))) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  /** The first line (seen before or after this call) that passes `test`. */
  waitFor(test: (line: WorkerLine) => boolean, what: string, timeoutMs = 60_000): Promise<WorkerLine> {
    const seen = this.lines.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`worker ${this.name}: got no ${what} within ${timeoutMs} ms (stderr: ${this.stderr.slice(-2000)})`)), timeoutMs);
      this.waiters.push({ test, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  }

  /** What it wrote to stderr so far. */
  get stderrText(): string {
    return this.stderr;
  }

  ready(): Promise<WorkerLine> {
    return this.waitFor((l) => l.type === 'ready', 'ready line');
  }

  jobLines(batchId: string, status?: string): WorkerLine[] {
    return this.lines.filter((l) => l.type === 'job' && l.batchId === batchId && (status === undefined || l.status === status));
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** Stops it gracefully if still running. */
  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
  }
}
