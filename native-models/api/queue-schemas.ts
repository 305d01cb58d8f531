// Contract schemas for the visible job queue: listing the jobs (running, queued in order, recently finished)
// and moving a queued job to another place in the order.
import { z } from 'zod';
import { JobIdSchema } from './generation-schemas.ts';
import { JobUpdateEventSchema } from './job-schemas.ts';

export const ListJobsResultSchema = z.strictObject({
  /** Running jobs first, then queued ones in the order they will start, then finished ones (newest first). */
  jobs: z.array(JobUpdateEventSchema),
});

export const RetryJobArgsSchema = z.strictObject({
  /** A failed or cancelled job: its request is queued again as a new job (the old one stays in the list). */
  jobId: JobIdSchema,
});

export const ClearFinishedJobsResultSchema = z.strictObject({
  /** How many finished jobs left the list (getJob still answers for them). */
  cleared: z.number().int().nonnegative(),
});

export const MoveJobArgsSchema = z.strictObject({
  jobId: JobIdSchema,
  /** 0-based place among the queued jobs (running ones are not counted). */
  toIndex: z.number().int().nonnegative().max(100_000),
});

export const MoveJobResultSchema = z.strictObject({
  /** The queued jobs after the move, in the order they will start. */
  queued: z.array(JobIdSchema),
});
