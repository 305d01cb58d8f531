// One ONNX Runtime session behind Tessera's Tensor API: feeds validated before every run, typed failures.
import fs from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type { Tensor, TensorType } from '../core/tensor.ts';
import { TesseraError, isTesseraError } from '../api/errors.ts';
import { providersToTry, type ConcreteProvider, type ProviderName } from './execution-providers.ts';
import { providerErrorText } from './provider-probe.ts';
import { validateFeeds, describeFeeds } from './feed-validation.ts';
import { fromOrtTensor, toOrtTensor } from './tensor-conversion.ts';
import { classifyLoadError } from './load-errors.ts';
import type { TensorInfo } from './tensor-info.ts';
import { slicedModelBytes, type SlicingLimits } from './attention-slicing/sliced-model-bytes.ts';

export type GraphOptimizationLevel = 'disabled' | 'basic' | 'extended' | 'all';

export interface RuntimeOptions {
  /** `auto` (default) picks the best GPU provider present and falls back to CPU with a warning. */
  provider?: ProviderName;
  /** Intra-op threads; 0 or undefined lets ONNX Runtime choose (one per physical core). */
  threads?: number;
  graphOptimizationLevel?: GraphOptimizationLevel;
  /**
   * ONNX Runtime's CPU memory arena (default on): it keeps the largest activations' memory for the next run,
   * which is faster but holds the peak; off, buffers go back to the system after each use.
   */
  cpuMemArena?: boolean;
  /** ONNX Runtime's memory-pattern planning (default on): pre-plans one block per run for fixed input shapes. */
  memPattern?: boolean;
  /**
   * Whether idle intra-op threads spin-wait for work (ONNX Runtime's default, true). Spinning saves a wake-up per
   * parallel section on free cores, but when other processes keep every core busy the spinning thread holds a core
   * its sibling needs: the SAM decoder's click ran ≈ 1.6× faster without it on a loaded 2-core VM (BENCHMARKS.md).
   */
  intraOpSpinning?: boolean;
  /**
   * ONNX Runtime session config entries (onnxruntime_session_options_config_keys.h), e.g.
   * `{ 'session.disable_prepacking': '1' }`; measured one by one in bench/memory-levers.ts.
   */
  sessionConfig?: Readonly<Record<string, string>>;
  /**
   * Rewrite the graph's attention blocks to run over slices of query rows (runtime/attention-slicing/): the same
   * numbers bit for bit with a fraction of the score memory. Diffusion models ask for it; models whose weights are
   * inside the graph file are read as a skeleton pointing at them (graph-skeleton.ts); a graph with no such block
   * loads unchanged. The limits are for tests: a small budget cuts a graph into many slices.
   */
  attentionSlicing?: boolean | SlicingLimits;
  /** Receives fallbacks and other non-fatal notices; defaults to console.warn. */
  onWarning?: (message: string) => void;
}

/** `session.disable_prepacking` → `{ session: { disable_prepacking } }`, the form SessionOptions.extra documents. */
function nestConfigKeys(entries: Readonly<Record<string, string>>): Record<string, Record<string, string>> {
  const nested: Record<string, Record<string, string>> = {};
  for (const [key, value] of Object.entries(entries)) {
    const dot = key.indexOf('.');
    const group = key.slice(0, dot);
    (nested[group] ??= {})[key.slice(dot + 1)] = value;
  }
  return nested;
}

const KNOWN_TYPES = new Set<string>(['float32', 'float16', 'int32', 'int64', 'uint8', 'bool']);

function toTensorInfo(meta: ort.InferenceSession.ValueMetadata): TensorInfo {
  if (!meta.isTensor) return { name: meta.name, type: 'unknown', shape: [] };
  return {
    name: meta.name,
    type: KNOWN_TYPES.has(meta.type) ? (meta.type as TensorType) : 'unknown',
    shape: meta.shape.map((d) => (typeof d === 'number' && d >= 0 ? d : typeof d === 'string' && d !== '' ? d : '?')),
  };
}

const warnedOnce = new Set<string>();
function warnOnce(key: string, message: string, sink: (m: string) => void): void {
  if (warnedOnce.has(key)) return;
  warnedOnce.add(key);
  sink(message);
}

/** A provider that passed its probe failing on a real model: named as such, with the way out. */
function providerFailed(provider: ConcreteProvider, modelPath: string, stage: 'load' | 'run', error: unknown): TesseraError {
  return new TesseraError(
    'PROVIDER_FAILED',
    `the ${provider} execution provider failed to ${stage} ${modelPath}: ${providerErrorText(error)}; run on CPU instead (provider setting "cpu")`,
    { modelPath, provider },
  );
}

export class OnnxModel {
  /** Sessions open in this process: low-memory mode's promise (one stage's network resident at a time) is checked on it. */
  private static readonly open = new Set<OnnxModel>();

  readonly inputs: TensorInfo[];
  readonly outputs: TensorInfo[];
  private released = false;
  private runs = 0;

  private constructor(
    readonly path: string,
    readonly provider: ConcreteProvider,
    private readonly session: ort.InferenceSession,
    /** Whether the session uses the CPU memory arena (see RuntimeOptions.cpuMemArena). */
    readonly cpuMemArena: boolean,
    /** Attention blocks the session runs sliced (RuntimeOptions.attentionSlicing); 0 when it runs the file as it is. */
    readonly slicedAttentionBlocks = 0,
  ) {
    this.inputs = session.inputMetadata.map(toTensorInfo);
    this.outputs = session.outputMetadata.map(toTensorInfo);
    OnnxModel.open.add(this);
  }

  /** The model files of every session not yet released in this process (diagnostics and tests). */
  static openModelPaths(): string[] {
    return [...OnnxModel.open].map((m) => m.path);
  }

  /** Creates a session from a file path, so external data (model.onnx_data, weights.pb) resolves beside it. */
  static async load(modelPath: string, options: RuntimeOptions = {}): Promise<OnnxModel> {
    const warn = options.onWarning ?? ((m: string) => console.warn(`tessera: warning: ${m}`));
    const stat = await fs.stat(modelPath).catch(() => undefined);
    if (!stat?.isFile()) throw new TesseraError('MODEL_FILE_MISSING', `${modelPath}: file not found`, { modelPath });
    if (stat.size === 0) throw new TesseraError('MODEL_FILE_CORRUPT', `${modelPath}: file is empty (0 bytes)`, { modelPath });
    const slicing = options.attentionSlicing;
    // a file that does not decode is left to ONNX Runtime, whose error names what is wrong with it
    const sliced = slicing ? await slicedModelBytes(modelPath, typeof slicing === 'object' ? slicing : {}).catch(() => undefined) : undefined;
    const requested = options.provider ?? 'auto';
    const providers = await providersToTry(requested);
    // `auto` on a machine without a GPU provider runs on CPU silently: nobody asked for a GPU, and a warning on
    // every command would be noise (getHealth and `--provider` say what is available).
    for (const [index, provider] of providers.entries()) {
      try {
        const sessionOptions: ort.InferenceSession.SessionOptions = {
          executionProviders: [provider],
          graphOptimizationLevel: options.graphOptimizationLevel ?? 'all',
          logSeverityLevel: 4, // errors reach the caller as TesseraErrors; no duplicate stderr spew
        };
        // ORT rejects an explicit undefined; leaving the key out lets it use one thread per physical core.
        if (options.threads && options.threads > 0) sessionOptions.intraOpNumThreads = options.threads;
        const cpuMemArena = options.cpuMemArena ?? true;
        if (!cpuMemArena) sessionOptions.enableCpuMemArena = false;
        if (options.memPattern === false) sessionOptions.enableMemPattern = false;
        const config: Record<string, string> = { ...options.sessionConfig, ...(options.intraOpSpinning === false ? { 'session.intra_op.allow_spinning': '0' } : {}) };
        // loaded from memory, the graph's external weights are still read from its folder
        if (sliced?.kind === 'sliced') config['session.model_external_initializers_file_folder_path'] = path.dirname(modelPath);
        if (Object.keys(config).length > 0) sessionOptions.extra = nestConfigKeys(config);
        const slicedSession = sliced?.kind === 'sliced' ? await OnnxModel.createSliced(modelPath, sliced.bytes, sessionOptions, warn) : undefined;
        const session = slicedSession ?? (await ort.InferenceSession.create(modelPath, sessionOptions));
        return new OnnxModel(modelPath, provider, session, cpuMemArena, slicedSession && sliced?.kind === 'sliced' ? sliced.blocks : 0);
      } catch (error) {
        const classified = classifyLoadError(modelPath, error);
        // A file that is missing or corrupt fails the same everywhere; anything else on a non-CPU provider is
        // that provider failing (its driver, its kernels), not the model.
        const failed = provider !== 'cpu' && classified.code === 'MODEL_INVALID' ? providerFailed(provider, modelPath, 'load', error) : classified;
        const isLast = index === providers.length - 1;
        if (isLast || failed.code !== 'PROVIDER_FAILED') throw failed;
        // Once per provider and process: a pipeline loads several files, each would fail the same way.
        warnOnce(`fallback-${provider}`, `${failed.message}; falling back to CPU`, warn);
      }
    }
    throw new TesseraError('INTERNAL', `${modelPath}: no execution provider was tried`);
  }

  /**
   * A session from the sliced graph, or undefined with a warning when ONNX Runtime refuses it (an operator form the
   * rewrite did not foresee): the caller then loads the file as it is, since slicing saves memory and never decides
   * whether a model runs.
   */
  private static async createSliced(modelPath: string, bytes: Uint8Array, sessionOptions: ort.InferenceSession.SessionOptions, warn: (m: string) => void): Promise<ort.InferenceSession | undefined> {
    try {
      return await ort.InferenceSession.create(bytes, sessionOptions);
    } catch (error) {
      warn(`${modelPath}: loading it with sliced attention failed (${providerErrorText(error)}); loading it as it is, with the full attention memory`);
      return undefined;
    }
  }

  /** How many times run() was called: lets callers and tests verify caching (e.g. one encoder run per image). */
  get runCount(): number {
    return this.runs;
  }

  input(name: string): TensorInfo | undefined {
    return this.inputs.find((i) => i.name === name);
  }

  /** Runs the session. Feeds must match the declared inputs exactly; outputs are returned by name. */
  async run(feeds: Record<string, Tensor>, outputNames?: string[]): Promise<Record<string, Tensor>> {
    if (this.released) throw new TesseraError('INTERNAL', `${this.path}: session was released`);
    validateFeeds(this.path, this.inputs, feeds);
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, tensor] of Object.entries(feeds)) ortFeeds[name] = toOrtTensor(tensor);
    this.runs += 1;
    let results: ort.InferenceSession.OnnxValueMapType;
    try {
      results = outputNames ? await this.session.run(ortFeeds, outputNames) : await this.session.run(ortFeeds);
    } catch (error) {
      if (isTesseraError(error)) throw error;
      if (this.provider !== 'cpu') throw providerFailed(this.provider, this.path, 'run', error);
      const message = error instanceof Error ? error.message : String(error);
      throw new TesseraError('INFERENCE_FAILED', `${this.path}: run failed: ${message} (feeds: ${describeFeeds(feeds)})`, { modelPath: this.path });
    }
    const out: Record<string, Tensor> = {};
    for (const [name, value] of Object.entries(results)) out[name] = fromOrtTensor(value as ort.Tensor, name);
    return out;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    OnnxModel.open.delete(this);
    await this.session.release();
  }

  get isReleased(): boolean {
    return this.released;
  }
}
