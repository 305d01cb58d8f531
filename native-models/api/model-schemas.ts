// Contract schemas for model folders: the `models check` report (mirrors models/model-folder-report.ts; the
// service checks at compile time that the engine's type satisfies it), installed models and catalogue entries.
import { z } from 'zod';
import { ERROR_CODES } from './errors.ts';

/** The import options that can resolve a folder problem (a host asks the user for it instead of refusing the folder). */
export const IMPORT_OPTION_NAMES = ['latentFamily'] as const;

export const FolderProblemSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** Set when giving this `importModel` option resolves the problem (a tiny decoder's unrecorded latent family). */
  solvedByImportOption: z.enum(IMPORT_OPTION_NAMES).optional(),
});

/** VAE latent spaces a tiny decoder serves: SD 1.x and 2.x share one VAE (taesd), SDXL has its own (taesdxl). */
export const LATENT_FAMILY_NAMES = ['sd', 'sdxl'] as const;
export type LatentFamilyName = (typeof LATENT_FAMILY_NAMES)[number];
export const LATENT_FAMILY_LABELS: Record<LatentFamilyName, string> = { sd: 'SD 1.x/2.x', sdxl: 'SDXL' };
export const LatentFamilySchema = z.enum(LATENT_FAMILY_NAMES);

export const DiffusionDetailsSchema = z.strictObject({
  family: z.enum(['sd1', 'sd2', 'sdxl', 'unknown']),
  hiddenSize: z.number().int().optional(),
  predictionType: z.enum(['epsilon', 'v_prediction', 'sample']),
  inpainting: z.boolean(),
  fewStep: z.enum(['turbo', 'lcm']).optional(),
  schedulerClass: z.string().optional(),
  exporter: z.enum(['optimum', 'optimum-1.24+', 'legacy-diffusers', 'olive', 'unknown']),
  inputIdsType: z.string().optional(),
  timestep: z.strictObject({ type: z.string(), rank: z.number().int() }).optional(),
  vaeEncoderOutput: z.enum(['latent_sample', 'latent_parameters']).optional(),
  extraUnetInputs: z.array(z.string()),
  unetTakesTimestepCond: z.boolean(),
  supports: z.strictObject({ textToImage: z.boolean(), imageToImage: z.boolean(), inpainting: z.boolean() }),
  hasPreviewDecoder: z.boolean(),
  sdxl: z
    .strictObject({
      role: z.enum(['base', 'turbo', 'inpainting', 'refiner']),
      encoders: z.array(
        z.strictObject({
          part: z.enum(['text_encoder', 'text_encoder_2']),
          tokenizer: z.enum(['tokenizer', 'tokenizer_2']),
          hiddenState: z.string(),
          width: z.number().int().optional(),
        }),
      ),
      forceZerosForEmptyPrompt: z.boolean(),
      timeIdsLength: z.union([z.literal(5), z.literal(6)]),
    })
    .optional(),
});

/** Segment Anything export families, told apart by their graphs' tensor names (models/sam-family.ts). */
export const SAM_FAMILY_NAMES = ['sam', 'sam2-samexporter', 'sam2-ort', 'sam2-transformers'] as const;

export const SamDetailsSchema = z.strictObject({
  encoderFile: z.string(),
  decoderFile: z.string(),
  encoderLayout: z.enum(['nchw-preprocessed', 'hwc-raw', 'nchw-stretched', 'unknown']),
  family: z.enum(SAM_FAMILY_NAMES),
});

/** Background-removal families (their contracts: models/subject-contracts.ts). */
export const SUBJECT_FAMILY_NAMES = ['u2net', 'u2netp', 'u2net_human_seg', 'isnet-general-use', 'isnet-anime', 'birefnet-general', 'birefnet-general-lite', 'birefnet-portrait', 'bria-rmbg-1.4'] as const;

export const BackgroundRemovalDetailsSchema = z.strictObject({
  modelFile: z.string(),
  family: z.enum(SUBJECT_FAMILY_NAMES),
  group: z.enum(['u2net', 'isnet', 'birefnet', 'rmbg-1.4']),
  detectedBy: z.enum(['graph', 'tessera.json', 'file name']),
  inputName: z.string(),
  size: z.number().int().positive(),
  outputCount: z.number().int().positive(),
  logits: z.boolean(),
});

/** Image upscalers (Real-ESRGAN-style ONNX; models/upscaler-folder-inspect.ts). */
export const UpscalerDetailsSchema = z.strictObject({
  modelFile: z.string(),
  inputName: z.string(),
  outputName: z.string(),
  dtype: z.enum(['float32', 'float16']),
  scale: z.number().int().positive().optional(),
  fixedSize: z.tuple([z.number().int().positive(), z.number().int().positive()]).optional(),
});

/** TAESD-class tiny decoders (models/tiny-decoder-folder.ts): the latent family they serve, their output range. */
export const TinyDecoderDetailsSchema = z.strictObject({
  decoderFile: z.string(),
  inputName: z.string(),
  outputRange: z.enum(['signed', 'unit']),
  latentFamily: LatentFamilySchema.optional(),
});

export const MODEL_KINDS = ['diffusion', 'tiny-decoder', 'sam', 'background-removal', 'upscaler', 'unknown'] as const;

export const ModelFolderReportSchema = z.strictObject({
  path: z.string(),
  kind: z.enum(MODEL_KINDS),
  variant: z.string(),
  precision: z.enum(['fp32', 'fp16', 'mixed', 'unknown']),
  sizeBytes: z.number().nonnegative(),
  synthetic: z.boolean(),
  /** Demo folders only: the words its text encoder understands and what it paints. */
  demoPrompt: z.strictObject({ words: z.array(z.string()), hint: z.string() }).optional(),
  diffusion: DiffusionDetailsSchema.optional(),
  sam: SamDetailsSchema.optional(),
  backgroundRemoval: BackgroundRemovalDetailsSchema.optional(),
  upscaler: UpscalerDetailsSchema.optional(),
  tinyDecoder: TinyDecoderDetailsSchema.optional(),
  problems: z.array(FolderProblemSchema),
  usable: z.boolean(),
});
export type ModelFolderReportData = z.infer<typeof ModelFolderReportSchema>;

/** A model id: an installed folder name, or `demo-pack/<folder>` for the synthetic demo models. */
export const ModelIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(demo-pack\/)?[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'expected a model folder name (letters, digits, ".", "_", "-"), optionally under demo-pack/' });

/** The tasks a host may offer for a model (CLI `generate` / `--init` / `--mask`, `segment`; Studio buttons). */
/** `fast-decode`: the final image through a tiny decoder (the folder's own, or an installed one of its latent family). */
export const MODEL_TASKS = ['txt2img', 'img2img', 'inpaint', 'segment', 'fast-decode'] as const;
export const ModelTaskSchema = z.enum(MODEL_TASKS);
export type ModelTask = z.infer<typeof ModelTaskSchema>;

export const ModelCapabilitySchema = z.strictObject({
  task: ModelTaskSchema,
  available: z.boolean(),
  /** Why the model cannot do it, in words a user can act on. */
  reason: z.string().optional(),
});
export type ModelCapability = z.infer<typeof ModelCapabilitySchema>;

export const InstalledModelSchema = z.strictObject({
  id: ModelIdSchema,
  /** Display name: the catalogue's name when installed from it, else the folder name. */
  name: z.string(),
  /** Part of Tessera's synthetic demo pack (not a trained model). */
  demo: z.boolean(),
  linked: z.boolean(),
  source: z.enum(['catalogue', 'import', 'demo', 'manual']),
  report: ModelFolderReportSchema,
  /** What it can do, one entry per task of MODEL_TASKS. */
  capabilities: z.array(ModelCapabilitySchema),
});
export type InstalledModelInfo = z.infer<typeof InstalledModelSchema>;

export const ListModelsResultSchema = z.strictObject({
  modelsRoot: z.string(),
  /** The model the app opens with (the demo pack's first diffusion model on a first run). */
  selectedId: ModelIdSchema.nullable(),
  models: z.array(InstalledModelSchema),
});

export const CatalogueItemSchema = z.strictObject({
  id: z.string(),
  displayName: z.string(),
  kind: z.enum(['diffusion', 'tiny-decoder', 'sam', 'background-removal', 'upscaler']),
  /** What the model does: text-to-image, inpainting, turbo, segmentation, background-removal, upscaler. */
  task: z.string(),
  licence: z.string(),
  licenceId: z.string(),
  licenceUrl: z.string(),
  nonCommercial: z.boolean(),
  /** Accepted in this data folder already: the next install starts without asking. */
  licenceAccepted: z.boolean(),
  homepage: z.string(),
  description: z.string().optional(),
  /** Sum of the known or approximate file sizes; null when unknown. */
  approxBytes: z.number().nonnegative().nullable(),
  /** True when every required file has an exact published size (checked after download); else approxBytes is an estimate. */
  sizeVerified: z.boolean(),
  /** `pinned`: every required file has a published sha256 or md5 that is checked; `not-published`: none has (the sha256 is measured and recorded on first download). */
  hashStatus: z.enum(['pinned', 'partly-pinned', 'not-published']),
  /** Where the entry's sizes, hashes and URLs come from, and what was not verified. */
  integrityNote: z.string(),
  installed: z.boolean(),
  /** Bytes of an unfinished download on disk (paused, cancelled or cut off by a restart); 0 when none. */
  partialBytes: z.number().nonnegative(),
});
