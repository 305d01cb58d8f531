// Follows a distributed batch until every item settled: reads the results workers push, reports progress as a
// local batch does, and — holding the recorder lock, one follower at a time — appends each input's final
// manifest line exactly once. Lines already written after the batch's submission offset are not written again,
// so a follower restarted (or `batch wait` after `--detach`) picks up where the last one stopped.

import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { TesseraError, ERROR_CODES, type ErrorCode } from '../../api/errors.ts';
import { BatchProgressTracker, type BatchProgress } from '../batch-progress.ts';
import type { BatchSummary } from '../batch-runner.ts';
import type { ManifestEntry } from '../manifest-entry.ts';
import { parseManifest } from '../manifest-reader.ts';
import { ManifestWriter } from '../manifest-writer.ts';
import { releaseDistributedFolderLock } from '../output-folder-lock.ts';
import type { ItemJob, ItemResult } from './batch-spec.ts';
import { BatchStore, type BatchRecord } from './batch-store.ts';
import { failedEntry } from './item-processor.ts';
import { REDIS_PREFIX } from './queue-names.ts';
import { redisOptions, type RedisConnectionSettings } from './redis-connection.ts';

export interface FollowDistributedBatchOptions {
  redis: string | RedisConnectionSettings;
  onProgress?: (progress: BatchProgress) => void;
  /** Each final manifest line (done, failed) as it settles. */
  onItem?: (entry: ManifestEntry) => void;
  /** Stops following; the batch goes on on the workers and can be followed again. */
  signal?: AbortSignal;
  /** Pause between polls of Redis when nothing new arrived (default 200 ms). */
  pollMs?: number;
  /** Write the manifest when no other follower does (default true); false only watches. */
  record?: boolean;
}

export interface DistributedBatchSummary extends BatchSummary {
  batchId: string;
  kind: string;
  /** True when this follower held the recorder lock and wrote the manifest. */
  recorded: boolean;
}

const RECORDER_LOCK_MS = 30_000;
/** How often jobs that BullMQ failed without a worker's result (stalled too often) are looked for. */
const RECONCILE_MS = 2_000;

/** Reads results from `cursor` on, keeping the first result per input. */
export async function readNewResults(store: BatchStore, batchId: string, cursor: { next: number }, seen: Set<string>): Promise<ItemResult[]> {
  const results = await store.readResults(batchId, cursor.next, 1000);
  cursor.next += results.length;
  return results.filter((r) => !seen.has(r.input) && seen.add(r.input));
}

export async function followDistributedBatch(batchId: string, options: FollowDistributedBatchOptions): Promise<DistributedBatchSummary> {
  const store = BatchStore.connect(options.redis);
  const token = randomUUID();
  let manifest: ManifestWriter | null = null;
  let queue: Queue | null = null;
  try {
    const record = await store.loadRecord(batchId);
    queue = new Queue(record.queue, { connection: redisOptions(options.redis), prefix: REDIS_PREFIX });
    const written = new Set<string>();
    if (options.record !== false && (await store.holdRecorder(batchId, token, RECORDER_LOCK_MS))) {
      for (const input of await finalLinesSince(record.manifestPath, record.manifestOffset)) written.add(input);
      manifest = await ManifestWriter.open(record.manifestPath);
    }
    const recorded = manifest !== null;
    const tracker = new BatchProgressTracker(record.total, record.skipped);
    const seen = new Set<string>();
    const cursor = { next: 0 };
    const failedInputs: string[] = [];
    const changedInputs: string[] = [];
    let lastRenew = performance.now();
    let lastReconcile = performance.now();
    options.onProgress?.(tracker.snapshot());
    while (seen.size < record.total && !options.signal?.aborted) {
      const fresh = await readNewResults(store, batchId, cursor, seen);
      for (const result of fresh) {
        if (result.status !== 'alreadyDone') {
          const entry = { ...result.entry, at: new Date().toISOString() } as ManifestEntry;
          if (manifest && !written.has(result.input)) await manifest.append(entry);
          written.add(result.input);
          if (result.status === 'failed') failedInputs.push(result.input);
          if (entry.kept) changedInputs.push(result.input);
          options.onItem?.(entry);
        }
        const progress = tracker.settle(result.status, result.input); // outside ?.(): it must count without a listener
        options.onProgress?.(progress);
      }
      if (manifest && performance.now() - lastRenew > RECORDER_LOCK_MS / 3) {
        lastRenew = performance.now();
        // Lost during a long Redis outage and taken by another follower: that one writes from now on.
        if (!(await store.holdRecorder(batchId, token, RECORDER_LOCK_MS))) manifest = await closeWriter(manifest);
      }
      if (fresh.length > 0) continue;
      if (performance.now() - lastReconcile > RECONCILE_MS) {
        lastReconcile = performance.now();
        await reconcileFailedJobs(queue, store, record, seen);
      }
      await pause(options.pollMs ?? 200, options.signal);
    }
    const completed = seen.size >= record.total;
    if (completed && manifest) {
      await store.markCompleted(batchId);
      await releaseDistributedFolderLock(record.spec.outputDir, batchId);
    }
    const outcome = completed ? 'completed' : 'cancelled';
    return { ...tracker.snapshot(), outcome, failedInputs, manifestPath: record.manifestPath, removedTemps: 0, changedInputs, batchId, kind: record.spec.kind, recorded };
  } finally {
    if (manifest) await closeWriter(manifest);
    await store.releaseRecorder(batchId, token).catch(() => undefined);
    await queue?.close();
    await store.close();
  }
}

async function closeWriter(writer: ManifestWriter): Promise<null> {
  await writer.close();
  return null;
}

/** Inputs with a final line written after `offset`: this batch's, since its own claims end there. */
async function finalLinesSince(manifestPath: string, offset: number): Promise<Set<string>> {
  const handle = await open(manifestPath, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new TesseraError('IO_ERROR', `cannot read the manifest ${manifestPath} (${error.code ?? String(error)}), expected the file the batch was submitted with`);
  });
  try {
    const { size } = await handle.stat();
    const tail = Buffer.alloc(Math.max(0, size - offset));
    if (tail.length > 0) await handle.read(tail, 0, tail.length, offset);
    const state = parseManifest(tail.toString('utf8'));
    return new Set([...state.latest.values()].filter((e) => e.status === 'done' || e.status === 'failed').map((e) => e.input));
  } finally {
    await handle.close();
  }
}

/**
 * A job BullMQ failed on its own — its workers died mid-job more often than maxStalledCount allows — has no
 * worker's result: push one for it, so the batch completes with the item recorded failed.
 */
async function reconcileFailedJobs(queue: Queue, store: BatchStore, record: BatchRecord, seen: Set<string>): Promise<void> {
  const failed = await queue.getJobs(['failed'], 0, 999);
  for (const job of failed) {
    const data = job?.data as Partial<ItemJob> | undefined;
    if (!job || data?.batchId !== record.batchId || typeof data.input !== 'string' || seen.has(data.input)) continue;
    const [, code, message] = /^\[([A-Z_]+)\] ([\s\S]*)$/.exec(job.failedReason) ?? [undefined, 'INTERNAL', job.failedReason];
    const known = (ERROR_CODES as readonly string[]).includes(code as string) ? (code as ErrorCode) : 'INTERNAL';
    const error = new TesseraError(known, `${data.input}: ${message} (after ${job.attemptsMade} attempt(s) and ${job.stalledCounter} stall(s))`);
    await store.pushResult(record.batchId, { input: data.input, status: 'failed', entry: failedEntry(record.spec.kind, data.input, error, { started: performance.now() }) });
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
