// Generate form values, their validation and the model-implied defaults: pure functions (no store, no DOM), so
// the slice stays thin and the rules are unit-tested on their own.
import type { GenerateParams, InstalledModelInfo } from '../../../native-models/api/index.ts';
import type { PartialGenerationParameters } from '../../../native-models/api/generation-parameters.ts';
import { DEFAULT_HIRES_FORM, hiresFormFromParameters, hiresParams, validateHiresForm, type HiresForm } from './hires-form.ts';
import { DEFAULT_REFINER_FORM, refinerFormFromParameters, refinerParams, validateRefinerForm, type RefinerForm } from './refiner-form.ts';
import { DEFAULT_FAST_DECODE, DEFAULT_IMAGE_SIZE, PLAIN_GENERATION_DEFAULTS, generationDefaultsFor } from '../../../native-models/api/generation-defaults.ts';
import { SCHEDULER_LABELS, SCHEDULER_NAMES, type SchedulerName } from '../../../native-models/core/schedulers/create-scheduler.ts';

export type SeedMode = 'random' | 'fixed';

export interface GenerateForm extends HiresForm, RefinerForm {
  prompt: string;
  negativePrompt: string;
  /** '' = the model's own scheduler. */
  scheduler: SchedulerName | '';
  steps: number;
  guidance: number;
  seedMode: SeedMode;
  seed: number;
  width: number;
  height: number;
  count: number;
  /** The model's tiny decoder instead of the VAE for the final image (GenerateParams.fastDecode). */
  fastDecode: boolean;
}

export type GenerateField = keyof GenerateForm;
export type FormErrors = Partial<Record<GenerateField, string>>;

/**
 * The schedulers offered in the picker: the engine's whole table (create-scheduler.ts), in its order, valued by
 * the short names the CLI's --scheduler takes and labelled with the A1111 names users know.
 */
export const SCHEDULER_OPTIONS: readonly { name: SchedulerName; label: string }[] = SCHEDULER_NAMES.map((name) => ({ name, label: SCHEDULER_LABELS[name] }));

export const SIZE_PRESETS: readonly { label: string; width: number; height: number }[] = [
  { label: '128 × 128', width: 128, height: 128 },
  { label: '256 × 256', width: 256, height: 256 },
  { label: '512 × 512', width: 512, height: 512 },
  { label: '512 × 768 portrait', width: 512, height: 768 },
  { label: '768 × 512 landscape', width: 768, height: 512 },
  { label: '768 × 768', width: 768, height: 768 },
  // SDXL's training buckets (≈ 1 megapixel, sides multiples of 64)
  { label: '1024 × 1024 (SDXL)', width: 1024, height: 1024 },
  { label: '1152 × 896 (SDXL)', width: 1152, height: 896 },
  { label: '896 × 1152 (SDXL)', width: 896, height: 1152 },
  { label: '1216 × 832 (SDXL)', width: 1216, height: 832 },
  { label: '832 × 1216 (SDXL)', width: 832, height: 1216 },
  { label: '1344 × 768 (SDXL)', width: 1344, height: 768 },
  { label: '768 × 1344 (SDXL)', width: 768, height: 1344 },
];

// The limits of GenerateParamsSchema (native-models/api/generation-schemas.ts), checked here so the form can
// say what is wrong before anything is sent.
export const LIMITS = {
  steps: { min: 1, max: 1000 },
  guidance: { min: 0, max: 100 },
  size: { min: 64, max: 4096 },
  count: { min: 1, max: 64 },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
  promptChars: 20_000,
} as const;

/** Seeds drawn for "random" stay below 2^32 so they are easy to read and type back. */
export const RANDOM_SEED_LIMIT = 2 ** 32;

export const DEFAULT_FORM: GenerateForm = {
  prompt: '',
  negativePrompt: '',
  scheduler: PLAIN_GENERATION_DEFAULTS.scheduler,
  steps: PLAIN_GENERATION_DEFAULTS.steps,
  guidance: PLAIN_GENERATION_DEFAULTS.guidance,
  seedMode: 'random',
  seed: 0,
  width: DEFAULT_IMAGE_SIZE.width,
  height: DEFAULT_IMAGE_SIZE.height,
  count: 1,
  fastDecode: DEFAULT_FAST_DECODE,
  ...DEFAULT_HIRES_FORM,
  ...DEFAULT_REFINER_FORM,
};

/** Latents are 1/8 of the image: sizes snap to the nearest multiple of 8 inside the allowed range. */
export function snapToMultipleOf8(value: number): number {
  if (!Number.isFinite(value)) return LIMITS.size.min;
  const snapped = Math.round(value / 8) * 8;
  return Math.min(LIMITS.size.max, Math.max(LIMITS.size.min, snapped));
}

function intInRange(value: number, min: number, max: number, what: string): string | undefined {
  if (!Number.isInteger(value)) return `got ${value}, expected a whole number of ${what}`;
  if (value < min || value > max) return `got ${value}, expected ${what} from ${min} to ${max}`;
  return undefined;
}

/** Every problem with the form, per field; empty when it can be sent. */
export function validateGenerateForm(form: GenerateForm): FormErrors {
  const errors: FormErrors = {};
  const put = (field: GenerateField, message: string | undefined) => {
    if (message) errors[field] = message;
  };
  if (form.prompt.trim() === '') put('prompt', 'got an empty prompt, expected a description of the image');
  else if (form.prompt.length > LIMITS.promptChars) put('prompt', `got ${form.prompt.length} characters, expected at most ${LIMITS.promptChars}`);
  if (form.negativePrompt.length > LIMITS.promptChars) put('negativePrompt', `got ${form.negativePrompt.length} characters, expected at most ${LIMITS.promptChars}`);
  put('steps', intInRange(form.steps, LIMITS.steps.min, LIMITS.steps.max, 'steps'));
  if (!Number.isFinite(form.guidance) || form.guidance < LIMITS.guidance.min || form.guidance > LIMITS.guidance.max) {
    put('guidance', `got ${form.guidance}, expected a guidance scale from ${LIMITS.guidance.min} to ${LIMITS.guidance.max}`);
  }
  for (const side of ['width', 'height'] as const) {
    const value = form[side];
    const range = intInRange(value, LIMITS.size.min, LIMITS.size.max, 'pixels');
    put(side, range ?? (value % 8 !== 0 ? `got ${value}, expected a multiple of 8 (latents are 1/8 of the image size)` : undefined));
  }
  put('count', intInRange(form.count, LIMITS.count.min, LIMITS.count.max, 'images'));
  if (form.seedMode === 'fixed') put('seed', intInRange(form.seed, LIMITS.seed.min, LIMITS.seed.max, 'seed'));
  return { ...errors, ...validateHiresForm(form), ...validateRefinerForm(form) };
}

/** Settings a model implies, applied when it is picked: the engine's defaults for its regime (api/generation-defaults.ts). */
export function modelDefaults(model: InstalledModelInfo | undefined): Partial<GenerateForm> {
  const { steps, guidance, scheduler, width, height } = generationDefaultsFor(model?.report.diffusion);
  return { steps, guidance, scheduler, width, height };
}

/**
 * The fields of `next` to set when the model changes: those the form still holds at the previous model's
 * defaults (`before`; the plain defaults when there was none). A value the user typed differs and stays.
 */
export function changedDefaults(form: GenerateForm, before: Partial<GenerateForm>, next: Partial<GenerateForm>): Partial<GenerateForm> {
  const changes: Partial<GenerateForm> = {};
  for (const field of Object.keys(next) as GenerateField[]) {
    if (form[field] === before[field]) Object.assign(changes, { [field]: next[field] });
  }
  return changes;
}

/** A hint shown next to steps when the value is outside what the model was distilled for. */
export function stepsHint(model: InstalledModelInfo | undefined, steps: number): string | null {
  const { name, stepsRange } = generationDefaultsFor(model?.report.diffusion);
  if (!stepsRange || steps <= stepsRange[1]) return null;
  return `${name} models are made for ${stepsRange[0]}–${stepsRange[1]} steps`;
}

/** The request for the host, with the seed already resolved (random draws happen in the caller). */
export function toGenerateParams(form: GenerateForm, modelId: string, seed: number): GenerateParams {
  return {
    modelId,
    prompt: form.prompt,
    negativePrompt: form.negativePrompt,
    ...(form.scheduler ? { scheduler: form.scheduler } : {}),
    steps: form.steps,
    guidance: form.guidance,
    seed,
    width: form.width,
    height: form.height,
    count: form.count,
    ...(form.fastDecode ? { fastDecode: true } : {}),
    ...hiresParams(form),
    ...refinerParams(form),
  };
}

/**
 * Recorded parameters (Tessera / A1111 PNG, gallery entry) → form fields. The seed is pinned (fixed mode) so the
 * image can be made again; a sampler the picker lacks falls back to the model's own; sizes snap to multiples of 8.
 */
export function formFromParameters(p: PartialGenerationParameters, models: readonly InstalledModelInfo[] = []): Partial<GenerateForm> {
  const form: Partial<GenerateForm> = {};
  if (p.prompt !== undefined) form.prompt = p.prompt;
  if (p.negativePrompt !== undefined) form.negativePrompt = p.negativePrompt;
  if (p.steps !== undefined) form.steps = p.steps;
  if (p.guidance !== undefined) form.guidance = p.guidance;
  if (p.seed !== undefined) Object.assign(form, { seedMode: 'fixed', seed: p.seed });
  if (p.width !== undefined) form.width = snapToMultipleOf8(p.width);
  if (p.height !== undefined) form.height = snapToMultipleOf8(p.height);
  if (p.sampler !== undefined) form.scheduler = SCHEDULER_OPTIONS.find((o) => o.name === p.sampler)?.name ?? '';
  return { ...form, ...hiresFormFromParameters(p), ...refinerFormFromParameters(p, models) };
}

export function randomSeed(random: () => number = Math.random): number {
  return Math.floor(random() * RANDOM_SEED_LIMIT);
}
