// Contract schemas for folder batches started from the app: the request per job kind (cut-out, generate from
// a prompt list, img2img, upscale), pause/resume, and the summary read back from an output folder's manifest.
import { z } from 'zod';
import { PARAMETER_LIMITS as L } from './parameter-limits.ts';
import { GenerateParamsSchema, JobIdSchema } from './generation-schemas.ts';
import { HiresFixSchema, OutpaintSchema } from './outpaint-hires-schemas.ts';
import { ModelIdSchema } from './model-schemas.ts';
import { EverythingOptionsSchema } from './segment-everything-schemas.ts';
import { UpscaleOverlapSchema, UpscaleTileSchema } from './upscale-schemas.ts';

export const BATCH_KINDS = ['cutout', 'generate', 'img2img', 'upscale'] as const;
export const BatchKindSchema = z.enum(BATCH_KINDS);
export type BatchKind = z.infer<typeof BatchKindSchema>;

/**
 * The object a cut-out keeps, as `tessera batch cutout --prompt` (batch/processors/cutout-job.ts, which takes this
 * list): a click mode of a Segment Anything model, `subject` (a background-removal model's subject with no prompt at
 * all), or `everything` (no cut-out: every mask SAM's automatic generator finds, into the image's x.regions.json,
 * for COCO / YOLO files).
 */
export const CUTOUT_PROMPTS = ['center', 'box-file', 'everything-largest', 'subject', 'everything'] as const;

/** Absolute on the host's machine: `/…` (POSIX), `C:\…` or `\\server\…` (Windows). */
export const HostAbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, { message: 'expected an absolute path on the host' });

export const CutoutBatchOptionsSchema = z.strictObject({
  /** Left out: `subject` with a background-removal model, `center` with SAM. */
  prompt: z.enum(CUTOUT_PROMPTS).optional(),
  /** `subject` mode: entries whose confidence is below this are marked for review (and listed in review.jsonl). */
  reviewBelow: z.number().min(0).max(1).optional(),
  /** Crop each cut-out to its object (widened by the feather). */
  crop: z.boolean().default(false),
  /** Feather radius of the cut-out's alpha, pixels. */
  featherPx: z.number().int().min(L.featherPx.min).max(L.featherPx.max).default(0),
  /** Write the mask PNG beside each cut-out. */
  writeMask: z.boolean().default(true),
  /** Include sub-folders of the input folder. */
  recursive: z.boolean().default(false),
  /**
   * Segment-everything's options for prompt modes everything and everything-largest, as `segment --everything` and
   * `batch cutout --points-per-side …` take them (EverythingOptionsSchema); one left out is EVERYTHING_DEFAULTS'.
   */
  everything: EverythingOptionsSchema.partial().optional(),
});

// The limits of a single generation (GenerateParamsSchema); steps and guidance left out take the model's regime.
const g = GenerateParamsSchema.shape;
const generationChoices = {
  negativePrompt: g.negativePrompt,
  scheduler: g.scheduler,
  steps: g.steps.optional(),
  guidance: g.guidance.optional(),
  /** Base seed; left out, each item's seed is derived from its content (a re-run makes the same images). */
  seed: g.seed.optional(),
  width: g.width.optional(),
  height: g.height.optional(),
  /** The tiny decoder instead of the VAE for every image (GenerateParams' fastDecode); left out = the default. */
  fastDecode: z.boolean().optional(),
  /** The SDXL refiner's second stage of every image (GenerateParams' refiner; `tessera batch --refiner`). */
  refiner: g.refiner,
};
const bothSizesOrNeither = { message: 'expected both width and height, or neither', path: ['width'] };

export const GenerateBatchOptionsSchema = z
  .strictObject({
    /** One prompt per entry (plain text or a JSON line with its own options, as in a prompts file). */
    prompts: z.array(z.string().max(20_000).regex(/^[^\r\n]*$/, { message: 'expected one line per prompt' })).min(1).max(10_000).optional(),
    /** Or a prompts file on the host. */
    promptsFile: HostAbsolutePath.optional(),
    /** Images per prompt unless a line says otherwise. */
    count: z.number().int().min(L.batchCount.min).max(L.batchCount.max).default(1),
    ...generationChoices,
    /** Hires fix of every image, as the Generate form's (same schema and defaults). */
    hires: HiresFixSchema.optional(),
  })
  .refine((o) => (o.prompts === undefined) !== (o.promptsFile === undefined), { message: 'expected either a prompt list or a prompts file', path: ['prompts'] })
  .refine((o) => (o.width === undefined) === (o.height === undefined), bothSizesOrNeither);

export const Img2ImgBatchOptionsSchema = z
  .strictObject({
    prompt: z.string().max(20_000),
    /** Fraction of the schedule run, (0, 1]. */
    strength: z.number().gt(L.strength.min).max(L.strength.max),
    recursive: z.boolean().default(false),
    ...generationChoices,
    /** Outpaint every image by these sides (as the Generate form's outpaint; the size follows each image). */
    outpaint: OutpaintSchema.optional(),
  })
  .refine((o) => (o.width === undefined) === (o.height === undefined), bothSizesOrNeither)
  .refine((o) => o.outpaint === undefined || o.width === undefined, { message: 'expected no width/height with outpaint (the size follows each image)', path: ['outpaint'] });

/** Tile and overlap left out take UPSCALE_DEFAULTS, as `tessera batch upscale`. */
export const UpscaleBatchOptionsSchema = z.strictObject({
  tile: UpscaleTileSchema.optional(),
  overlap: UpscaleOverlapSchema.optional(),
  recursive: z.boolean().default(false),
});

/** Confirms an output folder inside a hidden folder of the home directory (~/.ssh, ~/.config, …), refused otherwise. */
const allowHiddenOutput = z.boolean().optional();

export const StartBatchParamsSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('cutout'), modelId: ModelIdSchema, inputDir: HostAbsolutePath, outputDir: HostAbsolutePath, allowHiddenOutput, options: CutoutBatchOptionsSchema.prefault({}) }),
  z.strictObject({ kind: z.literal('generate'), modelId: ModelIdSchema, outputDir: HostAbsolutePath, allowHiddenOutput, options: GenerateBatchOptionsSchema }),
  z.strictObject({ kind: z.literal('img2img'), modelId: ModelIdSchema, inputDir: HostAbsolutePath, outputDir: HostAbsolutePath, allowHiddenOutput, options: Img2ImgBatchOptionsSchema }),
  z.strictObject({ kind: z.literal('upscale'), modelId: ModelIdSchema, inputDir: HostAbsolutePath, outputDir: HostAbsolutePath, allowHiddenOutput, options: UpscaleBatchOptionsSchema.prefault({}) }),
]);
export type StartBatchParams = z.input<typeof StartBatchParamsSchema>;
export type StartBatchRequest = z.output<typeof StartBatchParamsSchema>;

export const BatchPauseResultSchema = z.strictObject({ jobId: JobIdSchema, paused: z.boolean() });

export const GetBatchSummaryArgsSchema = z.strictObject({
  outputDir: HostAbsolutePath,
  /** Only this kind's lines (one folder may hold a cut-out and an img2img batch). */
  kind: BatchKindSchema.optional(),
});

export const BatchFailureSchema = z.strictObject({ input: z.string(), code: z.string().optional(), error: z.string() });

/** At most this many failures are listed; `failuresLeftOut` counts the rest. */
export const BATCH_FAILURES_LISTED = 500;

export const BatchFolderSummarySchema = z.strictObject({
  outputDir: z.string(),
  manifestPath: z.string(),
  /** A manifest is there: starting the same batch again resumes it. */
  exists: z.boolean(),
  /** Job kinds the manifest records. */
  kinds: z.array(z.string()),
  /** Inputs by their latest state; `interrupted` were being written when a run stopped (redone on resume). */
  counts: z.strictObject({
    done: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    interrupted: z.number().int().nonnegative(),
  }),
  failures: z.array(BatchFailureSchema),
  failuresLeftOut: z.number().int().nonnegative(),
  /** Time of the latest line, ISO 8601; null without a manifest. */
  updatedAt: z.string().nullable(),
});
export type BatchFolderSummary = z.infer<typeof BatchFolderSummarySchema>;
