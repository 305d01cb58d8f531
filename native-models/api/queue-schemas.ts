// Contract schemas for the visible job queue: listing the jobs (running, queued in order, recently finished)
// and moving a queued job to another place in the order.
import { z } from 'zod';
import { JobIdSchema } from './generation-schemas.ts';
import { JobUpdateEventSchema } from './job-schemas.ts';

export const ListJobsResultSchema = z.strictObject({
  /** Running jobs first, then queued ones in the order they will start, then finished ones (newest first). */
  jobs: z.array(JobUpdateEventSchema),
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
