// Runs a batch job over its items: resumes from the manifest, overlaps decoding and writing with inference
// in a bounded pipeline, writes every output atomically, records each item, and stops cleanly when the
// output folder becomes unwritable.

import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TesseraError, isTesseraError } from '../api/errors.ts';
import { writeFileAtomic } from '../image/write-file-atomic.ts';
import type { BatchItem, BatchJob } from './batch-job.ts';
import { BatchProgressTracker, type BatchProgress } from './batch-progress.ts';
import { InFlight, mapBounded } from './bounded-pipeline.ts';
import { MANIFEST_FILE_NAME, type ManifestEntry } from './manifest-entry.ts';
import { resumeDecision } from './manifest-header.ts';
import { keptOutputs, planOutputs } from './output-plan.ts';
import { readManifest, type ManifestState } from './manifest-reader.ts';
import { ManifestWriter } from './manifest-writer.ts';
import type { PauseGate } from './pause-gate.ts';
import { checkOutputPlacement, createOutputFolder, scanOutputFolder } from './output-folder.ts';
import { acquireFolderLock, describeHolder } from './output-folder-lock.ts';
import { finishInterruptedCommit } from './output-commit.ts';

export type WriteOutputFile = (path: string, bytes: Uint8Array, options: { overwrite: boolean }) => Promise<void>;

export interface BatchRunnerOptions {
  outputDir: string;
  /** The input folder, when the job reads one: the output folder may not be it or inside it unless allowed. */
  inputDir?: string;
  allowOutputInsideInput?: boolean;
  /** Replace existing files that this batch did not write (default false: refuse to start). */
  overwrite?: boolean;
  /** Items decoded and items encoded/written at once, beside the one in inference (default 2). */
  concurrency?: number;
  /** Abort: the item in inference finishes and is recorded, nothing new starts; the run resumes later. */
  signal?: AbortSignal;
  /** Pause: while closed no new item starts (items in flight finish and are recorded); paused time is not counted. */
  pause?: PauseGate;
  onProgress?: (progress: BatchProgress) => void;
  /** Each final manifest line as it is written (done, failed, skipped). */
  onItem?: (entry: ManifestEntry) => void;
  /** Lines for people about the run itself (a stale folder lock taken over). */
  onNotice?: (message: string) => void;
  /** Output writer (default writeFileAtomic); tests inject failures such as a full disk. */
  writeFile?: WriteOutputFile;
}

export interface BatchSummary extends BatchProgress {
  /** completed: every item settled; cancelled: the signal stopped it; stopped: the output folder became unusable. */
  outcome: 'completed' | 'cancelled' | 'stopped';
  /** Why the run stopped (outcome `stopped`). */
  error?: { code: string; message: string };
  failedInputs: string[];
  manifestPath: string;
  /** Temporary files of an earlier, killed run that were removed. */
  removedTemps: number;
  /** Inputs whose content changed since their earlier outputs: new outputs were written beside those (kept). */
  changedInputs: string[];
}

type Loaded<P> =
  | { kind: 'failed'; error: unknown; hash?: string; ms: number }
  | { kind: 'alreadyDone' }
  | { kind: 'ready'; hash: string; prepared: P; ms: number; kept: string[] };
type Inferred<R> =
  | { kind: 'failed'; error: unknown; hash?: string; ms: number }
  | { kind: 'alreadyDone' }
  | { kind: 'cancelled' }
  | { kind: 'inferred'; hash: string; result: R; ms: number; kept: string[] };
type Settled = { kind: 'done' | 'failed'; entry: ManifestEntry } | { kind: 'alreadyDone' } | { kind: 'cancelled' };

function describe(error: unknown): { code: string; message: string } {
  if (isTesseraError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export class BatchRunner {
  private readonly writeFile: WriteOutputFile;
  private readonly concurrency: number;

  constructor(private readonly options: BatchRunnerOptions) {
    this.writeFile = options.writeFile ?? writeFileAtomic;
    const concurrency = options.concurrency ?? 2;
    if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
      throw new TesseraError('INVALID_ARGUMENT', `concurrency: got ${concurrency}, expected an integer from 1 to 64`);
    }
    this.concurrency = concurrency;
  }

  async run<I extends BatchItem, L, P, R>(job: BatchJob<I, L, P, R>): Promise<BatchSummary> {
    const { outputDir } = this.options;
    if (this.options.inputDir !== undefined) await checkOutputPlacement(this.options.inputDir, outputDir, this.options.allowOutputInsideInput ?? false);
    await createOutputFolder(outputDir);
    // One batch per folder (output-folder-lock.ts): a second one is refused here, before it reads or writes anything.
    const lock = await acquireFolderLock(outputDir, { job: job.kind });
    try {
      if (lock.tookOver) this.options.onNotice?.(`took over the lock of ${describeHolder(lock.tookOver)}: that process is no longer running`);
      return await this.runLocked(job);
    } finally {
      await lock.release();
    }
  }

  private async runLocked<I extends BatchItem, L, P, R>(job: BatchJob<I, L, P, R>): Promise<BatchSummary> {
    const { outputDir, signal, pause } = this.options;
    const manifestPath = join(outputDir, MANIFEST_FILE_NAME);
    // A Studio save a crash interrupted is finished first: its files and manifest line are what this run resumes from.
    await finishInterruptedCommit(outputDir);
    const scan = await scanOutputFolder(outputDir);
    const state = await readManifest(manifestPath, job.kind);
    const resume = resumeDecision(job, state, outputDir, this.options.overwrite ?? false);
    const plan = planOutputs(job.items, state, scan.existing);
    this.refuseForeignOutputs(plan.items, state, scan.existing);
    const manifest = await ManifestWriter.open(manifestPath);
    const tracker = new BatchProgressTracker(job.items.length, job.skipped.length, pause ? () => pause.pausedMs() : undefined);
    const failedInputs: string[] = [];
    const changedInputs: string[] = [];
    const inFlight = new InFlight();
    let outcome: BatchSummary['outcome'] = 'completed';
    let stopError: BatchSummary['error'];
    try {
      if (resume.header) await manifest.append(resume.header);
      await this.recordSkipped(job, state, manifest);
      this.options.onProgress?.(tracker.snapshot());
      const ctx = { job, state, existing: scan.existing, manifest, createdDirs: new Set<string>(), redoAll: resume.redoAll, versions: plan.versions };
      const source = async function* (): AsyncGenerator<I> {
        for (const item of plan.items) {
          await pause?.whenOpen(signal);
          if (signal?.aborted) return;
          yield item;
        }
      };
      const loaded = mapBounded(source(), (item) => this.load(ctx, item), this.concurrency, inFlight);
      const inferred = mapBounded(loaded, ([item, r]) => this.infer(job, item, r).then((x) => [item, x] as const), 1, inFlight);
      const settled = mapBounded(inferred, ([item, r]) => this.write(ctx, item, r).then((x) => [item, x] as const), this.concurrency, inFlight);
      for await (const [item, result] of settled) {
        if (result.kind === 'cancelled') continue;
        if (result.kind === 'failed') failedInputs.push(item.input);
        if (result.kind === 'done' && result.entry.kept) changedInputs.push(item.input);
        if (result.kind !== 'alreadyDone') this.options.onItem?.(result.entry);
        const progress = tracker.settle(result.kind, item.input); // outside ?.(): it must run without a listener
        this.options.onProgress?.(progress);
      }
      if (signal?.aborted && tracker.progress.finished < job.items.length) outcome = 'cancelled';
    } catch (error) {
      // Only output-folder failures escape the stages (item failures are values): stop, keep the manifest.
      outcome = 'stopped';
      stopError = describe(error);
    } finally {
      await inFlight.settle();
      await manifest.close().catch(() => undefined); // the stop reason above is the error worth reporting
    }
    return { ...tracker.snapshot(), outcome, error: stopError, failedInputs, manifestPath, removedTemps: scan.removedTemps.length, changedInputs };
  }

  /** Refuses to start when planned outputs already exist and no manifest line of this job claims them. */
  private refuseForeignOutputs(items: readonly BatchItem[], state: ManifestState, existing: Set<string>): void {
    const seen = new Map<string, string>();
    const foreign: string[] = [];
    for (const item of items) {
      for (const output of item.outputs) {
        const other = seen.get(output);
        if (other !== undefined) throw new TesseraError('INTERNAL', `output ${output}: got it planned for both ${other} and ${item.input}, expected distinct names`);
        seen.set(output, item.input);
        if (existing.has(output) && !this.options.overwrite && !state.claimed.get(item.input)?.has(output)) foreign.push(output);
      }
    }
    if (foreign.length > 0) {
      const first = foreign.slice(0, 3).join(', ');
      throw new TesseraError(
        'OUTPUT_EXISTS',
        `${this.options.outputDir}: got ${foreign.length} existing file(s) where this batch writes (${first}${foreign.length > 3 ? ', …' : ''}) that its manifest does not list, expected free paths (use --overwrite to replace them, or another output folder)`,
        { files: foreign.slice(0, 100), count: foreign.length },
      );
    }
  }

  private async recordSkipped(job: BatchJob<BatchItem, unknown, unknown, unknown>, state: ManifestState, manifest: ManifestWriter): Promise<void> {
    for (const { input, reason } of job.skipped) {
      if (state.latest.get(input)?.status === 'skipped') continue; // listed by an earlier run already
      const entry: ManifestEntry = { input, status: 'skipped', outputs: [], job: job.kind, error: reason, at: new Date().toISOString() };
      await manifest.append(entry);
      this.options.onItem?.(entry);
    }
  }

  /**
   * Stage 1 (decode workers): read + hash; items done before with the same hash and outputs present stop here.
   * An input whose content changed since its `done` line gets its planned other names (its earlier outputs are
   * kept) unless overwrite was asked: the item goes on with those outputs.
   */
  private async load<I extends BatchItem, L, P>(
    ctx: { job: BatchJob<I, L, P, unknown>; state: ManifestState; existing: Set<string>; redoAll: boolean; versions: Map<string, string[]> },
    item: I,
  ): Promise<readonly [I, Loaded<P>]> {
    const started = performance.now();
    let hash: string | undefined;
    try {
      const loaded = await ctx.job.load(item);
      hash = loaded.hash;
      const before = ctx.state.latest.get(item.input);
      if (!ctx.redoAll && before?.status === 'done' && before.hash === hash && before.outputs.every((o) => ctx.existing.has(o))) return [item, { kind: 'alreadyDone' }];
      const kept = this.options.overwrite || ctx.redoAll ? [] : keptOutputs(ctx.state, item.input, hash, ctx.existing);
      const target = kept.length > 0 ? { ...item, outputs: ctx.versions.get(item.input) ?? item.outputs } : item;
      const prepared = await ctx.job.prepare(target, loaded.data);
      return [target, { kind: 'ready', hash, prepared, ms: performance.now() - started, kept }];
    } catch (error) {
      return [item, { kind: 'failed', error, hash, ms: performance.now() - started }];
    }
  }

  /** Stage 2 (one at a time): the model call. After an abort, prepared items are dropped unrecorded. */
  private async infer<I extends BatchItem, P, R>(job: BatchJob<I, unknown, P, R>, item: I, loaded: Loaded<P>): Promise<Inferred<R>> {
    if (loaded.kind !== 'ready') return loaded;
    if (this.options.signal?.aborted) return { kind: 'cancelled' };
    const started = performance.now();
    try {
      const result = await job.infer(item, loaded.prepared);
      return { kind: 'inferred', hash: loaded.hash, result, ms: loaded.ms + performance.now() - started, kept: loaded.kept };
    } catch (error) {
      return { kind: 'failed', error, hash: loaded.hash, ms: loaded.ms + performance.now() - started };
    }
  }

  /**
   * Stage 3 (write workers): encode, claim the outputs in the manifest, write them atomically, record done.
   * Throws (stopping the run) only when the output folder or the manifest cannot be written.
   */
  private async write<I extends BatchItem, R>(
    ctx: { job: BatchJob<I, unknown, unknown, R>; state: ManifestState; existing: Set<string>; manifest: ManifestWriter; createdDirs: Set<string> },
    item: I,
    inferred: Inferred<R>,
  ): Promise<Settled> {
    if (inferred.kind === 'alreadyDone' || inferred.kind === 'cancelled') return inferred;
    const { job, manifest } = ctx;
    const base = { input: item.input, job: job.kind, hash: inferred.hash, parameters: job.parameters };
    const fail = async (error: unknown, ms: number, outputs: string[] = []): Promise<Settled> => {
      const { code, message } = describe(error);
      const entry: ManifestEntry = { ...base, status: 'failed', outputs, code, error: message, ms: Math.round(ms), at: new Date().toISOString() };
      await manifest.append(entry);
      return { kind: 'failed', entry };
    };
    if (inferred.kind === 'failed') return fail(inferred.error, inferred.ms);
    const started = performance.now();
    let rendered;
    try {
      rendered = await job.render(item, inferred.result);
      const names = [...rendered.files.keys()].sort().join('\n');
      if (names !== [...item.outputs].sort().join('\n')) throw new TesseraError('INTERNAL', `${item.input}: got outputs [${[...rendered.files.keys()].join(', ')}], expected [${item.outputs.join(', ')}]`);
    } catch (error) {
      return fail(error, inferred.ms + performance.now() - started);
    }
    const parameters = rendered.parameters ? { ...job.parameters, ...rendered.parameters } : job.parameters;
    // Claim before writing: after a kill, files named by a `started` line are known to be this batch's.
    await manifest.append({ ...base, parameters, status: 'started', outputs: [...item.outputs], at: new Date().toISOString() });
    const claimed = ctx.state.claimed.get(item.input) ?? new Set<string>();
    ctx.state.claimed.set(item.input, claimed);
    const written: string[] = [];
    for (const output of item.outputs) {
      const path = join(this.options.outputDir, output);
      await this.ensureFolder(dirname(path), ctx.createdDirs);
      const overwrite = (this.options.overwrite ?? false) || claimed.has(output);
      try {
        await this.writeFile(path, rendered.files.get(output) as Uint8Array, { overwrite });
      } catch (error) {
        // A file that appeared meanwhile is this item's problem; anything else is the folder's: stop.
        if (isTesseraError(error) && error.code === 'OUTPUT_EXISTS') return fail(error, inferred.ms + performance.now() - started, written);
        throw error;
      }
      written.push(output);
      claimed.add(output);
      ctx.existing.add(output);
    }
    const entry: ManifestEntry = {
      ...base,
      parameters,
      status: 'done',
      outputs: written,
      result: rendered.result,
      ...(inferred.kept.length > 0 ? { kept: inferred.kept } : {}),
      ms: Math.round(inferred.ms + performance.now() - started),
      at: new Date().toISOString(),
    };
    await manifest.append(entry);
    return { kind: 'done', entry };
  }

  private async ensureFolder(dir: string, created: Set<string>): Promise<void> {
    if (created.has(dir)) return;
    try {
      await mkdir(dir, { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
      throw new TesseraError('IO_ERROR', `cannot create output folder ${dir} (${code}), expected a writable folder`, { file: dir, errno: code });
    }
    created.add(dir);
  }
}
