// The `batch` job kind: a folder batch (cut-out, generate from a prompt list, img2img, upscale) run by the BatchRunner as
// one job on the queue, in its model's lane. Progress goes out as onBatchProgress; cancel stops after the items in
// flight; pause closes the runner's PauseGate. The request is journalled like any job, so a batch interrupted by
// a restart comes back queued and resumes from its manifest (done items are not redone). With a Redis URL in
// Settings the batch runs on `tessera worker`s instead and this job follows it (redis-batch-work.ts).
import path from 'node:path';
import { TesseraError, type ErrorCode } from '../api/errors.ts';
import { parseApiCall, type BatchProgressEvent, type JobUpdateEvent, type RefinerSpec, type StartBatchRequest } from '../api/index.ts';
import { BatchRunner, PauseGate, checkBatchResumable, checkFolderFree, openBatchJob, type BatchJobSpec, type BatchProgress, type RedisConnectionSettings } from '../batch/index.ts';
import { SessionCache } from '../runtime/index.ts';
import { checkBatchFolders, checkBatchModel } from './batch-preflight.ts';
import type { EngineBackends, EngineOptions } from './engine-backends.ts';
import type { JobKindDefinition, PlannedJob } from './job-kinds.ts';
import type { JobOutcome } from './job-queue.ts';
import type { ModelRegistry } from './model-registry.ts';
import type { ProviderSelector } from './provider-selector.ts';
import { runBatchOnRedis } from './redis-batch-work.ts';

export interface BatchJobsDeps {
  registry: ModelRegistry;
  backends: Pick<EngineBackends, 'inspectModel'>;
  providers: ProviderSelector;
  /** The job's current state (pause and resume apply to queued and running batches only). */
  jobState: (jobId: string) => JobUpdateEvent;
  /** Session options from the settings (threads, low-memory mode). */
  engineOptions: () => EngineOptions;
  /** Settings' Redis connection: when set, batches are submitted to workers on it. */
  redis: () => RedisConnectionSettings | null;
  onProgress: (event: BatchProgressEvent) => void;
  /** A batch began work (again, when resumed after a restart): the Gallery records it as a group. */
  onRunStarted: (jobId: string, request: StartBatchRequest) => Promise<void>;
}

/** A request as the engine's batch spec (batch-job-spec.ts), the model (and refiner, when asked for) given by its folder. */
export function batchJobSpec(args: StartBatchRequest, modelDir: string, refinerDir?: string): BatchJobSpec {
  const common = { model: modelDir, outputDir: args.outputDir };
  if (args.kind === 'cutout') {
    const { recursive, ...cutout } = args.options;
    return { kind: 'cutout', ...common, inputDir: args.inputDir, recursive, ...cutout };
  }
  if (args.kind === 'generate') {
    const { prompts, promptsFile, count, refiner, ...choices } = args.options;
    const settings = { ...choices, ...refinerSetting(refiner, refinerDir) };
    return { kind: 'generate', ...common, count, settings, ...(promptsFile !== undefined ? { promptsFile } : { promptsText: prompts!.join('\n') }) };
  }
  if (args.kind === 'upscale') return { kind: 'upscale', ...common, inputDir: args.inputDir, ...args.options };
  const { prompt, strength, recursive, refiner, ...choices } = args.options;
  const settings = { ...choices, ...refinerSetting(refiner, refinerDir) };
  return { kind: 'img2img', ...common, inputDir: args.inputDir, recursive, prompt, strength, settings };
}

function refinerSetting(refiner: RefinerSpec | undefined, refinerDir: string | undefined): { refiner?: RefinerSpec } {
  if (!refiner) return {};
  if (refinerDir === undefined) throw new TesseraError('INTERNAL', `refiner ${refiner.model}: got no folder for it, expected the registry's path`);
  return { refiner: { model: refinerDir, switchAt: refiner.switchAt } };
}

/** The refiner a generate or img2img batch asks for (none for the other kinds). */
function requestedRefiner(args: StartBatchRequest): RefinerSpec | undefined {
  return args.kind === 'generate' || args.kind === 'img2img' ? args.options.refiner : undefined;
}

/** The queue's words for a batch: its kind, where it reads and writes, and its refiner stage when it has one. */
export function batchLabel(args: StartBatchRequest): string {
  const from = args.kind === 'generate' ? (args.options.promptsFile ? path.basename(args.options.promptsFile) : `${args.options.prompts!.length} prompt(s)`) : path.basename(args.inputDir);
  const refiner = requestedRefiner(args);
  const stage = refiner ? ` (refiner ${refiner.model.split('/').at(-1)} at ${refiner.switchAt})` : '';
  const label = `Batch ${args.kind}: ${from} → ${path.basename(args.outputDir)}${stage}`;
  return label.length > 200 ? `${label.slice(0, 199)}…` : label;
}

export class BatchJobs implements JobKindDefinition<StartBatchRequest> {
  private readonly gates = new Map<string, PauseGate>();
  private readonly latest = new Map<string, BatchProgress>();
  /** Output folders of queued and running batches (resolved), by job id: one batch per folder at a time. */
  private readonly folders = new Map<string, string>();
  /** Batches that run on Redis workers (no pause there: the workers do not share this app's gate). */
  private readonly onRedis = new Set<string>();

  constructor(private readonly deps: BatchJobsDeps) {}

  parse(raw: unknown): StartBatchRequest {
    return parseApiCall('startBatch', raw);
  }

  /**
   * Refuses a second batch on a folder a queued or running batch of this app writes to (their manifests would
   * interleave), or one another batch holds (the folder lock: a `tessera batch` or a distributed batch).
   */
  async checkFolderFree(outputDir: string): Promise<void> {
    const dir = path.resolve(outputDir);
    for (const [jobId, other] of this.folders) {
      if (other === dir) throw new TesseraError('FOLDER_LOCKED', `output folder ${outputDir}: got a folder batch ${jobId} is already writing to, expected one batch per folder at a time`);
    }
    await checkFolderFree(outputDir, { distributedDecidedLater: this.deps.redis() !== null });
  }

  /** Remembers the folder of a batch just queued (see checkFolderFree). */
  claimFolder(jobId: string, outputDir: string): void {
    this.folders.set(jobId, path.resolve(outputDir));
  }

  async plan(args: StartBatchRequest): Promise<PlannedJob> {
    const { registry, backends, providers } = this.deps;
    const modelDir = await registry.pathOf(args.modelId);
    const report = await backends.inspectModel(modelDir);
    checkBatchModel(args, report);
    await checkBatchFolders(args);
    const refiner = requestedRefiner(args);
    const refinerDir = refiner ? await registry.pathOf(refiner.model) : undefined;
    const spec = batchJobSpec(args, modelDir, refinerDir);
    await checkBatchResumable(spec);
    const redis = this.deps.redis();
    if (redis !== null) {
      // A lane per output folder: batches on other folders are submitted at once, not after this one.
      return { lane: `redis:${path.resolve(args.outputDir)}`, modelId: args.modelId, label: `${batchLabel(args)} (Redis workers)`, work: async (signal, jobId) => {
          await this.deps.onRunStarted(jobId, args);
          return this.followOnRedis(jobId, redis, spec, signal);
        },
      };
    }
    return {
      lane: `model:${modelDir}`,
      modelId: args.modelId,
      label: batchLabel(args),
      work: async (signal, jobId): Promise<JobOutcome> => {
        this.claimFolder(jobId, args.outputDir);
        await this.deps.onRunStarted(jobId, args);
        const sessions = new SessionCache({ provider: await providers.providerFor(report, modelDir), ...this.deps.engineOptions() });
        try {
          const opened = await openBatchJob(spec, sessions);
          try {
            const gate = this.gate(jobId);
            const runner = new BatchRunner({
              outputDir: args.outputDir,
              ...(args.kind !== 'generate' ? { inputDir: args.inputDir } : {}),
              signal,
              pause: gate,
              onProgress: (progress) => {
                this.latest.set(jobId, progress);
                this.deps.onProgress({ jobId, ...progress, paused: gate.paused });
              },
            });
            const summary = await opened.run(runner);
            if (summary.outcome === 'cancelled') throw new TesseraError('CANCELLED', `batch cancelled with ${summary.total - summary.finished} of ${summary.total} left; start it again on ${args.outputDir} to resume`);
            if (summary.outcome === 'stopped') {
              const error = summary.error ?? { code: 'INTERNAL', message: 'the batch stopped without saying why' };
              throw new TesseraError(error.code as ErrorCode, `${error.message}; ${summary.finished} of ${summary.total} settled, the manifest is intact: fix the output folder and start the batch again to resume`);
            }
            return {};
          } finally {
            await opened.release();
          }
        } finally {
          await sessions.releaseAll();
        }
      },
    };
  }

  private async followOnRedis(jobId: string, redis: RedisConnectionSettings, spec: BatchJobSpec, signal: AbortSignal): Promise<JobOutcome> {
    this.claimFolder(jobId, spec.outputDir);
    // Paused while queued: nothing is submitted until resumed (or cancelled).
    await this.gate(jobId).whenOpen(signal);
    if (signal.aborted) throw new TesseraError('CANCELLED', 'batch cancelled before it was submitted to Redis');
    this.onRedis.add(jobId);
    await runBatchOnRedis({
      redis,
      spec,
      signal,
      onProgress: (progress, handle) => {
        this.latest.set(jobId, progress);
        this.deps.onProgress({ jobId, ...progress, redis: handle });
      },
    });
    return {};
  }

  pause(jobId: string): { jobId: string; paused: boolean } {
    return this.setPaused(jobId, true);
  }

  resume(jobId: string): { jobId: string; paused: boolean } {
    return this.setPaused(jobId, false);
  }

  /** A batch job ended (any final state): its gate, progress and folder are let go. */
  forget(jobId: string): void {
    this.gates.delete(jobId);
    this.latest.delete(jobId);
    this.folders.delete(jobId);
    this.onRedis.delete(jobId);
  }

  private gate(jobId: string): PauseGate {
    let gate = this.gates.get(jobId);
    if (!gate) this.gates.set(jobId, (gate = new PauseGate()));
    return gate;
  }

  private setPaused(jobId: string, paused: boolean): { jobId: string; paused: boolean } {
    const job = this.deps.jobState(jobId);
    if (job.kind !== 'batch' || (job.state !== 'queued' && job.state !== 'running')) {
      throw new TesseraError('INVALID_ARGUMENT', `got job ${jobId}, a ${job.state} ${job.kind} job, expected a queued or running batch`);
    }
    if (this.onRedis.has(jobId)) {
      throw new TesseraError('UNSUPPORTED', `batch ${jobId}: got ${paused ? 'pause' : 'resume'} for a batch on Redis workers, expected a batch run on this machine (cancel stops following it; the workers go on)`);
    }
    const gate = this.gate(jobId);
    if (paused) gate.pause();
    else gate.resume();
    // Listeners learn the new state at once, with the latest counts.
    const latest = this.latest.get(jobId);
    if (latest) this.deps.onProgress({ jobId, ...latest, paused: gate.paused });
    return { jobId, paused: gate.paused };
  }
}
