// The generation parameters recorded in (and read back from) output images, and Tessera's own PNG
// metadata record that carries them as strict JSON.

import { z } from 'zod';

export const GenerationParametersSchema = z.strictObject({
  prompt: z.string(),
  negativePrompt: z.string(),
  steps: z.number().int().positive(),
  /** Sampler / scheduler name: Tessera's own (`euler_a`, `dpmpp_2m_karras`, …) or as a foreign tool spelt it. */
  sampler: z.string().min(1),
  /** Noise schedule when the writer names it apart from the sampler (ComfyUI `scheduler`, A1111 `Schedule type`). */
  scheduleType: z.string().optional(),
  /** Classifier-free guidance scale (A1111 "CFG scale", ComfyUI `cfg`). */
  guidance: z.number().nonnegative(),
  /** Seeds above 2^53 (possible in ComfyUI) lose precision in JSON numbers. */
  seed: z.number().int().nonnegative(),
  /** Image size; with hires fix the base (first pass) size, as A1111's "Size". */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Model name (folder or checkpoint file name). */
  model: z.string(),
  /** img2img strength in [0, 1] (A1111 "Denoising strength"). */
  strength: z.number().min(0).max(1).optional(),
  /** ComfyUI-style denoise fraction in [0, 1]. */
  denoise: z.number().min(0).max(1).optional(),
  /** Number of final CLIP layers skipped, A1111 style (1 = none). */
  clipSkip: z.number().int().positive().optional(),
  /** Hires fix (A1111 "Hires upscale" / "Hires resize", "Hires steps", "Hires upscaler"); its strength is `strength`. */
  hires: z
    .strictObject({
      /** Target = width/height × upscale; absent when a target size was given. */
      upscale: z.number().positive().optional(),
      resizeWidth: z.number().int().positive().optional(),
      resizeHeight: z.number().int().positive().optional(),
      /** Second-pass steps; absent = the base steps (A1111 leaves "Hires steps" out when 0). */
      steps: z.number().int().positive().optional(),
      upscaler: z.string().min(1),
    })
    .optional(),
  /** Outpainting: pixels added per side of the init image and the overlap band repainted inside it. */
  outpaint: z
    .strictObject({
      left: z.number().int().nonnegative(),
      right: z.number().int().nonnegative(),
      top: z.number().int().nonnegative(),
      bottom: z.number().int().nonnegative(),
      overlap: z.number().int().nonnegative(),
    })
    .optional(),
  /** The refiner's second stage (A1111 "Refiner: <title>", "Refiner switch at: 0.8"). */
  refiner: z.strictObject({ model: z.string().min(1), switchAt: z.number().gt(0).lt(1) }).optional(),
  /** Anything else the writer recorded, as text. */
  extra: z.record(z.string(), z.string()).optional(),
});

export type GenerationParameters = z.infer<typeof GenerationParametersSchema>;

/** What a foreign tool's metadata could be mapped onto: any subset of the fields. */
export type PartialGenerationParameters = Partial<GenerationParameters>;

export const TESSERA_METADATA_VERSION = 1;

/** The JSON held in the `tessera` PNG text chunk. */
export const TesseraImageMetadataSchema = z.strictObject({
  version: z.literal(TESSERA_METADATA_VERSION),
  /** The program that wrote the file, e.g. "tessera 0.1.0". */
  generator: z.string().optional(),
  parameters: GenerationParametersSchema,
});

export type TesseraImageMetadata = z.infer<typeof TesseraImageMetadataSchema>;

/** Where a PNG's parameters came from. */
export type MetadataDialect = 'tessera' | 'a1111' | 'stable-diffusion.cpp' | 'comfyui' | 'invokeai';
