// Batch panel form: its values, the models each job type can use, validation messages per field (said in place
// before anything is sent) and the startBatch request built from it. Pure functions, unit-tested on their own.
import { DEFAULT_REFINER_FORM, refinerParams, validateRefinerForm, type RefinerForm } from './refiner-form.ts';
import { DEFAULT_EVERYTHING_FORM, everythingParams, validateEverythingForm, type EverythingForm } from './batch-everything-form.ts';
import { MIN_UPSCALE_TILE, UPSCALE_DEFAULTS, type BatchKind, type CUTOUT_PROMPTS, type InstalledModelInfo, type StartBatchParams } from '../../../native-models/api/index.ts';

/** The contract's prompt modes: SAM's click modes, `everything` (every mask, no cut-out) and `subject` (a background-removal model, no clicks). */
export type CutoutPrompt = (typeof CUTOUT_PROMPTS)[number];
export type PromptSource = 'list' | 'file';

/**
 * The refiner fields are the Generate form's (refiner-form.ts): generate and img2img batches of an SDXL base model;
 * the segment-everything fields (batch-everything-form.ts): cut-outs in the modes that run it.
 */
export interface BatchForm extends RefinerForm, EverythingForm {
  kind: BatchKind;
  inputDir: string;
  outputDir: string;
  /** null = the first model that fits the job type. */
  modelId: string | null;
  recursive: boolean;
  cutoutPrompt: CutoutPrompt;
  crop: boolean;
  featherPx: number;
  writeMask: boolean;
  /** Subject cut-outs: results whose confidence is below this go to the review grid (0 = none). */
  reviewBelow: number;
  promptSource: PromptSource;
  /** One prompt per line. */
  promptList: string;
  promptsFile: string;
  count: number;
  width: number;
  height: number;
  /** img2img. */
  prompt: string;
  strength: number;
  negativePrompt: string;
  /** Blank = the model's own regime (steps, guidance) or a seed derived from each item. */
  steps: string;
  guidance: string;
  seed: string;
  /** Upscale: tile side and overlap in input pixels; blank = the engine's defaults (UPSCALE_DEFAULTS). */
  tile: string;
  overlap: string;
}

export type BatchField = keyof BatchForm;
export type BatchFormErrors = Partial<Record<BatchField, string>>;

export const DEFAULT_BATCH_FORM: BatchForm = {
  kind: 'cutout',
  inputDir: '',
  outputDir: '',
  modelId: null,
  recursive: false,
  cutoutPrompt: 'center',
  crop: false,
  featherPx: 0,
  writeMask: true,
  reviewBelow: 0.5,
  promptSource: 'list',
  promptList: '',
  promptsFile: '',
  count: 1,
  width: 512,
  height: 512,
  prompt: '',
  strength: 0.6,
  negativePrompt: '',
  steps: '',
  guidance: '',
  seed: '',
  tile: '',
  overlap: '',
  ...DEFAULT_REFINER_FORM,
  ...DEFAULT_EVERYTHING_FORM,
};

/** The cut-out modes that run segment-everything, and so take its options. */
export function runsEverything(prompt: CutoutPrompt): boolean {
  return prompt === 'everything' || prompt === 'everything-largest';
}

export const BATCH_KIND_LABELS: Record<BatchKind, string> = { cutout: 'Cut-out', generate: 'Generate from prompts', img2img: 'Image to image', upscale: 'Upscale' };

/** The tile fields' placeholders: what a blank field means. */
export const UPSCALE_PLACEHOLDERS = { tile: String(UPSCALE_DEFAULTS.tile), overlap: String(UPSCALE_DEFAULTS.overlap) } as const;

export const CUTOUT_PROMPT_LABELS: Record<CutoutPrompt, string> = {
  center: 'Object at the centre',
  'box-file': 'Box from each image’s .box.json',
  'everything-largest': 'Largest object found',
  everything: 'Every object (regions file, no cut-out)',
  subject: 'Subject (no clicks)',
};

/**
 * The models a job type can run on: SAM for cut-outs by clicks, a background-removal model for subject cut-outs,
 * an upscaler for upscaling, diffusion models with the right ability otherwise.
 */
export function modelFits(kind: BatchKind, model: InstalledModelInfo, cutoutPrompt: CutoutPrompt = 'center'): boolean {
  const { report } = model;
  if (!report.usable) return false;
  if (kind === 'cutout') return report.kind === (cutoutPrompt === 'subject' ? 'background-removal' : 'sam');
  if (kind === 'upscale') return report.kind === 'upscaler';
  return report.kind === 'diffusion' && (kind === 'generate' ? report.diffusion?.supports.textToImage : report.diffusion?.supports.imageToImage) === true;
}

/** The chosen model if it fits the job type, else the first that does (null when none is installed). */
export function batchModelId(form: Pick<BatchForm, 'kind' | 'modelId'> & { cutoutPrompt?: CutoutPrompt }, models: readonly InstalledModelInfo[]): string | null {
  const fitting = models.filter((m) => modelFits(form.kind, m, form.cutoutPrompt));
  return fitting.find((m) => m.id === form.modelId)?.id ?? fitting[0]?.id ?? null;
}

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** Lower-cased on Windows-style paths, '/' separators, no trailing separator: enough to compare two typed paths. */
function comparable(dir: string): string {
  const slashed = dir.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  return /^[A-Za-z]:/.test(slashed) ? slashed.toLowerCase() : slashed;
}

function folderError(value: string, what: string): string | undefined {
  if (value.trim() === '') return `Choose the ${what}.`;
  if (!ABSOLUTE.test(value.trim())) return `got "${value}", expected an absolute path (starting with / or a drive letter)`;
  return undefined;
}

function integerError(raw: string, min: number, max: number): string | undefined {
  if (raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min && value <= max ? undefined : `got ${raw}, expected a whole number from ${min} to ${max}`;
}

function sizeError(value: number): string | undefined {
  return Number.isInteger(value) && value >= 64 && value <= 4096 && value % 8 === 0 ? undefined : `got ${value}, expected a multiple of 8 from 64 to 4096`;
}

/** Problems per field; an empty object means the form can be sent (the host checks the folders again). */
export function validateBatchForm(form: BatchForm, modelId: string | null): BatchFormErrors {
  const errors: BatchFormErrors = {};
  const readsFolder = form.kind !== 'generate';
  if (readsFolder) errors.inputDir = folderError(form.inputDir, 'folder of images to process');
  errors.outputDir = folderError(form.outputDir, 'folder the results go to');
  if (readsFolder && !errors.inputDir && !errors.outputDir) {
    const [input, output] = [comparable(form.inputDir), comparable(form.outputDir)];
    if (output === input) errors.outputDir = 'got the input folder itself, expected a separate folder (the results would mix with the images)';
    else if (output.startsWith(`${input}/`)) errors.outputDir = 'got a folder inside the input folder, expected a separate folder (the results would mix with the images)';
  }
  if (modelId === null) {
    errors.modelId = form.kind === 'upscale' ? 'No upscaler model is installed.' : form.kind !== 'cutout' ? 'No diffusion model that can do this is installed.' : form.cutoutPrompt === 'subject' ? 'No background-removal model is installed.' : 'No segmentation (SAM) model is installed.';
  }
  if (form.kind === 'cutout') {
    if (form.cutoutPrompt !== 'everything' && (!Number.isInteger(form.featherPx) || form.featherPx < 0 || form.featherPx > 256)) errors.featherPx = `got ${form.featherPx}, expected a whole number of pixels from 0 to 256`;
    if (form.cutoutPrompt === 'subject' && !(form.reviewBelow >= 0 && form.reviewBelow <= 1)) errors.reviewBelow = `got ${form.reviewBelow}, expected a confidence from 0 to 1`;
    if (runsEverything(form.cutoutPrompt)) Object.assign(errors, validateEverythingForm(form));
  } else if (form.kind === 'upscale') {
    errors.tile = integerError(form.tile, MIN_UPSCALE_TILE, 8192);
    errors.overlap = integerError(form.overlap, 0, 256);
  } else {
    errors.steps = integerError(form.steps, 1, 1000);
    const guidance = Number(form.guidance);
    if (form.guidance.trim() !== '' && !(guidance >= 0 && guidance <= 100)) errors.guidance = `got ${form.guidance}, expected a number from 0 to 100`;
    errors.seed = integerError(form.seed, 0, Number.MAX_SAFE_INTEGER);
    Object.assign(errors, validateRefinerForm(form));
  }
  if (form.kind === 'generate') {
    if (form.promptSource === 'list' && promptLines(form.promptList).length === 0) errors.promptList = 'Write at least one prompt (one per line).';
    if (form.promptSource === 'file') errors.promptsFile = folderError(form.promptsFile, 'prompts file');
    if (!Number.isInteger(form.count) || form.count < 1 || form.count > 1000) errors.count = `got ${form.count}, expected a whole number from 1 to 1000`;
    errors.width = sizeError(form.width);
    errors.height = sizeError(form.height);
  }
  if (form.kind === 'img2img' && !(form.strength > 0 && form.strength <= 1)) errors.strength = `got ${form.strength}, expected a number above 0 and at most 1`;
  for (const key of Object.keys(errors) as BatchField[]) if (errors[key] === undefined) delete errors[key];
  return errors;
}

/** The prompt list's lines, blank ones left out (as the prompts file reader does). */
export function promptLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const optionalNumber = (raw: string): number | undefined => (raw.trim() === '' ? undefined : Number(raw));

/** The request for a valid form (validate first); `refinable`: the model is an SDXL base (refiner-form's takesRefiner). */
export function toStartBatchParams(form: BatchForm, modelId: string, refinable = false): StartBatchParams {
  const outputDir = form.outputDir.trim();
  if (form.kind === 'cutout') {
    const review = form.cutoutPrompt === 'subject' && form.reviewBelow > 0 ? { reviewBelow: form.reviewBelow } : {};
    // `everything` writes no cut-out: crop, feather and mask keep their defaults (the engine refuses others).
    const cutout = form.cutoutPrompt === 'everything' ? {} : { crop: form.crop, featherPx: form.featherPx, writeMask: form.writeMask };
    const everything = runsEverything(form.cutoutPrompt) ? everythingParams(form) : {};
    const options = { prompt: form.cutoutPrompt, ...cutout, recursive: form.recursive, ...review, ...everything };
    return { kind: 'cutout', modelId, inputDir: form.inputDir.trim(), outputDir, options };
  }
  if (form.kind === 'upscale') {
    const tile = optionalNumber(form.tile);
    const overlap = optionalNumber(form.overlap);
    const options = { recursive: form.recursive, ...(tile !== undefined ? { tile } : {}), ...(overlap !== undefined ? { overlap } : {}) };
    return { kind: 'upscale', modelId, inputDir: form.inputDir.trim(), outputDir, options };
  }
  const generation = {
    negativePrompt: form.negativePrompt,
    ...(optionalNumber(form.steps) !== undefined ? { steps: optionalNumber(form.steps) } : {}),
    ...(optionalNumber(form.guidance) !== undefined ? { guidance: optionalNumber(form.guidance) } : {}),
    ...(optionalNumber(form.seed) !== undefined ? { seed: optionalNumber(form.seed) } : {}),
    ...(refinable ? refinerParams(form) : {}),
  };
  if (form.kind === 'generate') {
    const prompts = form.promptSource === 'list' ? { prompts: promptLines(form.promptList) } : { promptsFile: form.promptsFile.trim() };
    return { kind: 'generate', modelId, outputDir, options: { ...prompts, count: form.count, width: form.width, height: form.height, ...generation } };
  }
  return { kind: 'img2img', modelId, inputDir: form.inputDir.trim(), outputDir, options: { prompt: form.prompt, strength: form.strength, recursive: form.recursive, ...generation } };
}

/** Which field a host error is about, from the subject its message starts with ("input folder …: got …"). */
export function fieldOfHostError(message: string): BatchField | null {
  if (message.startsWith('input folder')) return 'inputDir';
  if (message.startsWith('output folder')) return 'outputDir';
  if (message.startsWith('model ')) return 'modelId';
  if (message.startsWith('prompts file')) return 'promptsFile';
  if (message.startsWith('prompt list')) return 'promptList';
  return null;
}
