// Contract schemas for image upscaling (upscaler models): the one place the tile defaults live, read by the
// engine, the CLI and batch alike.
import { z } from 'zod';
import { EncodedImageSchema, ImageIdSchema, ImageRefSchema } from './image-schemas.ts';
import { HistoryIdSchema } from './history-schemas.ts';
import { ModelIdSchema } from './model-schemas.ts';

/** Tile core side in input pixels (a 512² tile of a ×4 RRDBNet needs about 1.5 GB on CPU) and context per side. */
export const UPSCALE_DEFAULTS = { tile: 512, overlap: 16 } as const;
/** A tile smaller than this is mostly overlap: four times the work for the same picture. */
export const MIN_UPSCALE_TILE = 32;

export const UpscaleTileSchema = z.number().int().min(MIN_UPSCALE_TILE).max(8192);
export const UpscaleOverlapSchema = z.number().int().min(0).max(256);

export const UpscaleImageParamsSchema = z.strictObject({
  /** An upscaler model. */
  modelId: ModelIdSchema,
  image: ImageRefSchema,
  tile: UpscaleTileSchema.optional(),
  overlap: UpscaleOverlapSchema.optional(),
  /** Also keep the result as a gallery item (a PNG in the output folder, with the source's parameters and the upscale). */
  saveToGallery: z.boolean().optional(),
});
export type UpscaleImageParams = z.input<typeof UpscaleImageParamsSchema>;

export const UpscaleImageResultSchema = z.strictObject({
  /** The input image's id. */
  imageId: ImageIdSchema,
  /** The upscaled image as RGB PNG, width × height. */
  image: EncodedImageSchema,
  /** The upscaled image as the host holds it, for the canvas to use without sending it back. */
  upscaledImageId: ImageIdSchema,
  /** The gallery item made with `saveToGallery`. */
  historyId: HistoryIdSchema.optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  scale: z.number().int().positive(),
  tiles: z.number().int().positive(),
});
export type UpscaleImageResult = z.infer<typeof UpscaleImageResultSchema>;
