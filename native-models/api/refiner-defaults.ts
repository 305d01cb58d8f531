// The SDXL refiner's second stage: its default hand-over point, without the schema library, so the Studio form,
// the CLI and batch read the same value the API uses.

export const REFINER_DEFAULTS = {
  /**
   * Fraction of the schedule the base model runs before the refiner takes over (diffusers' `denoising_end` /
   * `denoising_start`, A1111's "Refiner switch at" slider default 0.8).
   */
  switchAt: 0.8,
} as const;

/** The hand-over must leave the base at least one step and the refiner at least one: strictly inside (0, 1). */
export const REFINER_SWITCH_LIMITS = { min: 0, max: 1 } as const;
