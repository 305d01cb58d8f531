// Contract schema for getHealth: version, execution providers (with the measured micro-benchmark), demo pack.
import { z } from 'zod';
import { WireErrorSchema } from './job-schemas.ts';

export const ConcreteProviderSchema = z.enum(['cpu', 'cuda', 'dml', 'coreml', 'webgpu']);

export const ProviderStatusSchema = z.strictObject({
  provider: ConcreteProviderSchema,
  available: z.boolean(),
  reason: z.string().optional(),
});

/** One provider timed on one model kind: median of a few runs after a warm-up. */
export const ProviderMeasurementSchema = z.strictObject({
  provider: ConcreteProviderSchema,
  medianMs: z.number().nonnegative().nullable(),
  runs: z.number().int().nonnegative(),
  /** Why it could not be measured (session failed to start, run failed). */
  error: z.string().optional(),
});

export const ProviderChoiceSchema = z.strictObject({
  /** What was timed: a model kind and the network inside it, e.g. `diffusion/unet`. */
  kind: z.string(),
  chosen: ConcreteProviderSchema,
  measurements: z.array(ProviderMeasurementSchema),
  measuredAt: z.string(),
});
export type ProviderChoice = z.infer<typeof ProviderChoiceSchema>;

export const DemoPackStatusSchema = z.strictObject({
  state: z.enum(['absent', 'creating', 'ready', 'failed']),
  path: z.string().nullable(),
  error: WireErrorSchema.optional(),
});

export const HealthSchema = z.strictObject({
  name: z.literal('tessera'),
  version: z.string(),
  host: z.enum(['web', 'electron', 'in-process']),
  modelsRoot: z.string(),
  /** The user's provider setting. */
  providerSetting: z.enum(['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu']),
  providers: z.array(ProviderStatusSchema),
  /** `auto` choices measured so far, one per model kind. */
  providerChoices: z.array(ProviderChoiceSchema),
  demoPack: DemoPackStatusSchema,
  /**
   * What the host can do with a result's file: `reveal` shows it in the system file manager (the desktop app),
   * `download` hands its bytes to the browser (the web host, whose files may be on another machine's disk).
   */
  fileAction: z.enum(['reveal', 'download']),
});
export type Health = z.infer<typeof HealthSchema>;
