// The defaults and names of outpainting and hires fix, without the schema library, so the Studio form can read
// the same values the API, the CLI and batch use.

export const OUTPAINT_DEFAULTS = {
  /** Pixels of the original repainted (and feathered) along each extended side, so the seam blends. */
  overlap: 16,
} as const;

/** Largest extension of one side, pixels (the canvas still has to fit the size limit). */
export const OUTPAINT_MAX_EXTEND = 2048;
export const OUTPAINT_MAX_OVERLAP = 256;

/** The built-in hires upscalers (A1111's "Latent", "Latent (nearest-exact)", "Lanczos"); any other name is an upscaler model. */
export const HIRES_BUILTIN_UPSCALERS = ['latent', 'latent-nearest-exact', 'lanczos'] as const;
export type HiresBuiltinUpscaler = (typeof HIRES_BUILTIN_UPSCALERS)[number];

/** A1111's own defaults (txt2img Hires fix): Latent, ×2, hires steps 0 = the base steps, denoising strength 0.7. */
export const HIRES_DEFAULTS = {
  upscaler: 'latent',
  scale: 2,
  steps: 0,
  strength: 0.7,
} as const;

export const HIRES_LIMITS = {
  scale: { min: 1, max: 8 },
  steps: { min: 0, max: 1000 },
} as const;

export function isBuiltinHiresUpscaler(name: string): name is HiresBuiltinUpscaler {
  return (HIRES_BUILTIN_UPSCALERS as readonly string[]).includes(name);
}

/** How A1111 spells the built-in upscalers in its infotext ("Hires upscaler: Latent"); metadata records these. */
export const HIRES_UPSCALER_LABELS: Record<HiresBuiltinUpscaler, string> = {
  latent: 'Latent',
  'latent-nearest-exact': 'Latent (nearest-exact)',
  lanczos: 'Lanczos',
};

/** A recorded "Hires upscaler" back to Tessera's name: a built-in's label, else the text as is (a model's name). */
export function hiresUpscalerFromLabel(label: string): string {
  const builtin = HIRES_BUILTIN_UPSCALERS.find((name) => HIRES_UPSCALER_LABELS[name].toLowerCase() === label.toLowerCase() || name === label);
  return builtin ?? label;
}

/** A Tessera upscaler name as metadata records it. */
export function hiresUpscalerLabel(name: string): string {
  return isBuiltinHiresUpscaler(name) ? HIRES_UPSCALER_LABELS[name] : name;
}
