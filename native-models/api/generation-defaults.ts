// The generation defaults every path uses when the user did not choose: the CLI's `generate`, the Studio's form
// (applied when a model is picked), batch and distributed batch all read them here, so an image made anywhere
// without `--steps` says the same Steps — and a model's regime (SD-Turbo, SDXL-Turbo, LCM, SDXL's size) comes
// from this one table.

/** A few-step distillation's regime, as the model report names it (`report.diffusion.fewStep`). */
export type FewStepRegime = 'turbo' | 'lcm' | undefined;

/** The facts of a `models check` report the defaults depend on (DiffusionDetails, structurally). */
export interface RegimeFacts {
  family?: string;
  fewStep?: FewStepRegime;
  sdxl?: { role: string };
}

export interface GenerationDefaults {
  /** Named in the Studio's steps hint: "SDXL-Turbo models are made for 1–4 steps". */
  name: string;
  steps: number;
  guidance: number;
  /** Scheduler short name the regime needs; '' = the model's own (its scheduler_config.json). */
  scheduler: '' | 'lcm';
  /** The size the model was trained at. */
  width: number;
  height: number;
  /** The steps range the distillation was made for; beyond its end the Studio hints. */
  stepsRange?: readonly [number, number];
}

/**
 * Fast decode (`--fast-decode`, the Studio's Generate option, the API's `fastDecode`, batch generate/img2img): the
 * final latents through the model's TAESD-class tiny decoder instead of the full VAE. Off unless asked for: the
 * tiny decoder's image is close to the VAE's, not equal.
 */
export const DEFAULT_FAST_DECODE = false;

/** Image size when neither the user, an init image nor the model's regime gives one. */
export const DEFAULT_IMAGE_SIZE = { width: 512, height: 512 } as const;

/** A plain SD 1.x/2.x model: A1111's 20 steps at guidance 7.5 with the model's own scheduler. */
export const PLAIN_GENERATION_DEFAULTS: GenerationDefaults = { name: 'Stable Diffusion', steps: 20, guidance: 7.5, scheduler: '', ...DEFAULT_IMAGE_SIZE };

// SD-Turbo / SDXL-Turbo: 1–4 steps without classifier-free guidance at 512² (their model cards); 1 is the headline
// setting. LCM: 4 steps, guidance ≈ 1–2, the LCM scheduler (diffusers LCM docs: 4 steps, guidance 1.5).
// SDXL: 1024², guidance 5 (diffusers StableDiffusionXLPipeline's default guidance_scale).
const TURBO: GenerationDefaults = { name: 'SD-Turbo', steps: 1, guidance: 0, scheduler: '', ...DEFAULT_IMAGE_SIZE, stepsRange: [1, 4] };
const SDXL_TURBO: GenerationDefaults = { ...TURBO, name: 'SDXL-Turbo' };
const LCM: GenerationDefaults = { name: 'LCM', steps: 4, guidance: 1.5, scheduler: 'lcm', ...DEFAULT_IMAGE_SIZE, stepsRange: [2, 8] };
const SDXL: GenerationDefaults = { name: 'SDXL', steps: 20, guidance: 5, scheduler: '', width: 1024, height: 1024 };

/** The defaults for a model's regime (its report's `diffusion` details; undefined = a plain model). */
export function generationDefaultsFor(facts: RegimeFacts | undefined): GenerationDefaults {
  if (facts?.fewStep === 'lcm') return LCM;
  const sdxl = facts?.family === 'sdxl';
  if (facts?.fewStep === 'turbo' || facts?.sdxl?.role === 'turbo') return sdxl ? SDXL_TURBO : TURBO;
  return sdxl ? SDXL : PLAIN_GENERATION_DEFAULTS;
}
