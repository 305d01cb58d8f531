// Contract schemas for the gallery: every finished result as a history item (file, parameters, thumbnail,
// content-addressed input images), and the calls that list, open, reveal and delete them.
import { z } from 'zod';
import { GenerationParametersSchema } from './generation-parameters.ts';
import { EncodedImageSchema, ImageIdSchema } from './image-schemas.ts';

export const HistoryIdSchema = z.string().regex(/^hist-[A-Za-z0-9_-]{1,64}$/, { message: 'expected a history id such as "hist-…" from listHistory' });

/** A result's inputs as content-addressed copies in the data folder (`img-<sha256 hex>`), so they outlive the files they came from. */
export const HistoryInputsSchema = z.strictObject({
  initImage: ImageIdSchema.optional(),
  mask: ImageIdSchema.optional(),
});

/** One history entry as the index in the data folder keeps it. */
export const HistoryEntrySchema = z.strictObject({
  id: HistoryIdSchema,
  /** ISO 8601 time the result was recorded. */
  createdAt: z.string(),
  /** Absolute path of the PNG in the output folder. */
  file: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** What reproduces it: the parameters embedded in the PNG. */
  parameters: GenerationParametersSchema,
  /** The model id it was made with (what "Re-use parameters" selects). */
  modelId: z.string(),
  jobId: z.string(),
  inputs: HistoryInputsSchema,
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryItemSchema = HistoryEntrySchema.extend({
  /** A small WebP of the result; null when the thumbnail file is missing. */
  thumbnail: EncodedImageSchema.nullable(),
});
export type HistoryItem = z.infer<typeof HistoryItemSchema>;

export const ListHistoryArgsSchema = z
  .strictObject({
    /** Newest first: 0 is the latest result. */
    offset: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .optional()
  .default({ offset: 0, limit: 100 });

export const ListHistoryResultSchema = z.strictObject({ total: z.number().int().nonnegative(), items: z.array(HistoryItemSchema) });

export const HistoryImagePartSchema = z.enum(['output', 'initImage', 'mask']);

export const GetHistoryImageArgsSchema = z.strictObject({ id: HistoryIdSchema, part: HistoryImagePartSchema.default('output') });

/** The full image, also held by the host under `imageId` so the canvas can use it without re-sending it. */
export const HistoryImageSchema = z.strictObject({
  imageId: ImageIdSchema,
  image: EncodedImageSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});

export const DeleteHistoryItemResultSchema = z.strictObject({
  id: HistoryIdSchema,
  /** Where the file went in the system trash; null when it was already gone. */
  trashedTo: z.string().nullable(),
});

export const HistoryChangedEventSchema = z.strictObject({ reason: z.enum(['added', 'deleted']), ids: z.array(HistoryIdSchema) });
export type HistoryChangedEvent = z.infer<typeof HistoryChangedEventSchema>;
