// Submits a distributed batch: plans its items exactly as a local batch would (same factories, same checks of the
// output folder), writes the manifest's `skipped` lines and a `started` claim for every item to process, stores
// the batch record in Redis and adds one job per item to the queue of the batch's job kind and model.
// One unfinished batch per output folder: submitting the same batch again while it runs attaches to it (an app
// restarted mid-batch follows it on), a different one on that folder is refused — by the Redis folder key between
// distributed batches, and by the folder lock (output-folder-lock.ts, the rule local batches follow) against
// a local batch; the lock stays until the batch's follower records its end.

import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { TesseraError } from '../../api/errors.ts';
import type { BatchItem } from '../batch-job.ts';
import { MANIFEST_FILE_NAME, type ManifestEntry } from '../manifest-entry.ts';
import { resumeDecision, type ResumeDecision } from '../manifest-header.ts';
import { planOutputs } from '../output-plan.ts';
import { readManifest, type ManifestState } from '../manifest-reader.ts';
import { ManifestWriter } from '../manifest-writer.ts';
import { createOutputFolder, scanOutputFolder } from '../output-folder.ts';
import { acquireFolderLock, type FolderLock } from '../output-folder-lock.ts';
import { finishInterruptedCommit } from '../output-commit.ts';
import { DistributedBatchSpecSchema, parseWith, type DistributedBatchSpec, type ItemJob } from './batch-spec.ts';
import { BatchStore } from './batch-store.ts';
import { createBatchJob, type AnyBatchJob } from '../batch-job-factory.ts';
import { portableSpec } from '../batch-job-spec.ts';
import { REDIS_PREFIX, itemJobId, newBatchId, queueName } from './queue-names.ts';
import { redisOptions, type RedisConnectionSettings } from './redis-connection.ts';

export interface SubmitDistributedBatchOptions {
  redis: string | RedisConnectionSettings;
  /** Paths must be reachable by every worker (a shared folder; relative ones are resolved here); `model` is the
   *  model folder or its name (workers serve it by name). */
  spec: DistributedBatchSpec;
  /** Replace existing files this batch did not write (default false: refuse to submit). */
  overwrite?: boolean;
  /** Attempts per item before it is recorded failed (default 3). */
  attempts?: number;
  /** Delay before the first retry, doubled for each further one (default 2000 ms). */
  backoffMs?: number;
}

export interface SubmittedBatch {
  batchId: string;
  queue: string;
  /** Items to settle (as BatchProgress.total); `skipped` inputs are not images. */
  total: number;
  skipped: number;
  manifestPath: string;
  /** Workers listening on the queue when the batch was submitted (jobs wait until one is). */
  workers: number;
  /** True when the same batch was already running on this output folder: nothing was added, follow that one. */
  attached: boolean;
}

/** Jobs added per Redis round trip. */
const ADD_CHUNK = 500;

export async function submitDistributedBatch(options: SubmitDistributedBatchOptions): Promise<SubmittedBatch> {
  const spec = parseWith(DistributedBatchSpecSchema, portableSpec(options.spec), 'batch spec');
  const attempts = options.attempts ?? 3;
  if (!Number.isInteger(attempts) || attempts < 1 || attempts > 100) throw new TesseraError('INVALID_ARGUMENT', `attempts: got ${attempts}, expected an integer from 1 to 100`);
  const job = await createBatchJob(spec, null); // lists the inputs; refuses an output folder inside the input folder
  const store = BatchStore.connect(options.redis);
  const batchId = newBatchId();
  let submitted = false;
  let lock: FolderLock | null = null;
  try {
    const holder = await store.claimFolder(spec.outputDir, batchId);
    if (holder !== null) return await attachOrRefuse(store, holder, spec, options.redis);
    await createOutputFolder(spec.outputDir);
    lock = await acquireFolderLock(spec.outputDir, { job: spec.kind, distributedBatch: batchId, distributedRunning: (id) => store.isRunning(id) });
    const manifestPath = join(spec.outputDir, MANIFEST_FILE_NAME);
    await finishInterruptedCommit(spec.outputDir); // a Studio save a crash interrupted: part of what is resumed
    const scan = await scanOutputFolder(spec.outputDir);
    const state = await readManifest(manifestPath, job.kind);
    const resume = resumeDecision(job, state, spec.outputDir, options.overwrite ?? false);
    const plan = planOutputs(job.items, state, scan.existing);
    refuseUnclaimedOutputs(plan.items, state, scan.existing, spec.outputDir, options.overwrite ?? false);
    await writeClaims(manifestPath, job, plan.items, state, resume);
    const manifestOffset = (await stat(manifestPath)).size;
    const queue = queueName(spec.kind, spec.model);
    const createdAt = new Date().toISOString();
    await store.saveRecord({ batchId, spec, queue, total: job.items.length, skipped: job.skipped.length, manifestPath, manifestOffset, createdAt });
    submitted = true;
    const workers = await addJobs(queue, options, plan.items.map((item) => itemJob(batchId, spec, item, state, options.overwrite ?? false, resume.redoAll, plan.versions)), attempts);
    return { batchId, queue, total: job.items.length, skipped: job.skipped.length, manifestPath, workers, attached: false };
  } finally {
    if (!submitted) await store.releaseFolder(spec.outputDir, batchId).catch(() => undefined);
    if (!submitted) await lock?.release();
    await store.close();
  }
}

/** The same batch (same spec) still running on the folder is followed on; any other one keeps the folder. */
async function attachOrRefuse(store: BatchStore, holder: string, spec: DistributedBatchSpec, redis: SubmitDistributedBatchOptions['redis']): Promise<SubmittedBatch> {
  const record = await store.loadRecord(holder);
  if (JSON.stringify(record.spec) !== JSON.stringify(spec)) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `output folder ${spec.outputDir}: got distributed batch ${holder} (${record.spec.kind}) still running there, expected one unfinished batch per folder: follow it to its end with \`tessera batch wait ${holder} --redis URL\`, or choose another folder`,
    );
  }
  const jobs = new Queue(record.queue, { connection: redisOptions(redis), prefix: REDIS_PREFIX });
  try {
    const workers = (await jobs.getWorkers()).length;
    return { batchId: holder, queue: record.queue, total: record.total, skipped: record.skipped, manifestPath: record.manifestPath, workers, attached: true };
  } finally {
    await jobs.close();
  }
}

function itemJob(batchId: string, spec: DistributedBatchSpec, item: BatchItem, state: ManifestState, overwrite: boolean, redoAll: boolean, versions: Map<string, string[]>): ItemJob {
  const before = redoAll ? undefined : state.latest.get(item.input);
  const changedOutputs = overwrite ? undefined : versions.get(item.input);
  return {
    batchId,
    spec,
    input: item.input,
    outputs: [...item.outputs],
    overwrite: overwrite || state.claimed.has(item.input),
    previous: before?.status === 'done' && before.hash ? { hash: before.hash, outputs: before.outputs } : undefined,
    ...(changedOutputs ? { changedOutputs } : {}),
  };
}

/** Adds the item jobs in chunks; returns the workers listening on the queue. */
async function addJobs(queue: string, options: SubmitDistributedBatchOptions, items: ItemJob[], attempts: number): Promise<number> {
  const jobs = new Queue(queue, { connection: redisOptions(options.redis), prefix: REDIS_PREFIX });
  try {
    for (let start = 0; start < items.length; start += ADD_CHUNK) {
      const chunk = items.slice(start, start + ADD_CHUNK).map((data, k) => {
        const opts = { jobId: itemJobId(data.batchId, start + k), attempts, backoff: { type: 'exponential', delay: options.backoffMs ?? 2000 }, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } };
        return { name: data.spec.kind, data, opts };
      });
      await jobs.addBulk(chunk);
    }
    return (await jobs.getWorkers()).length;
  } finally {
    await jobs.close();
  }
}

/** As a local batch: a planned output that exists and that no manifest line of this job kind claims is someone else's. */
function refuseUnclaimedOutputs(items: readonly BatchItem[], state: ManifestState, existing: Set<string>, outputDir: string, overwrite: boolean): void {
  if (overwrite) return;
  const foreign = items.flatMap((item) => item.outputs.filter((o) => existing.has(o) && !state.claimed.get(item.input)?.has(o)));
  if (foreign.length === 0) return;
  throw new TesseraError(
    'OUTPUT_EXISTS',
    `${outputDir}: got ${foreign.length} existing file(s) where this batch writes (${foreign.slice(0, 3).join(', ')}${foreign.length > 3 ? ', …' : ''}) that its manifest does not list, expected free paths (use --overwrite to replace them, or another output folder)`,
    { files: foreign.slice(0, 100), count: foreign.length },
  );
}

/**
 * `skipped` lines for non-images not listed yet, and a `started` claim for each item not done before, so that a
 * later run (local or distributed) knows the files at those paths are this batch's. Items done before get no
 * claim: their `done` line already claims their outputs, and a worker finds them already done by their hash.
 */
async function writeClaims(manifestPath: string, job: AnyBatchJob, items: readonly BatchItem[], state: ManifestState, resume: ResumeDecision): Promise<void> {
  const writer = await ManifestWriter.open(manifestPath);
  const at = new Date().toISOString();
  const lines: Promise<void>[] = [];
  try {
    if (resume.header) lines.push(writer.append(resume.header));
    for (const { input, reason } of job.skipped) {
      if (state.latest.get(input)?.status !== 'skipped') lines.push(writer.append({ input, status: 'skipped', outputs: [], job: job.kind, error: reason, at }));
    }
    for (const item of items) {
      if (!resume.redoAll && state.latest.get(item.input)?.status === 'done') continue;
      const entry: ManifestEntry = { input: item.input, status: 'started', outputs: [...item.outputs], job: job.kind, parameters: job.parameters, at };
      lines.push(writer.append(entry));
    }
    await Promise.all(lines);
  } finally {
    await writer.close();
  }
}
