// The batch runs the service started, kept in the data folder (batch-runs.json, saved atomically) so the Gallery
// lists them as groups after a restart: kind, folders, start and end, state, and the last counts the run reported
// (shown when its folder is gone; while it is there, its manifest is the truth).
import { z } from 'zod';
import { BATCH_GROUPS_KEPT, BatchRunRecordSchema, type BatchProgressEvent, type BatchRunRecord, type JobUpdateEvent, type StartBatchRequest } from '../api/index.ts';
import { AtomicJsonFile } from './atomic-json-file.ts';

export type BatchRun = BatchRunRecord;

const BatchRunFileSchema = z.object({ version: z.literal(1), runs: z.array(BatchRunRecordSchema) });

export class BatchRunLog {
  private constructor(
    private readonly file: AtomicJsonFile<z.infer<typeof BatchRunFileSchema>>,
    /** Oldest first. */
    private runs: BatchRun[],
  ) {}

  static async open(file: string): Promise<BatchRunLog> {
    const stored = new AtomicJsonFile(file, BatchRunFileSchema);
    return new BatchRunLog(stored, (await stored.read())?.runs ?? []);
  }

  /** Newest first. */
  list(): readonly BatchRun[] {
    return [...this.runs].reverse();
  }

  get(id: string): BatchRun | undefined {
    return this.runs.find((r) => r.id === id);
  }

  /** A batch job began work; the same job again (resumed after a restart) keeps its record and start time. */
  started(id: string, request: StartBatchRequest): Promise<void> {
    const known = this.get(id);
    if (known) Object.assign(known, { state: 'running', finishedAt: null });
    else {
      this.runs.push({
        id,
        kind: request.kind,
        inputDir: request.kind === 'generate' ? null : request.inputDir,
        outputDir: request.outputDir,
        startedAt: new Date().toISOString(),
        finishedAt: null,
        state: 'running',
        total: null,
        counts: { done: 0, failed: 0, skipped: 0, interrupted: 0 },
      });
      this.runs = this.runs.slice(-BATCH_GROUPS_KEPT);
    }
    return this.save();
  }

  /** The run's latest counts, kept in memory; saved with its end (progress is too frequent to write each time). */
  progress(event: BatchProgressEvent): void {
    const run = this.get(event.jobId);
    if (!run) return;
    run.total = event.total;
    run.counts = { done: event.done + event.alreadyDone, failed: event.failed, skipped: event.skipped, interrupted: 0 };
  }

  finished(id: string, state: JobUpdateEvent['state']): Promise<void> {
    const run = this.get(id);
    if (!run || (state !== 'done' && state !== 'failed' && state !== 'cancelled')) return Promise.resolve();
    run.state = state;
    run.finishedAt = new Date().toISOString();
    return this.save();
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  private save(): Promise<void> {
    return this.file.save({ version: 1, runs: this.runs });
  }
}
