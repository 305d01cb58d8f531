// Contract schemas for the app settings kept in the data folder: execution provider, threads, output and models
// folders, low-memory mode, the Redis URL of the distributed batch and the pixel limit of decoded images.
import { z } from 'zod';
import { PARAMETER_LIMITS as L } from './parameter-limits.ts';
import { ConcreteProviderSchema } from './health-schemas.ts';
import { DEFAULT_MAX_PIXELS, MaxPixelsSchema } from './image-schemas.ts';
import { DefaultModelsSchema } from './model-manager-schemas.ts';

export const ProviderSettingSchema = z.enum(['auto', ...ConcreteProviderSchema.options]);

/** Absolute on the host's machine: `/…` (POSIX), `C:\…` or `\\server\…` (Windows). */
const AbsolutePath = z
  .string()
  .min(1)
  .max(4096)
  .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, { message: 'expected an absolute folder path' });

/** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS). */
export const RedisUrlSchema = z
  .string()
  .max(2048)
  .regex(/^rediss?:\/\/([^\s/@]+@)?[^\s/:@?#]+(:\d{1,5})?(\/\d{0,2})?$/, { message: 'expected redis://host[:port][/db] or rediss://… (TLS)' });

export const SettingsSchema = z.strictObject({
  provider: ProviderSettingSchema,
  /** Intra-op threads per session; 0 lets ONNX Runtime choose (one per physical core). */
  threads: z.number().int().min(L.threads.min).max(L.threads.max),
  /** Where results are written; null = `outputs` in the data folder. */
  outputDir: AbsolutePath.nullable(),
  /** The models folder; null = the default (TESSERA_MODELS_DIR, else the platform's per-user folder). */
  modelsDir: AbsolutePath.nullable(),
  /** Load each network only while it runs (lower peak memory, slower). */
  lowMemory: z.boolean(),
  /** The Redis server of the distributed batch; null = none (stored only, used by the batch). */
  redisUrl: RedisUrlSchema.nullable(),
  /** Largest width × height of an image decoded (opened, uploaded, batch input); larger ones are refused from the header. */
  maxPixels: MaxPixelsSchema,
  /** "Set as default" per kind: the model used when a request names none. */
  defaultModels: DefaultModelsSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: Settings = { provider: 'auto', threads: 0, outputDir: null, modelsDir: null, lowMemory: false, redisUrl: null, maxPixels: DEFAULT_MAX_PIXELS, defaultModels: {} };

/** updateSettings takes any subset; the merged whole is validated again. */
export const UpdateSettingsArgsSchema = SettingsSchema.partial().extend({
  /** Confirms an outputDir inside a hidden folder of the home directory (~/.ssh, ~/.config, …), refused otherwise. */
  allowHiddenOutput: z.boolean().optional(),
});

export const SettingsResultSchema = z.strictObject({
  settings: SettingsSchema,
  /** The folders in use after defaults are applied. */
  dataDir: z.string(),
  outputDir: z.string(),
  modelsRoot: z.string(),
  /** Settings saved but not yet in force until the app restarts (e.g. a models folder given on the command line wins). */
  pendingRestart: z.array(z.string()),
});
export type SettingsResult = z.infer<typeof SettingsResultSchema>;
