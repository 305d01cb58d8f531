// Contract schemas for jobs (generation, model installs): state changes, download and batch progress events.
import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';
import { GeneratedImageSchema, JobIdSchema, JobKindSchema, JobStateSchema } from './generation-schemas.ts';
import { InstalledModelSchema, ModelIdSchema } from './model-schemas.ts';

export const WireErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type WireError = z.infer<typeof WireErrorSchema>;

export const JobUpdateEventSchema = z.strictObject({
  jobId: JobIdSchema,
  kind: JobKindSchema,
  /** The model the job runs on (generation) or installs (catalogue id). */
  modelId: z.string(),
  state: JobStateSchema,
  /** Jobs ahead of it while queued. */
  queuePosition: z.number().int().nonnegative().optional(),
  /** A few words for the queue: the prompt's start (generation), the catalogue entry (install). */
  label: z.string().max(200).optional(),
  /** ISO 8601 time the job was first queued (kept across restarts). */
  createdAt: z.string().optional(),
  /** ISO 8601 times the job started running and finished (this session); the queue shows elapsed and duration. */
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** A failed or cancelled job that retryJob can queue again. */
  retryable: z.boolean().optional(),
  /** Queued in an earlier session and brought back after a restart. */
  restored: z.boolean().optional(),
  /** Generation jobs: the images made, on `done` and also on `cancelled`/`failed` (those finished before the stop). */
  images: z.array(GeneratedImageSchema).optional(),
  /** Generation jobs: how many images the request asked for (with `images`: "2 of 4 done, cancelled"). */
  imagesRequested: z.number().int().positive().optional(),
  /** `done` install jobs. */
  model: InstalledModelSchema.optional(),
  /** `failed` (and `cancelled`) jobs. */
  error: WireErrorSchema.optional(),
});
export type JobUpdateEvent = z.infer<typeof JobUpdateEventSchema>;

export const DownloadProgressEventSchema = z.strictObject({
  jobId: JobIdSchema,
  modelId: z.string(),
  phase: z.enum(['checking', 'downloading', 'verifying', 'installing', 'done']),
  file: z.string().optional(),
  fileIndex: z.number().int().nonnegative(),
  fileCount: z.number().int().nonnegative(),
  fileBytesDone: z.number().nonnegative(),
  fileBytesTotal: z.number().nonnegative().nullable(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  bytesPerSecond: z.number().nonnegative(),
});
export type DownloadProgressEvent = z.infer<typeof DownloadProgressEventSchema>;

export const BatchProgressEventSchema = z.strictObject({
  jobId: JobIdSchema,
  total: z.number().int().nonnegative(),
  finished: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  alreadyDone: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  itemsPerS: z.number().nonnegative(),
  etaS: z.number().nonnegative().nullable(),
  current: z.string().optional(),
  /** True while the batch is paused: no new item starts (items in flight finish and are counted). */
  paused: z.boolean().optional(),
  /** Set when the batch runs on Redis workers (Settings has a Redis URL): its batch id and queue. */
  redis: z.strictObject({ batchId: z.string().max(100), queue: z.string().max(300) }).optional(),
});
export type BatchProgressEvent = z.infer<typeof BatchProgressEventSchema>;

export const ModelsChangedEventSchema = z.strictObject({ reason: z.enum(['installed', 'imported', 'deleted', 'demo-pack', 'selected', 'folder']), modelId: z.string().nullable() });
export type ModelsChangedEvent = z.infer<typeof ModelsChangedEventSchema>;

export { ModelIdSchema };
