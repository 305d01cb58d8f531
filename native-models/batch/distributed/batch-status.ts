// One look at a distributed batch (`tessera batch status ID`): its record, how many items settled and how, and
// the state of its queue. Reads only; fails fast when Redis cannot be reached.

import { Queue } from 'bullmq';
import type { BatchProgress } from '../batch-progress.ts';
import { readNewResults } from './batch-follower.ts';
import { BatchStore, type BatchState } from './batch-store.ts';
import { REDIS_PREFIX, batchKeys } from './queue-names.ts';
import { redisOptions, type RedisConnectionSettings } from './redis-connection.ts';

/** Counts as in BatchProgress; `finished` counts items settled so far (done + alreadyDone + failed). */
export interface DistributedBatchStatus extends Pick<BatchProgress, 'total' | 'finished' | 'done' | 'alreadyDone' | 'failed' | 'skipped'> {
  batchId: string;
  kind: string;
  model: string;
  queue: string;
  /** `completed` once a follower recorded every item in the manifest. */
  state: BatchState;
  createdAt: string;
  outputDir: string;
  manifestPath: string;
  /** Jobs of the whole queue (all batches on this kind and model) by state, and the workers listening on it. */
  queueJobs: { waiting: number; active: number; delayed: number; failed: number };
  workers: number;
}

export async function getDistributedBatchStatus(batchId: string, options: { redis: string | RedisConnectionSettings }): Promise<DistributedBatchStatus> {
  const store = BatchStore.connect(options.redis, 'probe');
  let queue: Queue | null = null;
  try {
    const record = await store.loadRecord(batchId);
    const counts = { done: 0, alreadyDone: 0, failed: 0 };
    const seen = new Set<string>();
    const cursor = { next: 0 };
    for (;;) {
      const fresh = await readNewResults(store, batchId, cursor, seen);
      for (const result of fresh) counts[result.status] += 1;
      if (fresh.length === 0 && cursor.next === (await store.redis.llen(batchKeys(batchId).results))) break;
    }
    queue = new Queue(record.queue, { connection: redisOptions(options.redis, 'probe'), prefix: REDIS_PREFIX });
    const jobCounts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
    const workers = (await queue.getWorkers()).length;
    return {
      batchId,
      kind: record.spec.kind,
      model: record.spec.model,
      queue: record.queue,
      state: record.state,
      createdAt: record.createdAt,
      total: record.total,
      finished: seen.size,
      ...counts,
      skipped: record.skipped,
      outputDir: record.spec.outputDir,
      manifestPath: record.manifestPath,
      queueJobs: { waiting: jobCounts.waiting ?? 0, active: jobCounts.active ?? 0, delayed: jobCounts.delayed ?? 0, failed: jobCounts.failed ?? 0 },
      workers,
    };
  } finally {
    await queue?.close();
    await store.close();
  }
}
