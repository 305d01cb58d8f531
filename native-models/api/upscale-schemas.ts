// Contract schemas for image upscaling (upscaler models): the one place the tile defaults live, read by the
// engine, the CLI and batch alike.
import { z } from 'zod';

/** Tile core side in input pixels (a 512² tile of a ×4 RRDBNet needs about 1.5 GB on CPU) and context per side. */
export const UPSCALE_DEFAULTS = { tile: 512, overlap: 16 } as const;
/** A tile smaller than this is mostly overlap: four times the work for the same picture. */
export const MIN_UPSCALE_TILE = 32;

export const UpscaleTileSchema = z.number().int().min(MIN_UPSCALE_TILE).max(8192);
export const UpscaleOverlapSchema = z.number().int().min(0).max(256);

export const UpscaleImageParamsSchema = z.strictObject({
  /** An upscaler model id (installed folder name or demo-pack/<folder>). */
  modelId: z.string().min(1),
  imageId: z.string().min(1),
  tile: UpscaleTileSchema.optional(),
  overlap: UpscaleOverlapSchema.optional(),
});

export const UpscaleImageResultSchema = z.strictObject({
  /** The upscaled image, stored like any other image. */
  imageId: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  scale: z.number().int().positive(),
  tiles: z.number().int().positive(),
});
