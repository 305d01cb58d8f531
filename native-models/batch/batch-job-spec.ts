// What a folder batch is, as plain data: its kind, model, folders and options. `tessera batch`, the app's Batch
// panel and distributed batches (where it travels through Redis, paths and parameters, never image bytes) all
// describe a batch with it, and batch-job-factory.ts turns it into the job.

import { HiresFixSchema, OutpaintSchema } from '../api/outpaint-hires-schemas.ts';
import { RefinerSchema } from '../api/refiner-schemas.ts';
import { basename, resolve } from 'node:path';
import { z } from 'zod';
import { PARAMETER_LIMITS as L } from '../api/parameter-limits.ts';
import { modelIdFromName } from '../models/manager/models-root.ts';
import { CUTOUT_PROMPT_MODES } from './processors/cutout-job.ts';
import { UpscaleOverlapSchema, UpscaleTileSchema } from '../api/upscale-schemas.ts';
import { EverythingOptionsSchema } from '../api/segment-everything-schemas.ts';

export const BATCH_JOB_KINDS = ['cutout', 'generate', 'img2img', 'upscale'] as const;

const absolutePath = z.string().refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), 'expected an absolute path');

const folderInputs = {
  inputDir: absolutePath,
  recursive: z.boolean().optional(),
  allowOutputInsideInput: z.boolean().optional(),
  limitInputPixels: z.number().int().positive().optional(),
};

/** Generation settings as given; steps and guidance left out take the model's regime (SD-Turbo: 4 and 0). */
const GenerationOverridesSchema = z
  .object({
    negativePrompt: z.string().optional(),
    steps: z.number().int().min(L.steps.min).max(L.steps.max).optional(),
    guidance: z.number().min(L.guidance.min).max(L.guidance.max).optional(),
    scheduler: z.string().optional(),
    seed: z.number().int().nonnegative().optional(),
    width: z.number().int().min(L.size.min).max(L.size.max).multipleOf(L.size.multipleOf).optional(),
    height: z.number().int().min(L.size.min).max(L.size.max).multipleOf(L.size.multipleOf).optional(),
    /** The tiny decoder instead of the VAE (GenerateParams' fastDecode). */
    fastDecode: z.boolean().optional(),
    /** Hires fix of every image (generate batches; text-to-image only). */
    hires: HiresFixSchema.optional(),
    /** Outpainting of every image (img2img batches): each is extended by the same sides. */
    outpaint: OutpaintSchema.optional(),
    /** The refiner stage of every image: `model` is its folder (a path here; on workers, its name, as `model`). */
    refiner: z.strictObject({ model: z.string().min(1), switchAt: RefinerSchema.shape.switchAt }).optional(),
  })
  .strict();

/** `model`: the model folder (a path when run here; on workers, the folder's name, see modelNameOf). */
const common = { model: z.string().min(1), outputDir: absolutePath };

/**
 * Parsed where a spec is read back from Redis; a local run builds the type directly (its paths may be relative).
 * Generate takes a prompts file or the same lines as text (the app's prompt list), exactly one of them.
 */
export const BatchJobSpecSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('cutout'),
      ...common,
      ...folderInputs,
      prompt: z.enum(CUTOUT_PROMPT_MODES).optional(),
      crop: z.boolean().optional(),
      featherPx: z.number().int().min(L.featherPx.min).max(L.featherPx.max).optional(),
      writeMask: z.boolean().optional(),
      reviewBelow: z.number().min(0).max(1).optional(),
      /** Segment-everything's options (prompt modes everything, everything-largest), as `segment --everything`'s. */
      everything: EverythingOptionsSchema.partial().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('generate'),
      ...common,
      promptsFile: absolutePath.optional(),
      promptsText: z.string().optional(),
      count: z.number().int().min(1).max(1000).optional(),
      settings: GenerationOverridesSchema,
    })
    .strict(),
  z.object({ kind: z.literal('img2img'), ...common, ...folderInputs, prompt: z.string(), strength: z.number().gt(L.strength.min).max(L.strength.max), settings: GenerationOverridesSchema }).strict(),
  z.object({ kind: z.literal('upscale'), ...common, ...folderInputs, tile: UpscaleTileSchema.optional(), overlap: UpscaleOverlapSchema.optional() }).strict(),
]);
export type BatchJobSpec = z.infer<typeof BatchJobSpecSchema>;
export type BatchJobKind = BatchJobSpec['kind'];
export type GenerationOverrides = z.infer<typeof GenerationOverridesSchema>;

/** The spec as it travels to other machines: paths absolute (resolved here), the model by its name. */
export function portableSpec(spec: BatchJobSpec): BatchJobSpec {
  const model = modelNameOf(spec.model);
  const outputDir = resolve(spec.outputDir);
  if (spec.kind === 'generate') return { ...spec, model, outputDir, settings: portableSettings(spec.settings), ...(spec.promptsFile !== undefined ? { promptsFile: resolve(spec.promptsFile) } : {}) };
  if (spec.kind === 'img2img') return { ...spec, model, outputDir, inputDir: resolve(spec.inputDir), settings: portableSettings(spec.settings) };
  return { ...spec, model, outputDir, inputDir: resolve(spec.inputDir) };
}

/** A refiner travels by its name too: workers open it from their own models. */
function portableSettings(settings: GenerationOverrides): GenerationOverrides {
  return settings.refiner ? { ...settings, refiner: { ...settings.refiner, model: modelNameOf(settings.refiner.model) } } : settings;
}

/** A model's name as recorded in manifests and PNGs and as workers know it: the folder's base name, made portable. */
export function modelNameOf(modelDirOrName: string): string {
  return modelIdFromName(basename(resolve(modelDirOrName)));
}
