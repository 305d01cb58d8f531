// The schemas of what travels through Redis: a batch's spec (paths and parameters, never image bytes), the
// job of one item, and the result a worker pushes when an item settles. Checked wherever they are read back.

import { z } from 'zod';
import { TesseraError } from '../../api/errors.ts';
import type { ManifestEntry } from '../manifest-entry.ts';
import { BatchJobSpecSchema } from '../batch-job-spec.ts';

// A distributed batch's spec is a batch's spec (batch-job-spec.ts), its paths absolute and `model` a model name.
export { BatchJobSpecSchema as DistributedBatchSpecSchema, type GenerationOverrides } from '../batch-job-spec.ts';
export type { BatchJobSpec as DistributedBatchSpec } from '../batch-job-spec.ts';

export const ItemJobSchema = z
  .object({
    batchId: z.string(),
    spec: BatchJobSpecSchema,
    /** Manifest key of the item (relative input path, or `prompts.txt#L3#2`). */
    input: z.string(),
    /** Planned outputs relative to the output folder. */
    outputs: z.array(z.string()).min(1),
    /** Existing files at the planned paths may be replaced (--overwrite, or this batch's manifest claims them). */
    overwrite: z.boolean(),
    /** The item's earlier `done` line: with the same content hash and its outputs present, it is already done. */
    previous: z.object({ hash: z.string(), outputs: z.array(z.string()) }).optional(),
    /** Free names for the new outputs should the input's content differ from `previous` (its outputs are kept). */
    changedOutputs: z.array(z.string()).min(1).optional(),
  })
  .strict();
export type ItemJob = z.infer<typeof ItemJobSchema>;

const ManifestLineSchema = z
  .object({ input: z.string(), status: z.enum(['done', 'failed']), outputs: z.array(z.string()), job: z.string(), at: z.string() })
  .passthrough();

export const ItemResultSchema = z.discriminatedUnion('status', [
  z.object({ input: z.string(), status: z.literal('alreadyDone') }),
  z.object({ input: z.string(), status: z.literal('done'), entry: ManifestLineSchema }),
  z.object({ input: z.string(), status: z.literal('failed'), entry: ManifestLineSchema }),
]);
/** What a worker pushes when an item settles: its final manifest line, or that it was done before. */
export type ItemResult = { input: string; status: 'alreadyDone' } | { input: string; status: 'done' | 'failed'; entry: ManifestEntry };

/** Parses with a schema, turning a mismatch into INVALID_ARGUMENT naming the first bad field. */
export function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : '(root)';
  throw new TesseraError('INVALID_ARGUMENT', `${what}: got an invalid ${where} (${issue?.message ?? 'unknown problem'}), expected a ${what} written by this version of Tessera`);
}
