// The kinds of persisted jobs: each registers how to re-validate its stored request and how to turn a request
// into queued work. `submit` queues a job and journals it as { kind, args }; `restore` brings journalled jobs
// back after a restart. Generation registers `generate`; the batch registers `batch` the same way.
import { TesseraError } from '../api/errors.ts';
import { JobKindSchema } from '../api/index.ts';
import type { EnqueueOptions, JobKind, JobQueue, JobSpec } from './job-queue.ts';
import type { JournalEntry } from './queue-journal.ts';

/** What a kind's request becomes on the queue (the queue adds the kind and the persisted request). */
export type PlannedJob = Omit<JobSpec, 'kind' | 'persistedArgs'>;

export interface JobKindDefinition<A> {
  /** Re-validates a stored request (use the contract's argument schema, e.g. parseApiCall('generate', raw)). */
  parse(raw: unknown): A;
  /**
   * Prepares the work: lane, model, label and the work itself. Throwing here fails the call that submitted
   * the job (or, on restore, shows the job as failed with that error). The args must be JSON-safe: they are
   * written to queue.json as they are (store input images first and refer to them by content id).
   */
  plan(args: A): Promise<PlannedJob>;
}

export class JobKindRegistry {
  private readonly kinds = new Map<JobKind, JobKindDefinition<unknown>>();

  constructor(private readonly queue: JobQueue) {}

  register<A>(kind: JobKind, definition: JobKindDefinition<A>): void {
    this.kinds.set(kind, definition as JobKindDefinition<unknown>);
  }

  /** Plans and queues a job; its request is journalled so that a restart re-submits it. */
  async submit<A>(kind: JobKind, args: A, options: EnqueueOptions = {}): Promise<{ jobId: string; queuePosition: number }> {
    const planned = await this.definition(kind).plan(args);
    return this.queue.enqueue({ ...planned, kind, persistedArgs: args }, options);
  }

  /** Re-submits journalled jobs in their order, as queued; one that no longer plans shows as failed with the reason. */
  async restore(entries: JournalEntry[]): Promise<void> {
    for (const entry of entries) {
      const kind = JobKindSchema.safeParse(entry.kind);
      if (!kind.success || !this.kinds.has(kind.data)) {
        console.warn(`tessera: queue.json: got job ${entry.jobId} of kind "${entry.kind}", expected one of ${[...this.kinds.keys()].join(', ')}; dropped`);
        continue;
      }
      const options = { jobId: entry.jobId, createdAt: entry.createdAt, restored: true };
      try {
        await this.submit(kind.data, this.definition(kind.data).parse(entry.args), options);
      } catch (error) {
        // Shown once as failed (not journalled again), so the user sees why the job did not come back.
        const label = entry.label ?? entry.jobId;
        this.queue.enqueue({ kind: kind.data, lane: `restore:${entry.jobId}`, modelId: entry.modelId, label, work: () => Promise.reject(error) }, options);
      }
    }
  }

  private definition(kind: JobKind): JobKindDefinition<unknown> {
    const definition = this.kinds.get(kind);
    if (!definition) throw new TesseraError('INTERNAL', `got job kind "${kind}", expected one registered with the service (${[...this.kinds.keys()].join(', ')})`);
    return definition;
  }
}
