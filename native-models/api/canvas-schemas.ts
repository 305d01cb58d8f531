// Contract schemas for the studio canvas: opening an image (with the generation parameters it records),
// pre-encoding the next images of a folder for instant clicks, and rendering a transparent cut-out.
import { z } from 'zod';
import { PARAMETER_LIMITS as L } from './parameter-limits.ts';
import { GenerationParametersSchema } from './generation-parameters.ts';
import { EncodedImageSchema, ImageIdSchema, ImageRefSchema } from './image-schemas.ts';
import { ModelIdSchema } from './model-schemas.ts';

const ImageSizeFields = {
  width: z.number().int().positive(),
  height: z.number().int().positive(),
};

export const OpenImageParamsSchema = z.strictObject({ image: EncodedImageSchema });

/** The parameters a PNG records (Tessera's own: all fields; other tools: what they wrote). */
export const RecordedParametersSchema = GenerationParametersSchema.partial();

export const OpenImageResultSchema = z.strictObject({
  /** The host's id for the image: send it instead of the bytes on later calls. */
  imageId: ImageIdSchema,
  /** After EXIF orientation. */
  ...ImageSizeFields,
  /** Null when the file records none (not a PNG, or no Tessera / A1111 / ComfyUI / InvokeAI metadata). */
  parameters: RecordedParametersSchema.nullable(),
});
export type OpenImageResult = z.infer<typeof OpenImageResultSchema>;

export const PreEncodeParamsSchema = z.strictObject({ modelId: ModelIdSchema, image: ImageRefSchema });
export const PreEncodeResultSchema = z.strictObject({ imageId: ImageIdSchema, ...ImageSizeFields });

export const RenderCutoutParamsSchema = z.strictObject({
  image: ImageRefSchema,
  /** Grey or RGB(A) mask at the image size: white = keep (the rule of decodeMask). */
  mask: ImageRefSchema,
  /** Crop to the mask's bounding box (widened by the feather). */
  crop: z.boolean().default(false),
  /** Soft edge width in pixels (box blur of the alpha). */
  featherPx: z.number().int().min(L.featherPx.min).max(L.featherPx.max).default(0),
});
export type RenderCutoutParams = z.input<typeof RenderCutoutParamsSchema>;

export const RenderCutoutResultSchema = z.strictObject({
  /** RGBA PNG, straight alpha. */
  image: EncodedImageSchema,
  ...ImageSizeFields,
  /** Where the cut-out sits in the source image. */
  box: z.strictObject({ x: z.number().int().nonnegative(), y: z.number().int().nonnegative(), width: z.number().int().positive(), height: z.number().int().positive() }),
});
export type RenderCutoutResult = z.infer<typeof RenderCutoutResultSchema>;
