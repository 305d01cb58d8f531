// A model's generation regime — the steps, guidance, scheduler and size it was made for — from one table, so
// `tessera generate`, batch jobs and the Studio (on pick) apply the same defaults. Pure: the renderer imports it.
import type { SchedulerName } from './schedulers/create-scheduler.ts';

/** The facts of a `models check` report the regime depends on (DiffusionDetails, structurally). */
export interface RegimeFacts {
  family: string;
  fewStep?: 'turbo' | 'lcm';
  sdxl?: { role: string };
}

export interface GenerationRegime {
  /** Named in hints: "SDXL-Turbo models are made for 1–4 steps". */
  name: string;
  /** The CLI's and batch jobs' default steps. */
  steps: number;
  /** The Studio's steps on pick: a distillation's headline setting (SD-Turbo / SDXL-Turbo: 1). */
  studioSteps: number;
  guidance: number;
  /** A scheduler short name to pick with the model; undefined = the model's own scheduler_config.json. */
  scheduler?: SchedulerName;
  /** The size it was trained at. */
  width: number;
  height: number;
  /** Steps beyond this get a hint (few-step distillations). */
  maxSteps?: number;
}

// Model cards: SD-Turbo and SDXL-Turbo 1–4 steps, guidance 0, 512²; LCM 2–8 steps, guidance ≈ 1.5 (diffusers LCM
// docs); SDXL base 1024² (diffusers' StableDiffusionXLPipeline defaults guidance_scale 5.0); SD 1.x/2.x 512², 7.5.
const SD: GenerationRegime = { name: 'Stable Diffusion', steps: 25, studioSteps: 20, guidance: 7.5, width: 512, height: 512 };
const SDXL: GenerationRegime = { name: 'SDXL', steps: 25, studioSteps: 25, guidance: 5, width: 1024, height: 1024 };
const SD_TURBO: GenerationRegime = { name: 'SD-Turbo', steps: 4, studioSteps: 1, guidance: 0, width: 512, height: 512, maxSteps: 4 };
const SDXL_TURBO: GenerationRegime = { ...SD_TURBO, name: 'SDXL-Turbo' };
const LCM: GenerationRegime = { name: 'LCM', steps: 4, studioSteps: 4, guidance: 1.5, scheduler: 'lcm', width: 512, height: 512, maxSteps: 8 };

export function generationRegime(facts: RegimeFacts | undefined): GenerationRegime {
  if (facts?.fewStep === 'lcm') return LCM;
  const sdxl = facts?.family === 'sdxl';
  if (facts?.fewStep === 'turbo' || facts?.sdxl?.role === 'turbo') return sdxl ? SDXL_TURBO : SD_TURBO;
  return sdxl ? SDXL : SD;
}
