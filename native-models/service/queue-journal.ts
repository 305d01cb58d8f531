// The queue as the data folder keeps it (`queue.json`): the unfinished jobs, running ones first, then queued
// ones in order, each as its kind plus the validated request that re-submits it. Input images inside a request
// are content-addressed ids (`img-<sha256>`) of copies in the data folder, so the file stays small.
import { z } from 'zod';
import { JobIdSchema } from '../api/index.ts';
import { AtomicJsonFile } from './atomic-json-file.ts';

export const JournalEntrySchema = z.strictObject({
  jobId: JobIdSchema,
  /** A job kind (`generate`, `batch`, …); kinds this version does not know come back as failed jobs. */
  kind: z.string().min(1).max(64),
  modelId: z.string(),
  label: z.string().max(200).optional(),
  createdAt: z.string(),
  /** Re-validated against the kind's own argument schema on restore. */
  args: z.unknown(),
});
export type JournalEntry = z.infer<typeof JournalEntrySchema>;

export const QueueFileSchema = z.strictObject({ version: z.literal(1), jobs: z.array(JournalEntrySchema) });

export class QueueJournal {
  private readonly store: AtomicJsonFile<z.infer<typeof QueueFileSchema>>;

  constructor(file: string) {
    this.store = new AtomicJsonFile(file, QueueFileSchema);
  }

  async read(): Promise<JournalEntry[]> {
    return (await this.store.read())?.jobs ?? [];
  }

  /** Records the unfinished jobs (fire and forget: a failed write is reported, the queue keeps running). */
  write(entries: JournalEntry[]): void {
    this.store.save({ version: 1, jobs: entries }).catch((error: unknown) => console.error(`tessera: could not save the queue to ${this.store.file}:`, error));
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
