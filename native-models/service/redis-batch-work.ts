// The `batch` job kind on Redis: with a Redis URL in Settings, a batch from the app is submitted as jobs for
// `tessera worker`s (batch/distributed, as `tessera batch … --redis`) and the app's job only follows it, writing
// the manifest and reporting progress like a local batch. Cancel stops following; the workers go on, and
// starting the same batch again (or the app's restart replaying its queue) attaches to it instead of adding it twice.
import { TesseraError } from '../api/errors.ts';
import type { BatchJobSpec, BatchProgress, RedisConnectionSettings } from '../batch/index.ts';

export interface RedisBatchHandle {
  batchId: string;
  queue: string;
}

export interface RedisBatchWork {
  redis: RedisConnectionSettings;
  spec: BatchJobSpec;
  signal: AbortSignal;
  /** The follower's progress (a first one as soon as the batch is on Redis), with the batch's id and queue. */
  onProgress: (progress: BatchProgress, handle: RedisBatchHandle) => void;
}

export async function runBatchOnRedis(work: RedisBatchWork): Promise<void> {
  // BullMQ takes ~0.3 s to load: only batches on Redis pay it, never an app start.
  const { submitDistributedBatch, followDistributedBatch } = await import('../batch/distributed/index.ts');
  const submitted = await submitDistributedBatch({ redis: work.redis, spec: work.spec });
  const handle = { batchId: submitted.batchId, queue: submitted.queue };
  const summary = await followDistributedBatch(submitted.batchId, {
    redis: work.redis,
    signal: work.signal,
    onProgress: (progress) => work.onProgress(progress, handle),
  });
  if (summary.outcome === 'cancelled') {
    throw new TesseraError('CANCELLED', `stopped following batch ${handle.batchId} with ${summary.total - summary.finished} of ${summary.total} left; its workers go on — start the same batch again to follow it`);
  }
}
