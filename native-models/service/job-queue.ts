// Long jobs (generation, installs): one at a time per lane (a model), the rest queued in order; cancel works
// on queued jobs (never started) and running ones (their AbortSignal fires; the job stops within a step).
import { randomBytes } from 'node:crypto';
import { TesseraError } from '../api/errors.ts';
import { toWireError, type JobUpdateEvent } from '../api/index.ts';

export type JobKind = JobUpdateEvent['kind'];
export type JobState = JobUpdateEvent['state'];

/** What a job's work returns: fields merged into its final `done` update. */
export type JobOutcome = Pick<JobUpdateEvent, 'images' | 'model'>;

export interface JobSpec {
  kind: JobKind;
  /** Jobs in one lane run one after another (lane = the model they use). */
  lane: string;
  modelId: string;
  work: (signal: AbortSignal, jobId: string) => Promise<JobOutcome>;
}

interface JobRecord {
  spec: JobSpec;
  update: JobUpdateEvent;
  controller: AbortController;
}

/** Finished jobs kept for getJob(); older ones are forgotten. */
const FINISHED_KEPT = 200;

export class JobQueue {
  private readonly jobs = new Map<string, JobRecord>();
  private readonly lanes = new Map<string, string[]>();
  private readonly busy = new Set<string>();

  constructor(private readonly publish: (update: JobUpdateEvent) => void) {}

  /** Queues a job; returns its id and how many jobs wait ahead of it in its lane. */
  enqueue(spec: JobSpec): { jobId: string; queuePosition: number } {
    const jobId = `job-${randomBytes(9).toString('base64url')}`;
    const lane = this.lanes.get(spec.lane) ?? [];
    this.lanes.set(spec.lane, lane);
    lane.push(jobId);
    const queuePosition = lane.length - 1 + (this.busy.has(spec.lane) ? 1 : 0);
    const record: JobRecord = { spec, controller: new AbortController(), update: { jobId, kind: spec.kind, modelId: spec.modelId, state: 'queued', queuePosition } };
    this.jobs.set(jobId, record);
    this.publish(record.update);
    queueMicrotask(() => this.pump(spec.lane));
    return { jobId, queuePosition };
  }

  get(jobId: string): JobUpdateEvent {
    const record = this.jobs.get(jobId);
    if (!record) throw new TesseraError('INVALID_ARGUMENT', `got job id "${jobId}", expected a job of this session (finished jobs are kept for the last ${FINISHED_KEPT})`);
    return record.update;
  }

  /** Cancels a queued or running job; a finished one keeps its state. Returns the state after the call. */
  cancel(jobId: string): JobState {
    const record = this.jobs.get(jobId);
    if (!record) throw new TesseraError('INVALID_ARGUMENT', `got job id "${jobId}", expected a job of this session`);
    if (record.update.state === 'queued') {
      const lane = this.lanes.get(record.spec.lane)!;
      lane.splice(lane.indexOf(jobId), 1);
      this.finish(record, { state: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled before it started' } });
      this.announcePositions(record.spec.lane);
    } else if (record.update.state === 'running') {
      record.controller.abort();
    }
    return record.update.state;
  }

  /** Cancels everything (host shutting down) and waits for nothing: running jobs stop at their next step. */
  cancelAll(): void {
    for (const id of [...this.jobs.keys()]) {
      const state = this.jobs.get(id)!.update.state;
      if (state === 'queued' || state === 'running') this.cancel(id);
    }
  }

  private pump(laneName: string): void {
    if (this.busy.has(laneName)) return;
    const lane = this.lanes.get(laneName);
    const jobId = lane?.shift();
    if (!jobId) return;
    const record = this.jobs.get(jobId)!;
    this.busy.add(laneName);
    this.set(record, { state: 'running', queuePosition: 0 });
    this.announcePositions(laneName);
    record.spec
      .work(record.controller.signal, jobId)
      .then(
        (outcome) => this.finish(record, { state: 'done', ...outcome }),
        (error: unknown) => {
          const wire = toWireError(error);
          const cancelled = record.controller.signal.aborted || wire.code === 'CANCELLED';
          this.finish(record, { state: cancelled ? 'cancelled' : 'failed', error: cancelled ? { code: 'CANCELLED', message: 'cancelled while running' } : wire });
        },
      )
      .finally(() => {
        this.busy.delete(laneName);
        this.pump(laneName);
      });
  }

  private announcePositions(laneName: string): void {
    const lane = this.lanes.get(laneName) ?? [];
    lane.forEach((id, index) => this.set(this.jobs.get(id)!, { queuePosition: index + (this.busy.has(laneName) ? 1 : 0) }));
  }

  private set(record: JobRecord, change: Partial<JobUpdateEvent>): void {
    record.update = { ...record.update, ...change };
    this.publish(record.update);
  }

  private finish(record: JobRecord, change: Partial<JobUpdateEvent>): void {
    const { queuePosition: _drop, ...rest } = record.update;
    record.update = { ...rest, ...change };
    this.publish(record.update);
    this.forgetOld();
  }

  private forgetOld(): void {
    const finished = [...this.jobs.entries()].filter(([, r]) => !['queued', 'running'].includes(r.update.state));
    for (const [id] of finished.slice(0, Math.max(0, finished.length - FINISHED_KEPT))) this.jobs.delete(id);
  }
}
