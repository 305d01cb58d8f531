// `tessera worker`: takes a distributed batch's item jobs from the queues its installed models can serve (one
// BullMQ queue per job kind and model), runs each through the local batch's stages (item-processor.ts) and
// pushes the result for the follower. SIGKILL: BullMQ's stalled check hands the job to another worker.
// close(): no new jobs; a job still decoding is handed back to the queue, one past that point finishes.

import { UnrecoverableError, WaitingError, Worker, type Job } from 'bullmq';
import { TesseraError } from '../../api/errors.ts';
import type { SessionCacheOptions } from '../../runtime/index.ts';
import type { BatchItem } from '../batch-job.ts';
import { ItemJobSchema, parseWith, type ItemJob, type ItemResult } from './batch-spec.ts';
import { BatchStore } from './batch-store.ts';
import { describeError, failedEntry, processItem, type ItemFacts } from './item-processor.ts';
import { createBatchJob, type AnyBatchJob, type ServingModel } from '../batch-job-factory.ts';
import { ModelPool, discoverServableModels } from './model-pool.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import { REDIS_PREFIX, queueName } from './queue-names.ts';
import { redisOptions, type RedisConnectionSettings } from './redis-connection.ts';

export interface DistributedWorkerOptions {
  redis: string | RedisConnectionSettings;
  /** A folder of model folders (or one model folder). */
  modelsDir: string;
  /** Jobs in flight per queue: decoding and encoding overlap the model call, which runs one at a time (default 2). */
  concurrency?: number;
  sessions?: SessionCacheOptions;
  /** How long a job's lock lasts without renewal; a killed worker's job is redone after about this (default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for stalled jobs of other workers (default 30 s). */
  stalledIntervalMs?: number;
  /** Stalls (worker deaths) a job survives before it fails (default 2). */
  maxStalledCount?: number;
  onEvent?: (event: WorkerEvent) => void;
  /** Testing and demos: wait this long before each model call, so a signal can land mid-job. */
  holdMs?: number;
}

export type WorkerJobStatus = 'started' | 'done' | 'alreadyDone' | 'retrying' | 'failed' | 'returned';

export type WorkerEvent =
  | { type: 'ready'; queues: string[]; models: { name: string; kinds: string[] }[] }
  | { type: 'job'; status: WorkerJobStatus; batchId: string; input: string; jobId: string; attempt: number; ms?: number; code?: string; error?: string }
  | { type: 'warning'; message: string };

interface BuiltJob {
  job: AnyBatchJob;
  items: Map<string, BatchItem>;
}

/** Batches whose job object a worker keeps (building one lists the input folder or reads the prompts file). */
const BUILT_JOBS_KEPT = 8;

export class DistributedWorker {
  private readonly workers: Worker[] = [];
  private readonly built = new Map<string, Promise<BuiltJob>>();
  private draining = false;
  private lastWarning = '';

  private constructor(
    private readonly options: DistributedWorkerOptions,
    private readonly pool: ModelPool,
    private readonly store: BatchStore,
  ) {}

  static async start(options: DistributedWorkerOptions): Promise<DistributedWorker> {
    const models = await discoverServableModels(options.modelsDir);
    if (models.length === 0) throw new TesseraError('MODEL_NOT_FOUND', `models folder ${options.modelsDir}: got no usable model folder, expected Segment Anything or Stable Diffusion folders`);
    const connection = redisOptions(options.redis);
    const self = new DistributedWorker(options, new ModelPool(models, options.sessions), BatchStore.connect(options.redis));
    // Fails the start with the reason (unreachable, untrusted certificate) rather than retrying in silence.
    await self.store.ping().catch(async (error: unknown) => {
      await self.store.close();
      throw error;
    });
    const queues: string[] = [];
    for (const model of models) {
      for (const kind of model.kinds) {
        const name = queueName(kind, model.name);
        const worker = new Worker(name, (job, token) => self.process(job, token), {
          connection,
          prefix: REDIS_PREFIX,
          concurrency: options.concurrency ?? 2,
          lockDuration: options.lockDurationMs ?? 30_000,
          stalledInterval: options.stalledIntervalMs ?? 30_000,
          maxStalledCount: options.maxStalledCount ?? 2,
          name: `tessera-worker`,
        });
        worker.on('error', (error) => self.warn(`queue ${name}: ${error.message}`));
        self.workers.push(worker);
        queues.push(name);
      }
    }
    await Promise.all(self.workers.map((w) => w.waitUntilReady()));
    options.onEvent?.({ type: 'ready', queues, models: models.map((m) => ({ name: m.name, kinds: m.kinds })) });
    return self;
  }

  /** Graceful stop: takes nothing new, hands back jobs not yet at their model call, finishes the others. */
  async close(): Promise<void> {
    this.draining = true;
    await Promise.all(this.workers.map((w) => w.close()));
    await this.pool.release();
    await this.store.close();
  }

  private warn(message: string): void {
    if (message === this.lastWarning) return; // a Redis outage repeats the same error every reconnect
    this.lastWarning = message;
    this.options.onEvent?.({ type: 'warning', message });
  }

  private async process(job: Job, token?: string): Promise<string> {
    const facts: ItemFacts = { started: performance.now() };
    let payload: ItemJob;
    try {
      payload = parseWith(ItemJobSchema, job.data, 'item job');
    } catch (error) {
      throw new UnrecoverableError(describeError(error).message);
    }
    const { batchId, input, spec } = payload;
    const attempt = job.attemptsMade + 1;
    const emit = (status: WorkerJobStatus, extra: { code?: string; error?: string } = {}) =>
      this.options.onEvent?.({ type: 'job', status, batchId, input, jobId: String(job.id), attempt, ms: status === 'started' ? undefined : Math.round(performance.now() - facts.started), ...extra });
    emit('started');
    let parameters: Record<string, unknown> | undefined;
    try {
      // a refiner is one of this worker's models too, opened from the pool by its name with the base (one memory guard)
      const refinerName = 'settings' in spec ? spec.settings.refiner?.model : undefined;
      const paired = refinerName ? await this.pool.getWithRefiner(spec.model, refinerName) : undefined;
      const model = paired ?? (await this.pool.get(spec.model));
      const built = await this.builtJob(payload, model.served, paired?.refiner);
      parameters = built.job.parameters;
      const item = built.items.get(input);
      if (!item) throw new TesseraError('INVALID_ARGUMENT', `${input}: got an item that is no longer among the batch's inputs (was the prompts file edited?), expected the inputs as submitted`);
      const outcome = await processItem(built.job, item, payload, {
        beforeInfer: () => this.beforeInfer(job, token),
        infer: model.infer,
        notePublishAttempt: () => this.store.notePublishAttempt(batchId, input),
        publishAttempts: () => this.store.publishAttempts(batchId, input),
      }, facts);
      const result: ItemResult = outcome.status === 'done' ? { input, status: 'done', entry: outcome.entry } : { input, status: 'alreadyDone' };
      await this.store.pushResult(batchId, result);
      emit(outcome.status);
      return outcome.status;
    } catch (error) {
      if (error instanceof WaitingError) {
        emit('returned');
        throw error;
      }
      const { code, message } = describeError(error);
      const final = attempt >= (job.opts.attempts ?? 1);
      // The last attempt's failure is the item's: pushed before BullMQ records it, so the follower never misses it.
      if (final) await this.store.pushResult(batchId, { input, status: 'failed', entry: failedEntry(spec.kind, input, error, facts, parameters) });
      emit(final ? 'failed' : 'retrying', { code, error: message });
      throw new Error(`[${code}] ${message}`);
    }
  }

  private async beforeInfer(job: Job, token: string | undefined): Promise<void> {
    if (this.options.holdMs) await new Promise((resolve) => setTimeout(resolve, this.options.holdMs));
    if (!this.draining) return;
    await job.moveToWait(token);
    throw new WaitingError();
  }

  /** The batch's job object, built once per batch (the same factories as a local batch) and kept for a while. */
  private builtJob(payload: ItemJob, served: ServingModel, refiner: DiffusionModel | undefined): Promise<BuiltJob> {
    let built = this.built.get(payload.batchId);
    if (!built) {
      built = createBatchJob(payload.spec, served, refiner).then((job) => ({ job, items: new Map(job.items.map((item) => [item.input, item])) }));
      built.catch(() => this.built.delete(payload.batchId));
      this.built.set(payload.batchId, built);
      if (this.built.size > BUILT_JOBS_KEPT) this.built.delete(this.built.keys().next().value as string);
    }
    return built;
  }
}
