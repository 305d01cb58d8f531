// Opens the model a batch needs and builds its job from plain settings: the one place where `tessera batch`
// and the app's Batch panel turn their options into a cut-out, generate or img2img job.
import path from 'node:path';
import { DiffusionModel } from '../pipelines/diffusion/diffusion-model.ts';
import type { SessionCache } from '../runtime/index.ts';
import type { BatchRunner, BatchSummary } from './batch-runner.ts';
import type { ImageFolderOptions } from './image-folder-inputs.ts';
import { createCutoutJob, type CutoutPromptMode } from './processors/cutout-job.ts';
import { createGenerateJob } from './processors/generate-job.ts';
import { defaultStepsAndGuidance, type GenerationSettings } from './processors/generation-settings.ts';
import { createImg2ImgJob } from './processors/img2img-job.ts';
import { openSamSegmenterPort } from './processors/sam-segmenter-port.ts';

/** Generation settings as asked for; steps and guidance left out take the model's regime (SD-Turbo: 4 and 0). */
export type GenerationChoices = Partial<Omit<GenerationSettings, 'modelName'>>;

export type BatchJobSpec =
  | { kind: 'cutout'; modelDir: string; folder: ImageFolderOptions; prompt?: CutoutPromptMode; crop?: boolean; featherPx?: number; writeMask?: boolean }
  | { kind: 'generate'; modelDir: string; promptsFile?: string; promptsText?: string; count?: number; generation: GenerationChoices }
  | { kind: 'img2img'; modelDir: string; folder: ImageFolderOptions; prompt: string; strength: number; generation: GenerationChoices };

export type BatchJobKind = BatchJobSpec['kind'];

export interface OpenedBatchJob {
  run(runner: BatchRunner): Promise<BatchSummary>;
  /** Frees the model; call once the run is over. */
  release(): Promise<void>;
}

function settingsFor(model: DiffusionModel, modelDir: string, choices: GenerationChoices): GenerationSettings {
  const defaults = defaultStepsAndGuidance(model);
  return { ...choices, modelName: path.basename(path.resolve(modelDir)), steps: choices.steps ?? defaults.steps, guidance: choices.guidance ?? defaults.guidance };
}

/** Builds the job on an opened model; when building fails, the model is released before the error leaves. */
async function withModel<M extends { release(): Promise<void> }>(model: M, build: (model: M) => Promise<{ run(runner: BatchRunner): Promise<BatchSummary> }>): Promise<OpenedBatchJob> {
  try {
    const { run } = await build(model);
    return { run, release: () => model.release() };
  } catch (error) {
    await model.release();
    throw error;
  }
}

export async function openBatchJob(spec: BatchJobSpec, sessions: SessionCache): Promise<OpenedBatchJob> {
  if (spec.kind === 'cutout') {
    const { folder, prompt, crop, featherPx, writeMask } = spec;
    return withModel(await openSamSegmenterPort(spec.modelDir, sessions), async (segmenter) => {
      const job = await createCutoutJob({ ...folder, segmenter, prompt, crop, featherPx, writeMask });
      return { run: (runner) => runner.run(job) };
    });
  }
  const model = await DiffusionModel.open(spec.modelDir, sessions);
  if (spec.kind === 'generate') {
    return withModel(model, async (m) => {
      const job = await createGenerateJob({ ...settingsFor(m, spec.modelDir, spec.generation), model: m, promptsFile: spec.promptsFile, promptsText: spec.promptsText, count: spec.count });
      return { run: (runner) => runner.run(job) };
    });
  }
  return withModel(model, async (m) => {
    const job = await createImg2ImgJob({ ...spec.folder, ...settingsFor(m, spec.modelDir, spec.generation), model: m, prompt: spec.prompt, strength: spec.strength });
    return { run: (runner) => runner.run(job) };
  });
}
