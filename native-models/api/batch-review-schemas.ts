// Contract schemas for reviewing a subject batch in the Studio: the output folder's entries below its review
// threshold, one opened as image + mask, and the corrected mask saved back as that entry's outputs.
import { z } from 'zod';
import { HostAbsolutePath } from './batch-schemas.ts';
import { EncodedImageSchema, ImageIdSchema, ImageRefSchema } from './image-schemas.ts';

/** A manifest entry's input, as the manifest spells it (relative to the input folder, '/' separators). */
const ManifestInput = z.string().min(1).max(4096);

export const ListBatchReviewArgsSchema = z.strictObject({ outputDir: HostAbsolutePath });

export const BatchReviewItemSchema = z.strictObject({
  input: ManifestInput,
  /** Relative to the output folder: the cut-out, then the mask when the batch wrote one. */
  outputs: z.array(z.string()),
  confidence: z.number(),
  reviewBelow: z.number(),
});
export type BatchReviewItem = z.infer<typeof BatchReviewItemSchema>;

export const ListBatchReviewResultSchema = z.strictObject({
  outputDir: z.string(),
  /** False when the folder's batch kept no review queue (no `reviewBelow`): nothing will ever be listed. */
  hasReviewQueue: z.boolean(),
  /** Waiting for review, by input; a saved (reviewed) entry drops out. */
  items: z.array(BatchReviewItemSchema),
});

export const BatchReviewItemArgsSchema = z.strictObject({ inputDir: HostAbsolutePath, outputDir: HostAbsolutePath, input: ManifestInput });

export const OpenBatchReviewItemResultSchema = z.strictObject({
  /** The input image, in the canvas image store. */
  imageId: ImageIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** The batch's mask (white = kept), binarised, at the image size: the selection to refine. */
  mask: EncodedImageSchema,
  confidence: z.number(),
});

export const SaveBatchReviewArgsSchema = z.strictObject({
  ...BatchReviewItemArgsSchema.shape,
  /** The corrected mask at the input image's size (white = kept). */
  mask: ImageRefSchema,
});

export const SaveBatchReviewResultSchema = z.strictObject({
  /** Rewritten, relative to the output folder. */
  outputs: z.array(z.string()),
  /** Entries still waiting for review after this one. */
  remaining: z.number().int().nonnegative(),
});
