// Contract schemas for generation: the request (text-to-image, img2img, inpaint), its queued job, progress
// events with optional latent previews, and results.
import { z } from 'zod';
import { PARAMETER_LIMITS as L } from './parameter-limits.ts';
import { EncodedImageSchema, ImageIdSchema, ImageRefSchema } from './image-schemas.ts';
import { ModelIdSchema } from './model-schemas.ts';
import { HiresFixSchema, OutpaintSchema } from './outpaint-hires-schemas.ts';
import { DEFAULT_FAST_DECODE } from './generation-defaults.ts';
import { RefinerSchema } from './refiner-schemas.ts';

const multipleOf8 = () =>
  z
    .number()
    .int()
    .min(L.size.min)
    .max(L.size.max)
    .refine((v) => v % L.size.multipleOf === 0, { message: 'expected a multiple of 8 (latents are 1/8 of the image size)' });

export const GenerateParamsSchema = z
  .strictObject({
    modelId: ModelIdSchema,
    prompt: z.string().max(20_000),
    negativePrompt: z.string().max(20_000).default(''),
    /** Scheduler short name (`euler_a`, `dpmpp_2m_karras`, …); absent = the model's own. */
    scheduler: z.string().min(1).max(64).optional(),
    steps: z.number().int().min(L.steps.min).max(L.steps.max),
    guidance: z.number().min(L.guidance.min).max(L.guidance.max),
    seed: z.number().int().min(L.seed.min).max(L.seed.max),
    width: multipleOf8(),
    height: multipleOf8(),
    /** Images to make; image k uses seed + k. */
    count: z.number().int().min(L.count.min).max(L.count.max).default(1),
    initImage: ImageRefSchema.optional(),
    /** img2img: fraction of the schedule to run, (0, 1]. */
    strength: z.number().gt(L.strength.min).max(L.strength.max).optional(),
    /** Inpainting mask (white = repaint), the same size as the init image. */
    mask: ImageRefSchema.optional(),
    /** Send a latent preview every N steps (0 = none). */
    previewEvery: z.number().int().min(0).max(1000).default(1),
    /** Extend the init image and generate the new area; width × height are then the extended size. */
    outpaint: OutpaintSchema.optional(),
    /** Text-to-image at width × height, upscaled, then a second img2img pass at the hires size. */
    hires: HiresFixSchema.optional(),
    /** A second model (SDXL refiner) that takes the same schedule over from the base at `switchAt`. */
    refiner: RefinerSchema.optional(),
    /** Decode the final latents with the model's tiny decoder (preview_decoder/) instead of the VAE. */
    fastDecode: z.boolean().default(DEFAULT_FAST_DECODE),
  })
  .refine((p) => p.strength === undefined || p.initImage !== undefined, { message: 'strength needs an init image', path: ['strength'] })
  .refine((p) => p.mask === undefined || p.initImage !== undefined, { message: 'a mask needs an init image to inpaint', path: ['mask'] })
  .refine((p) => p.outpaint === undefined || (p.initImage !== undefined && p.mask === undefined), { message: 'outpaint needs an init image and makes its own mask (leave mask out)', path: ['outpaint'] })
  .refine((p) => p.hires === undefined || p.initImage === undefined, { message: 'hires fix is a text-to-image option (leave init image out)', path: ['hires'] })
  .refine((p) => p.refiner === undefined || p.mask === undefined, { message: 'the refiner stage runs for text-to-image and image-to-image (leave the mask out)', path: ['refiner'] });
export type GenerateParams = z.input<typeof GenerateParamsSchema>;
export type GenerateRequest = z.output<typeof GenerateParamsSchema>;

export const JobIdSchema = z.string().regex(/^job-[A-Za-z0-9_-]{1,64}$/, { message: 'expected a job id such as "job-…" handed out by the host' });

export const JobKindSchema = z.enum(['generate', 'install', 'batch', 'grid']);
export const JobStateSchema = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);

export const JobTicketSchema = z.strictObject({
  jobId: JobIdSchema,
  /** Jobs ahead of this one on the same model (0 = runs now). */
  queuePosition: z.number().int().nonnegative(),
});

export const GeneratedImageSchema = z.strictObject({
  imageId: ImageIdSchema,
  image: EncodedImageSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  seed: z.number().int().nonnegative(),
  scheduler: z.string(),
  stepsRun: z.number().int().nonnegative(),
});
export type GeneratedImageData = z.infer<typeof GeneratedImageSchema>;

export const CountPromptTokensArgsSchema = z.strictObject({
  modelId: z.string().min(1).max(300),
  prompt: z.string().max(20_000),
});

export const CountPromptTokensResultSchema = z.strictObject({
  /** Prompt tokens in each 77-token chunk the text encoder gets, in order (BOS/EOS/padding not counted). */
  chunks: z.array(z.number().int().nonnegative()).min(1),
  /** Tokens a chunk holds: the encoder's length less BOS and EOS (75). */
  chunkCapacity: z.number().int().positive(),
});

export const GenerationProgressEventSchema = z.strictObject({
  jobId: JobIdSchema,
  /** 1-based step just finished, of `totalSteps`, in image batch `batchIndex` (0-based) of `batchCount`. */
  step: z.number().int().nonnegative(),
  totalSteps: z.number().int().nonnegative(),
  batchIndex: z.number().int().nonnegative(),
  batchCount: z.number().int().positive(),
  elapsedMs: z.number().nonnegative(),
  /** X/Y plot jobs: `batchIndex` and `batchCount` count the grid's cells (cells done = batchIndex). */
  unit: z.enum(['image', 'cell']).optional(),
  /** Latent-resolution preview of the first image of the batch, when one was made this step. */
  preview: EncodedImageSchema.optional(),
  /**
   * The memory guard's notice when it chose low-memory mode for this model (its estimated peak against the free
   * RAM), or when even low-memory mode may not fit; absent when the mode asked for fits.
   */
  memoryNotice: z.string().optional(),
});
export type GenerationProgressEvent = z.infer<typeof GenerationProgressEventSchema>;
