// Contract schemas for batch runs in the Gallery: each batch the service ran, as a group (kind, folders, times,
// counts read from its manifest, a few outputs with thumbnails), and one output opened onto the canvas.
import { z } from 'zod';
import { BatchKindSchema } from './batch-schemas.ts';
import { JobIdSchema } from './generation-schemas.ts';
import { EncodedImageSchema, ImageIdSchema } from './image-schemas.ts';

/** Groups listed, newest first; older runs stay recorded only up to BATCH_GROUPS_KEPT. */
export const BATCH_GROUPS_KEPT = 100;
/** Outputs shown per group (with thumbnails); `itemsLeftOut` counts the rest. */
export const BATCH_GROUP_ITEMS_LISTED = 8;
export const BATCH_GROUP_THUMBNAIL_PX = 96;

/** A recorded run's state: running until its job ends (a run cut short by a quit stays running and resumes). */
export const BatchGroupStateSchema = z.enum(['running', 'done', 'failed', 'cancelled']);

export const BatchGroupCountsSchema = z.strictObject({
  done: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  interrupted: z.number().int().nonnegative(),
});

export const BatchGroupItemSchema = z.strictObject({
  /** The manifest's input (relative to the input folder, or `prompts.txt#L3#1` for generate items). */
  input: z.string(),
  /** The first output, relative to the output folder. */
  output: z.string(),
  /** That output fit in BATCH_GROUP_THUMBNAIL_PX (PNG); left out when its file is unreadable. */
  thumbnail: EncodedImageSchema.optional(),
});
export type BatchGroupItem = z.infer<typeof BatchGroupItemSchema>;

/** What the service records of a batch run it started (the data folder's batch-runs.json). */
export const BatchRunRecordSchema = z.strictObject({
  /** The batch job's id. */
  id: JobIdSchema,
  kind: BatchKindSchema,
  /** Null for a generate batch (its inputs are prompts). */
  inputDir: z.string().nullable(),
  outputDir: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  state: BatchGroupStateSchema,
  /** Inputs the run planned (its last progress), null until it reported any. */
  total: z.number().int().nonnegative().nullable(),
  /** The last counts the run reported (done includes those already done before a resume). */
  counts: BatchGroupCountsSchema,
});
export type BatchRunRecord = z.infer<typeof BatchRunRecordSchema>;

export const BatchGroupSchema = BatchRunRecordSchema.extend({
  /** From the folder's manifest (this kind's latest line per input); the recorded ones when the folder is gone. */
  counts: BatchGroupCountsSchema,
  /** False when the output folder or its manifest is no longer there (moved or deleted outside Tessera). */
  folderFound: z.boolean(),
  /** The latest done outputs, newest first. */
  items: z.array(BatchGroupItemSchema),
  itemsLeftOut: z.number().int().nonnegative(),
});
export type BatchGroup = z.infer<typeof BatchGroupSchema>;

export const ListBatchGroupsResultSchema = z.strictObject({ groups: z.array(BatchGroupSchema) });

export const OpenBatchGroupItemArgsSchema = z.strictObject({ id: JobIdSchema, output: z.string().min(1).max(4096) });

export const OpenBatchGroupItemResultSchema = z.strictObject({
  /** The output image, in the canvas image store. */
  imageId: ImageIdSchema,
  image: EncodedImageSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
