// Long jobs (generation, installs): one at a time per lane (a model), the rest queued in one global order that
// the user may change; cancel works on queued jobs (never started) and running ones (their AbortSignal fires;
// the job stops within a step). Persistable jobs are reported to a journal on every change so that a restart
// brings the unfinished ones back.
import { randomBytes } from 'node:crypto';
import { TesseraError } from '../api/errors.ts';
import { toWireError, type JobUpdateEvent } from '../api/index.ts';
import type { JournalEntry } from './queue-journal.ts';

export type JobKind = JobUpdateEvent['kind'];
export type JobState = JobUpdateEvent['state'];

/** What a job's work returns: fields merged into its final `done` update. */
export type JobOutcome = Pick<JobUpdateEvent, 'images' | 'model'>;

export interface JobSpec {
  kind: JobKind;
  /** Jobs in one lane run one after another (lane = the model they use). */
  lane: string;
  modelId: string;
  /** A few words for the queue panel. */
  label?: string;
  /** `keep` hands over results as they are made: a job cancelled or failing later still reports them. */
  work: (signal: AbortSignal, jobId: string, keep: (outcome: JobOutcome) => void) => Promise<JobOutcome>;
  /** Images the job makes when it runs to the end (generation): with `images`, "2 of 4 done". */
  imagesRequested?: number;
  /** The validated request that re-submits this job after a restart; absent = not persisted (installs). */
  persistedArgs?: unknown;
}

/** Restoring a job from the journal keeps its id and creation time. */
export interface EnqueueOptions {
  jobId?: string;
  createdAt?: string;
  restored?: boolean;
}

interface JobRecord {
  spec: JobSpec;
  update: JobUpdateEvent;
  controller: AbortController;
  startedAt?: number;
  /** What the work handed over before it ended (see JobSpec.work's `keep`). */
  kept?: JobOutcome;
}

/** Finished jobs kept for getJob(); older ones are forgotten. */
const FINISHED_KEPT = 200;
/** Finished jobs listJobs shows under the active ones. */
const FINISHED_LISTED = 20;

const isActive = (state: JobState) => state === 'queued' || state === 'running';

export class JobQueue {
  private readonly jobs = new Map<string, JobRecord>();
  /** Queued job ids in the order they start (across lanes: each lane takes its first one). */
  private readonly order: string[] = [];
  private readonly busy = new Set<string>();
  /** The work promises of running jobs, so a shutdown can wait for them to stop. */
  private readonly running = new Set<Promise<unknown>>();
  /** Finished jobs taken off the list by clearFinished (still known to get()). */
  private readonly cleared = new Set<string>();
  private frozen = false;

  constructor(
    private readonly publish: (update: JobUpdateEvent) => void,
    private readonly journal: (entries: JournalEntry[]) => void = () => {},
  ) {}

  /** Queues a job; returns its id and how many jobs wait ahead of it in its lane. */
  enqueue(spec: JobSpec, options: EnqueueOptions = {}): { jobId: string; queuePosition: number } {
    const jobId = options.jobId ?? `job-${randomBytes(9).toString('base64url')}`;
    if (this.jobs.has(jobId)) throw new TesseraError('INVALID_ARGUMENT', `got job id "${jobId}" twice, expected a new job`);
    this.order.push(jobId);
    const update: JobUpdateEvent = {
      jobId,
      kind: spec.kind,
      modelId: spec.modelId,
      state: 'queued',
      queuePosition: this.positionOf(jobId, spec.lane),
      createdAt: options.createdAt ?? new Date().toISOString(),
      ...(spec.label ? { label: spec.label } : {}),
      ...(spec.imagesRequested ? { imagesRequested: spec.imagesRequested } : {}),
      ...(options.restored ? { restored: true } : {}),
    };
    const record: JobRecord = { spec, controller: new AbortController(), update };
    this.jobs.set(jobId, record);
    this.publish(record.update);
    this.changed();
    queueMicrotask(() => this.pump());
    return { jobId, queuePosition: update.queuePosition! };
  }

  get(jobId: string): JobUpdateEvent {
    return this.record(jobId).update;
  }

  /** Running jobs (oldest start first), queued ones in order, then the latest finished ones (newest first). */
  list(): JobUpdateEvent[] {
    const all = [...this.jobs.values()];
    const running = all.filter((r) => r.update.state === 'running').sort((a, b) => a.startedAt! - b.startedAt!);
    const finished = all.filter((r) => !isActive(r.update.state) && !this.cleared.has(r.update.jobId)).reverse().slice(0, FINISHED_LISTED);
    return [...running, ...this.order.map((id) => this.jobs.get(id)!), ...finished].map((r) => r.update);
  }

  /** Moves a queued job to place `toIndex` among the queued jobs; returns the new order. */
  move(jobId: string, toIndex: number): string[] {
    const record = this.record(jobId);
    if (record.update.state !== 'queued') throw new TesseraError('INVALID_ARGUMENT', `got job "${jobId}" in state ${record.update.state}, expected a queued job to move`);
    if (toIndex >= this.order.length) throw new TesseraError('INVALID_ARGUMENT', `got toIndex ${toIndex}, expected 0 to ${this.order.length - 1} (there are ${this.order.length} queued jobs)`);
    this.order.splice(this.order.indexOf(jobId), 1);
    this.order.splice(toIndex, 0, jobId);
    this.announcePositions();
    this.changed();
    return [...this.order];
  }

  /**
   * The spec a retry queues again: a failed or cancelled job's, by kind and stored request where it has one
   * (so the request is planned afresh), else the same work.
   */
  retrySource(jobId: string): JobSpec {
    const record = this.record(jobId);
    const { state } = record.update;
    if (state !== 'failed' && state !== 'cancelled') throw new TesseraError('INVALID_ARGUMENT', `got job "${jobId}" in state ${state}, expected a failed or cancelled job to retry`);
    return record.spec;
  }

  /** Takes every finished job off the list; returns how many. */
  clearFinished(): number {
    let count = 0;
    for (const [id, record] of this.jobs) {
      if (isActive(record.update.state) || this.cleared.has(id)) continue;
      this.cleared.add(id);
      count++;
    }
    return count;
  }

  /** Cancels a queued or running job; a finished one keeps its state. Returns the state after the call. */
  cancel(jobId: string): JobState {
    const record = this.record(jobId);
    if (record.update.state === 'queued') {
      this.order.splice(this.order.indexOf(jobId), 1);
      this.finish(record, { state: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled before it started' } });
      this.announcePositions();
    } else if (record.update.state === 'running') {
      record.controller.abort();
    }
    return record.update.state;
  }

  /**
   * The host is shutting down: the journal keeps the unfinished jobs as they are (they come back queued on the
   * next start), then everything is cancelled. Running jobs stop at their next step; nothing is awaited.
   */
  shutdown(): void {
    this.frozen = true;
    this.cancelAll();
  }

  /**
   * Resolves when every running job's work has settled (after shutdown: stopped at its step), or after
   * `timeoutMs`, whichever comes first: what they write last (an image, its thumbnail) lands before the caller
   * goes on to close or remove the folders it is written to.
   */
  async settled(timeoutMs = 10_000): Promise<void> {
    if (this.running.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.running]), timeout]);
    clearTimeout(timer);
  }

  /** Cancels everything and waits for nothing: running jobs stop at their next step. */
  cancelAll(): void {
    for (const [id, record] of [...this.jobs]) if (isActive(record.update.state)) this.cancel(id);
  }

  private record(jobId: string): JobRecord {
    const record = this.jobs.get(jobId);
    if (!record) throw new TesseraError('INVALID_ARGUMENT', `got job id "${jobId}", expected a job of this session (finished jobs are kept for the last ${FINISHED_KEPT})`);
    return record;
  }

  /** Starts the first queued job of every idle lane. */
  private pump(): void {
    if (this.frozen) return;
    for (const jobId of [...this.order]) {
      const record = this.jobs.get(jobId)!;
      if (!this.busy.has(record.spec.lane)) this.start(record);
    }
  }

  private start(record: JobRecord): void {
    const { jobId } = record.update;
    const laneName = record.spec.lane;
    this.order.splice(this.order.indexOf(jobId), 1);
    this.busy.add(laneName);
    record.startedAt = performance.now();
    this.set(record, { state: 'running', queuePosition: 0, startedAt: new Date().toISOString() });
    this.announcePositions();
    this.changed();
    const work = record.spec.work(record.controller.signal, jobId, (outcome) => (record.kept = { ...record.kept, ...outcome }));
    this.running.add(work);
    void work
      .then(
        (outcome) => this.finish(record, { state: 'done', ...outcome }),
        (error: unknown) => {
          const wire = toWireError(error);
          const cancelled = record.controller.signal.aborted || wire.code === 'CANCELLED';
          // Results made before the stop stay with the job (they are already written).
          this.finish(record, { ...record.kept, state: cancelled ? 'cancelled' : 'failed', error: cancelled ? { code: 'CANCELLED', message: 'cancelled while running' } : wire });
        },
      )
      .finally(() => {
        this.running.delete(work);
        this.busy.delete(laneName);
        this.pump();
      });
  }

  /** Jobs ahead of a queued one in its own lane (plus the running one). */
  private positionOf(jobId: string, lane: string): number {
    const ahead = this.order.slice(0, this.order.indexOf(jobId)).filter((id) => this.jobs.get(id)?.spec.lane === lane).length;
    return ahead + (this.busy.has(lane) ? 1 : 0);
  }

  private announcePositions(): void {
    for (const id of this.order) {
      const record = this.jobs.get(id)!;
      const position = this.positionOf(id, record.spec.lane);
      if (record.update.queuePosition !== position) this.set(record, { queuePosition: position });
    }
  }

  private set(record: JobRecord, change: Partial<JobUpdateEvent>): void {
    record.update = { ...record.update, ...change };
    this.publish(record.update);
  }

  private finish(record: JobRecord, change: Partial<JobUpdateEvent>): void {
    const { queuePosition: _drop, ...rest } = record.update;
    const retryable = change.state === 'failed' || change.state === 'cancelled';
    record.update = { ...rest, ...change, finishedAt: new Date().toISOString(), ...(retryable ? { retryable } : {}) };
    this.publish(record.update);
    this.changed();
    this.forgetOld();
  }

  /** Tells the journal which persistable jobs are unfinished, running ones first, in start order. */
  private changed(): void {
    if (this.frozen) return;
    const entries: JournalEntry[] = [];
    for (const update of this.list()) {
      const spec = this.jobs.get(update.jobId)!.spec;
      if (!isActive(update.state) || spec.persistedArgs === undefined) continue;
      entries.push({ jobId: update.jobId, kind: update.kind, modelId: update.modelId, createdAt: update.createdAt!, ...(update.label ? { label: update.label } : {}), args: spec.persistedArgs });
    }
    this.journal(entries);
  }

  private forgetOld(): void {
    const finished = [...this.jobs.entries()].filter(([, r]) => !isActive(r.update.state));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) {
      this.jobs.delete(id);
      this.cleared.delete(id);
    }
  }
}
