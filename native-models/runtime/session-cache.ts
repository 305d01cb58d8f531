// Shares one session per (model file, options) and releases them explicitly; low-memory mode loads per use.
import path from 'node:path';
import { OnnxModel, type RuntimeOptions } from './onnx-model.ts';

function cacheKey(modelPath: string, options: RuntimeOptions): string {
  return JSON.stringify([path.resolve(modelPath), options.provider ?? 'auto', options.threads ?? 0, options.graphOptimizationLevel ?? 'all', options.attentionSlicing ?? false, options.cpuMemArena ?? true, options.memPattern ?? true, options.intraOpSpinning ?? true]);
}

export interface SessionCacheOptions extends RuntimeOptions {
  /**
   * Load sub-models only while they are used and free them right after, trading load time for peak memory
   * (a UNet and a VAE are never resident together), and run them without ONNX Runtime's memory arena unless a
   * model asks for it (the diffusion UNet does). On the SD 1.5-sized pack a 2-step 512² generation then peaks at
   * 0.96× its weights instead of 1.24× in normal mode, with the same image (BENCHMARKS.md).
   */
  lowMemory?: boolean;
}

/** Per-model settings on top of the cache's own options. */
export type ModelSessionOverrides = Pick<RuntimeOptions, 'graphOptimizationLevel' | 'attentionSlicing' | 'cpuMemArena' | 'memPattern' | 'intraOpSpinning'>;

export class SessionCache {
  private readonly sessions = new Map<string, Promise<OnnxModel>>();

  private readonly options: SessionCacheOptions;

  /** This cache's low-memory twin, made when the memory guard first switches a model to it. */
  private lowMemoryTwin: SessionCache | undefined;

  constructor(options: SessionCacheOptions = {}) {
    this.options = options.lowMemory ? { ...options, cpuMemArena: false } : options;
  }

  get lowMemory(): boolean {
    return this.options.lowMemory ?? false;
  }

  /** A warning to the host (the options' onWarning, else stderr): the memory guard's, like the runtime's own. */
  warn(message: string): void {
    (this.options.onWarning ?? ((m: string) => console.warn(`tessera: warning: ${m}`)))(message);
  }

  /**
   * The same options in low-memory mode: this cache when it already is, else a twin it owns (released by
   * releaseAll), so a model the memory guard switches does not change the mode of the other models sharing it.
   */
  inLowMemoryMode(): SessionCache {
    if (this.lowMemory) return this;
    this.lowMemoryTwin ??= new SessionCache({ ...this.options, lowMemory: true });
    return this.lowMemoryTwin;
  }

  /**
   * The shared session for a file (loaded once; concurrent callers await the same load). `overrides` changes a
   * setting for this model only (one that runs faster at another optimisation level); it is part of the key.
   */
  get(modelPath: string, overrides: ModelSessionOverrides = {}): Promise<OnnxModel> {
    const options = { ...this.options, ...overrides };
    const key = cacheKey(modelPath, options);
    let pending = this.sessions.get(key);
    if (!pending) {
      pending = OnnxModel.load(modelPath, options);
      // A failed load must not poison the cache: the next call retries (the user may have fixed the file).
      pending.catch(() => this.sessions.delete(key));
      this.sessions.set(key, pending);
    }
    return pending;
  }

  /**
   * Runs `work` with the model. In low-memory mode the session lives only for this call; otherwise it stays
   * cached for the next one.
   */
  async use<T>(modelPath: string, work: (model: OnnxModel) => Promise<T>, overrides: ModelSessionOverrides = {}): Promise<T> {
    if (!this.lowMemory) return work(await this.get(modelPath, overrides));
    return this.loadForThisCall(modelPath, { ...this.options, ...overrides }, work);
  }

  /**
   * Runs `work` with a session loaded for this call alone, in either mode (a session already cached for the file is
   * used as it is): for a network that runs once per generation, the text encoders, whose weights would otherwise
   * stay resident beside the UNet's and the VAE's for the rest of it (470 MiB for SD 1.5's, 2.6 GB for SDXL's
   * bigG in float32), at the cost of loading it again for the next prompt.
   */
  async useAndRelease<T>(modelPath: string, work: (model: OnnxModel) => Promise<T>, overrides: ModelSessionOverrides = {}): Promise<T> {
    const options = { ...this.options, ...overrides };
    const cached = this.sessions.get(cacheKey(modelPath, options));
    if (cached) return work(await cached);
    return this.loadForThisCall(modelPath, options, work);
  }

  /** A session that lives for `work` alone: loaded, used, released even when `work` throws. */
  private async loadForThisCall<T>(modelPath: string, options: RuntimeOptions, work: (model: OnnxModel) => Promise<T>): Promise<T> {
    const model = await OnnxModel.load(modelPath, options);
    try {
      return await work(model);
    } finally {
      await model.release();
    }
  }

  /** Releases one model's session (e.g. when a model folder is deleted or replaced); same `overrides` as its get. */
  async release(modelPath: string, overrides: ModelSessionOverrides = {}): Promise<void> {
    const key = cacheKey(modelPath, { ...this.options, ...overrides });
    const pending = this.sessions.get(key);
    this.sessions.delete(key);
    if (pending) await (await pending.catch(() => undefined))?.release();
  }

  async releaseAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all([...all.map(async (p) => (await p.catch(() => undefined))?.release()), this.lowMemoryTwin?.releaseAll()]);
  }

  get size(): number {
    return this.sessions.size;
  }
}
