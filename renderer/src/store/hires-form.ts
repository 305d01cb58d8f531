// The Generate form's Hires fix fields: defaults from the engine's one place (HIRES_DEFAULTS), their validation, the
// API's `hires` parameter they make, and recorded parameters (Tessera or A1111's "Hires …" keys) read back into them.
import type { GenerateParams } from '../../../native-models/api/index.ts';
import type { PartialGenerationParameters } from '../../../native-models/api/generation-parameters.ts';
import { HIRES_DEFAULTS, HIRES_LIMITS, hiresUpscalerFromLabel } from '../../../native-models/api/outpaint-hires-defaults.ts';

export interface HiresForm {
  hiresEnabled: boolean;
  /** `latent`, `latent-nearest-exact`, `lanczos` or an upscaler model's id. */
  hiresUpscaler: string;
  hiresScale: number;
  /** 0 = the base steps. */
  hiresSteps: number;
  hiresStrength: number;
}

export const DEFAULT_HIRES_FORM: HiresForm = {
  hiresEnabled: false,
  hiresUpscaler: HIRES_DEFAULTS.upscaler,
  hiresScale: HIRES_DEFAULTS.scale,
  hiresSteps: HIRES_DEFAULTS.steps,
  hiresStrength: HIRES_DEFAULTS.strength,
};

/** Problems of the hires fields (only when hires fix is on). */
export function validateHiresForm(form: HiresForm): Partial<Record<keyof HiresForm, string>> {
  if (!form.hiresEnabled) return {};
  const errors: Partial<Record<keyof HiresForm, string>> = {};
  const { scale, steps } = HIRES_LIMITS;
  if (!Number.isFinite(form.hiresScale) || form.hiresScale < scale.min || form.hiresScale > scale.max) errors.hiresScale = `got ${form.hiresScale}, expected an upscale from ${scale.min} to ${scale.max}`;
  if (!Number.isInteger(form.hiresSteps) || form.hiresSteps < steps.min || form.hiresSteps > steps.max) errors.hiresSteps = `got ${form.hiresSteps}, expected a whole number of steps from ${steps.min} (the base steps) to ${steps.max}`;
  if (!Number.isFinite(form.hiresStrength) || form.hiresStrength <= 0 || form.hiresStrength > 1) errors.hiresStrength = `got ${form.hiresStrength}, expected a denoising strength > 0 and ≤ 1`;
  return errors;
}

export function hiresParams(form: HiresForm): Pick<GenerateParams, 'hires'> {
  if (!form.hiresEnabled) return {};
  return { hires: { upscaler: form.hiresUpscaler, scale: form.hiresScale, steps: form.hiresSteps, strength: form.hiresStrength } };
}

/** Recorded hires fix → the fields (hires turned on); nothing when the image had none. */
export function hiresFormFromParameters(p: PartialGenerationParameters): Partial<HiresForm> {
  if (!p.hires) return { hiresEnabled: false };
  return {
    hiresEnabled: true,
    hiresUpscaler: hiresUpscalerFromLabel(p.hires.upscaler),
    ...(p.hires.upscale !== undefined ? { hiresScale: p.hires.upscale } : {}),
    hiresSteps: p.hires.steps ?? 0,
    ...(p.strength !== undefined ? { hiresStrength: p.strength } : {}),
  };
}
