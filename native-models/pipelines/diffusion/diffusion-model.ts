// An opened SD-family model folder: validated once, its tokenizer and scheduler config read, its sessions
// shared through a SessionCache, and the constants the pipelines need read from the model's own configs.
import { parseConfigJson } from '../../models/config-json.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { inspectModelFolder, type ModelFolderReport } from '../../models/index.ts';
import { DIFFUSION_PARTS } from '../../models/diffusion-contracts.ts';
import { SDXL_VAE_SCALING_FACTOR } from '../../models/sdxl-contracts.ts';
import { chooseTinyDecoder, installedTinyDecoders, modelsRootOf, type TinyDecoderChoice } from '../../models/tiny-decoder-choice.ts';
import { SessionCache, type ModelSessionOverrides, type OnnxModel } from '../../runtime/index.ts';
import { WITH_REFINER, availableMemoryBytes, guardMemory, type MemoryDecision } from '../../runtime/memory-guard.ts';
import { conditionerForModel } from './conditioning/conditioner-for-model.ts';
import { rememberLastPrompt } from './conditioning/last-prompt-memo.ts';
import type { PromptConditioner } from './conditioning/text-conditioning.ts';

/** SD 1.x/2.x VAE scaling factor; diffusers' ONNX pipelines hard-code it, Optimum reads the VAE config. */
const DEFAULT_VAE_SCALING_FACTOR = 0.18215;
const DEFAULT_TIME_COND_DIM = 256;

async function readJsonIfPresent(file: string): Promise<Record<string, unknown> | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    return parseConfigJson(text) as Record<string, unknown>;
  } catch {
    throw new TesseraError('MODEL_INVALID', `${file}: not valid JSON`);
  }
}

/**
 * The UNet, the VAE and the tiny decoder run with sliced attention (runtime/attention-slicing/): the same images bit
 * for bit, in a fraction of the UNet's activation memory (BENCHMARKS.md, "Where a generation's memory goes"). The
 * text encoders' attention is masked (causal), which slicing leaves alone; they are loaded per prompt instead.
 */
const DIFFUSION_SESSIONS: ModelSessionOverrides = { attentionSlicing: true };
/**
 * The UNet runs every step with the same shapes. ONNX Runtime's memory pattern (one planned block per run, taken
 * from the arena beside the blocks of the first, unplanned run) grew its arena by 175 MiB from the second step on
 * at 512²; without it the arena's freed blocks are reused and the peak stays at the first step's, at the same
 * speed. The arena itself stays on in both modes, low-memory included (whose session goes at the end of the stage
 * anyway): without it the sliced attention's many same-sized buffers went through malloc on every step, 1.5× slower,
 * and freed memory stayed in the C heap (peak 1.04 GB above the weights instead of 0.29; BENCHMARKS.md).
 */
const UNET_SESSIONS: ModelSessionOverrides = { ...DIFFUSION_SESSIONS, memPattern: false, cpuMemArena: true };
/**
 * The VAE runs once per image, so ONNX Runtime's arena would only keep its activations (≈ 0.9 GB at 512²) after the
 * decode, beside the UNet's: without it they go back to the system at once, for a few page faults per image.
 */
const VAE_SESSIONS: ModelSessionOverrides = { ...DIFFUSION_SESSIONS, cpuMemArena: false };

/** Free RAM as the guard should read it; left out, what the kernel reports now (tests inject a figure). */
export interface MemoryGuardInput {
  availableBytes?: number;
}

export class DiffusionModel {
  private constructor(
    readonly dir: string,
    readonly report: ModelFolderReport,
    /** The family's prompt encoder (SD: one CLIP; SDXL: two, plus text_embeds and time_ids). */
    readonly conditioner: PromptConditioner,
    readonly schedulerConfig: Record<string, unknown>,
    /** From vae_decoder/config.json, then vae/config.json, else the family's (0.18215; SDXL 0.13025). */
    readonly vaeScalingFactor: number,
    /** unet/config.json `time_cond_proj_dim` (LCM); used when the ONNX input leaves it symbolic. */
    private readonly timeCondDim: number,
    private readonly sessions: SessionCache,
    /** The memory guard's decision when the folder was opened: the mode its sessions run in, and why. */
    readonly memory: MemoryDecision,
    private choice: TinyDecoderChoice,
  ) {}

  private readonly extraFiles = new Set<string>();

  /**
   * Opens and validates a folder; an unusable folder is an error listing every problem. The memory guard runs
   * here, so every host (API, CLI, Studio, batch, distributed workers) gets it: when the folder's estimated peak
   * would not fit `availableBytes` (default: the RAM free now), the model runs in low-memory mode and the guard's
   * warning goes to the sessions' onWarning (`model.memory` keeps it for hosts that show it, like the Studio).
   */
  static async open(dir: string, sessions: SessionCache = new SessionCache(), guard: MemoryGuardInput = {}): Promise<DiffusionModel> {
    const report = await DiffusionModel.inspect(dir);
    // The folder's bytes on disk as inspectModelFolder measured them (the weights, which the guard's factors multiply).
    const memory = guardMemory(report.sizeBytes, sessions.lowMemory, guard.availableBytes ?? availableMemoryBytes());
    if (memory.warning) sessions.warn(memory.warning);
    return DiffusionModel.build(dir, report, sessions, memory);
  }

  /**
   * Opens a base model and the refiner that takes its schedule over (refiner-stage.ts). Both are open for the whole
   * generation, so the memory guard decides once for the two folders' bytes added together: when that peak would
   * not fit, both run in low-memory mode (one stage of one model alive at a time) and the one warning says why.
   */
  static async openWithRefiner(baseDir: string, refinerDir: string, sessions: SessionCache = new SessionCache(), guard: MemoryGuardInput = {}): Promise<{ model: DiffusionModel; refiner: DiffusionModel }> {
    const [baseReport, refinerReport] = await Promise.all([DiffusionModel.inspect(baseDir), DiffusionModel.inspect(refinerDir)]);
    const memory = guardMemory(baseReport.sizeBytes + refinerReport.sizeBytes, sessions.lowMemory, guard.availableBytes ?? availableMemoryBytes(), WITH_REFINER);
    if (memory.warning) sessions.warn(memory.warning);
    const model = await DiffusionModel.build(baseDir, baseReport, sessions, memory);
    return { model, refiner: await DiffusionModel.build(refinerDir, refinerReport, sessions, memory) };
  }

  private static async inspect(dir: string): Promise<ModelFolderReport> {
    const report = await inspectModelFolder(dir);
    if (report.kind !== 'diffusion') {
      throw new TesseraError('MODEL_INVALID', `${dir}: not a diffusion model folder (${report.problems.map((p) => p.message).join('; ') || `it is a ${report.kind} model`})`);
    }
    const blocking = report.problems;
    if (blocking.length > 0) {
      throw new TesseraError('MODEL_INVALID', `${dir}: the model folder has problems: ${blocking.map((p) => p.message).join('; ')}`, { problems: blocking });
    }
    return report;
  }

  /** The checked folder in the mode the guard chose (its sessions from the cache's low-memory twin when switched). */
  private static async build(dir: string, report: ModelFolderReport, sessions: SessionCache, memory: MemoryDecision): Promise<DiffusionModel> {
    const modelSessions = memory.lowMemory ? sessions.inLowMemoryMode() : sessions;
    const conditioner = rememberLastPrompt(await conditionerForModel(dir, report, modelSessions));
    const schedulerConfig = (await readJsonIfPresent(path.join(dir, DIFFUSION_PARTS.schedulerConfig))) ?? {};
    const vaeConfig = (await readJsonIfPresent(path.join(dir, 'vae_decoder', 'config.json'))) ?? (await readJsonIfPresent(path.join(dir, 'vae', 'config.json')));
    const familyScaling = report.diffusion?.family === 'sdxl' ? SDXL_VAE_SCALING_FACTOR : DEFAULT_VAE_SCALING_FACTOR;
    const scaling = typeof vaeConfig?.scaling_factor === 'number' ? vaeConfig.scaling_factor : familyScaling;
    const unetConfig = await readJsonIfPresent(path.join(dir, 'unet', 'config.json'));
    const timeCondDim = typeof unetConfig?.time_cond_proj_dim === 'number' ? unetConfig.time_cond_proj_dim : DEFAULT_TIME_COND_DIM;
    return new DiffusionModel(dir, report, conditioner, schedulerConfig, scaling, timeCondDim, modelSessions, memory, await DiffusionModel.chooseTinyDecoder(dir, report));
  }

  private static async chooseTinyDecoder(dir: string, report: ModelFolderReport): Promise<TinyDecoderChoice> {
    const installed = report.diffusion?.hasPreviewDecoder ? [] : await installedTinyDecoders(await modelsRootOf(dir));
    return chooseTinyDecoder({ dir, diffusion: report.diffusion }, installed);
  }

  /** The folder's own tiny decoder, else an installed one of its latent family (models/tiny-decoder-choice.ts). */
  get tinyDecoder(): TinyDecoderChoice {
    return this.choice;
  }

  /**
   * Looks again for an installed tiny decoder (a host keeps models open): one installed or removed since the model
   * was opened counts from the next generation on, as the model list's `fast-decode` capability already says.
   */
  async refreshTinyDecoder(): Promise<void> {
    if (this.choice.source !== 'folder') this.choice = await DiffusionModel.chooseTinyDecoder(this.dir, this.report);
  }

  /** The TAESD-class tiny decoder previews and fast decode use, when there is one (see `tinyDecoder`). */
  get previewDecoderPath(): string | undefined {
    return this.choice.source === 'none' ? undefined : this.choice.file;
  }

  usePreviewDecoder<T>(work: (m: OnnxModel) => Promise<T>): Promise<T> {
    if (this.choice.source === 'none') throw new TesseraError('UNSUPPORTED', `${this.dir}: ${this.choice.reason}`);
    return this.sessions.use(this.choice.file, work, DIFFUSION_SESSIONS);
  }

  get isInpaintingModel(): boolean {
    return this.report.diffusion?.inpainting ?? false;
  }

  get hasVaeEncoder(): boolean {
    return this.report.diffusion?.vaeEncoderOutput !== undefined;
  }

  private part(rel: string): string {
    return path.join(this.dir, rel);
  }

  /** Runs `work` with a sub-model; in low-memory mode the session lives only for the call. */
  useUnet<T>(work: (m: OnnxModel) => Promise<T>): Promise<T> {
    return this.sessions.use(this.part(DIFFUSION_PARTS.unet), work, UNET_SESSIONS);
  }

  useVaeDecoder<T>(work: (m: OnnxModel) => Promise<T>): Promise<T> {
    return this.sessions.use(this.part(DIFFUSION_PARTS.vaeDecoder), work, VAE_SESSIONS);
  }

  /** Any other ONNX file of this model (the fp16 VAE fallback decoder), through the same session cache. */
  useFile<T>(file: string, work: (m: OnnxModel) => Promise<T>): Promise<T> {
    this.extraFiles.add(file);
    return this.sessions.use(file, work, VAE_SESSIONS);
  }

  useVaeEncoder<T>(work: (m: OnnxModel) => Promise<T>): Promise<T> {
    if (!this.hasVaeEncoder) {
      throw new TesseraError('UNSUPPORTED', `${this.dir}: has no vae_encoder/model.onnx, which image-to-image and inpainting need`);
    }
    return this.sessions.use(this.part(DIFFUSION_PARTS.vaeEncoder), work, VAE_SESSIONS);
  }

  /** The UNet takes LCM's `timestep_cond` (read from the graph when the folder was inspected, before any session). */
  get unetTakesTimestepCond(): boolean {
    return this.report.diffusion?.unetTakesTimestepCond ?? false;
  }

  /** Width of the LCM guidance embedding: the UNet's declared `timestep_cond` width, else the config's. */
  timestepCondDim(unet: OnnxModel): number {
    const dim = unet.input('timestep_cond')?.shape[1];
    return typeof dim === 'number' ? dim : this.timeCondDim;
  }

  /**
   * Loads the networks a normal-mode model keeps (UNet, VAE decoder, tiny decoder), with the options they run with,
   * so that a host or the bench can have them ready before the first generation; low-memory mode loads per use, and
   * the text encoders are loaded per prompt in both modes, so neither is loaded here.
   */
  async loadSessions(): Promise<void> {
    if (this.lowMemory) return;
    await this.sessions.get(this.part(DIFFUSION_PARTS.unet), UNET_SESSIONS);
    await this.sessions.get(this.part(DIFFUSION_PARTS.vaeDecoder), VAE_SESSIONS);
    if (this.previewDecoderPath) await this.sessions.get(this.previewDecoderPath, DIFFUSION_SESSIONS);
  }

  /** Whether its sessions run in low-memory mode (one stage's network resident at a time). */
  get lowMemory(): boolean {
    return this.sessions.lowMemory;
  }

  /** Frees this model's sessions (other models sharing the cache keep theirs). */
  async release(): Promise<void> {
    const opened: [string, ModelSessionOverrides][] = [
      [this.part(DIFFUSION_PARTS.unet), UNET_SESSIONS],
      ...[DIFFUSION_PARTS.vaeDecoder, DIFFUSION_PARTS.vaeEncoder].map((rel): [string, ModelSessionOverrides] => [this.part(rel), VAE_SESSIONS]),
      ...[...this.extraFiles].map((file): [string, ModelSessionOverrides] => [file, VAE_SESSIONS]),
      ...(this.previewDecoderPath ? [[this.previewDecoderPath, DIFFUSION_SESSIONS] as [string, ModelSessionOverrides]] : []),
      ...this.conditioner.parts.map((file): [string, ModelSessionOverrides] => [file, {}]),
    ];
    await Promise.all(opened.map(([file, overrides]) => this.sessions.release(file, overrides)));
  }

}
