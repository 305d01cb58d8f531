// The refiner option of a generation: a second model (an SDXL refiner) continuing the same denoise schedule
// from the base model's latents at `switchAt` (defaults in refiner-defaults.ts).
import { z } from 'zod';
import { ModelIdSchema } from './model-schemas.ts';
import { REFINER_DEFAULTS, REFINER_SWITCH_LIMITS } from './refiner-defaults.ts';

export * from './refiner-defaults.ts';

export const RefinerSchema = z.strictObject({
  /** The refiner model (a models-folder id or name, as `modelId`). */
  model: ModelIdSchema,
  /** Fraction of the schedule run by the base model, strictly between 0 and 1. */
  switchAt: z.number().gt(REFINER_SWITCH_LIMITS.min).lt(REFINER_SWITCH_LIMITS.max).default(REFINER_DEFAULTS.switchAt),
});
export type RefinerSpec = z.output<typeof RefinerSchema>;
