// Contract schemas for the Models screen beyond install: the Hugging Face cache scan, "Check files", which jobs
// and defaults use each model, the default model per kind, and discarding a paused download.
import { z } from 'zod';
import { JobIdSchema, JobStateSchema } from './generation-schemas.ts';
import { ModelFolderReportSchema, ModelIdSchema } from './model-schemas.ts';

/** The kinds a default can be set for (Settings → defaultModels; "Set as default" on the Installed tab). */
export const DEFAULT_MODEL_KINDS = ['diffusion', 'sam', 'background-removal', 'upscaler'] as const;
export const DefaultModelKindSchema = z.enum(DEFAULT_MODEL_KINDS);
export type DefaultModelKind = z.infer<typeof DefaultModelKindSchema>;

/** Per kind, the model used when none is named (the Studio's first selection, cut-out and upscale defaults). */
export const DefaultModelsSchema = z.strictObject({
  diffusion: ModelIdSchema.optional(),
  sam: ModelIdSchema.optional(),
  'background-removal': ModelIdSchema.optional(),
  upscaler: ModelIdSchema.optional(),
});
export type DefaultModels = z.infer<typeof DefaultModelsSchema>;

export const HfCacheRootSchema = z.strictObject({
  path: z.string(),
  source: z.enum(['HF_HUB_CACHE', 'HF_HOME', 'XDG_CACHE_HOME', 'home']),
  exists: z.boolean(),
});

export const HfCacheModelSchema = z.strictObject({
  repo: z.string(),
  revision: z.string(),
  refs: z.array(z.string()),
  path: z.string(),
  subfolder: z.string(),
  report: ModelFolderReportSchema,
  /** The installed model that already links to this folder, if any. */
  linkedAs: ModelIdSchema.optional(),
  /** A free model name to import it under (from the repo name). */
  suggestedName: z.string(),
});
export type HfCacheModelInfo = z.infer<typeof HfCacheModelSchema>;

export const ScanModelCachesResultSchema = z.strictObject({ roots: z.array(HfCacheRootSchema), models: z.array(HfCacheModelSchema) });

export const FileCheckSchema = z.strictObject({
  path: z.string(),
  status: z.enum(['ok', 'missing', 'size-mismatch', 'hash-mismatch']),
  expectedSize: z.number().int().nonnegative(),
  size: z.number().int().nonnegative().nullable(),
  expectedSha256: z.string().nullable(),
  sha256: z.string().nullable(),
});
export const CheckModelFilesResultSchema = z.strictObject({ modelId: ModelIdSchema, ok: z.boolean(), files: z.array(FileCheckSchema) });
export type CheckModelFilesResult = z.infer<typeof CheckModelFilesResultSchema>;

export const ModelUsageSchema = z.strictObject({
  modelId: ModelIdSchema,
  /** Queued or running jobs on it (Remove is refused while there are any). */
  jobs: z.array(z.strictObject({ jobId: JobIdSchema, state: JobStateSchema, label: z.string().optional() })),
  /** The kinds it is the default for. */
  defaultFor: z.array(DefaultModelKindSchema),
  /** The Studio's current model. */
  selected: z.boolean(),
});
export type ModelUsage = z.infer<typeof ModelUsageSchema>;
export const ListModelUsageResultSchema = z.strictObject({ usage: z.array(ModelUsageSchema) });

export const DiscardInstallResultSchema = z.strictObject({ catalogueId: z.string(), bytesFreed: z.number().nonnegative() });

export const DeleteModelResultSchema = z.strictObject({
  deleted: ModelIdSchema,
  /** Where the folder went in the system trash; absent for a linked model (only the link was removed) and demo models. */
  trashedTo: z.string().optional(),
  unlinked: z.boolean(),
});
