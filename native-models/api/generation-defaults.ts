// The generation defaults every path uses when the user did not choose: the CLI's `generate`, the Studio's form,
// batch and distributed batch all read them here, so an image made anywhere without `--steps` says the same Steps.

/** A few-step distillation's regime, as the model report names it (`report.diffusion.fewStep`). */
export type FewStepRegime = 'turbo' | 'lcm' | undefined;

export interface GenerationDefaults {
  steps: number;
  guidance: number;
  /** Scheduler short name the regime needs; '' = the model's own (its scheduler_config.json). */
  scheduler: '' | 'lcm';
}

/** A plain SD 1.x/2.x model: A1111's 20 steps at guidance 7.5 with the model's own scheduler. */
export const PLAIN_GENERATION_DEFAULTS: GenerationDefaults = { steps: 20, guidance: 7.5, scheduler: '' };

/** Image size when neither the user nor an init image gives one. */
export const DEFAULT_IMAGE_SIZE = { width: 512, height: 512 } as const;

/** The defaults for a model's regime: few-step distillations need few steps and low guidance. */
export function generationDefaultsFor(fewStep: FewStepRegime): GenerationDefaults {
  // SD-Turbo: 1–4 steps without classifier-free guidance (its model card); 1 is its headline setting.
  if (fewStep === 'turbo') return { steps: 1, guidance: 0, scheduler: '' };
  // LCM: 4 steps with guidance ≈ 1–2 and the LCM scheduler (diffusers LCM docs use 4 steps, guidance 1.5).
  if (fewStep === 'lcm') return { steps: 4, guidance: 1.5, scheduler: 'lcm' };
  return PLAIN_GENERATION_DEFAULTS;
}
