// Builds a batch's job from its spec with the job factories: the one mapping of options, output names, content
// hashes and manifest parameters used by local batches (open-batch-job.ts), distributed workers and the
// distributed submitter. The submitter plans items with no model at all: it passes no served model and gets
// stand-ins that throw if a stage ever reached them (creating a job never does).

import { TesseraError } from '../api/errors.ts';
import type { DiffusionModel } from '../pipelines/diffusion/diffusion-model.ts';
import type { BatchItem, BatchJob } from './batch-job.ts';
import { modelNameOf, type BatchJobSpec, type GenerationOverrides } from './batch-job-spec.ts';
import { createCutoutJob } from './processors/cutout-job.ts';
import { createGenerateJob } from './processors/generate-job.ts';
import { defaultStepsAndGuidance, type GenerationSettings } from './processors/generation-settings.ts';
import { createImg2ImgJob } from './processors/img2img-job.ts';
import type { SegmenterPort } from './processors/segmenter-port.ts';
import type { SubjectPort } from './processors/subject-port.ts';
import { createUpscaleJob, type UpscalerPort } from './processors/upscale-job.ts';

/** What a job is served with: a Segment Anything predictor, a background-removal model, a diffusion model or an upscaler. */
export type ServingModel =
  | { kind: 'sam'; segmenter: SegmenterPort }
  | { kind: 'subject'; subject: SubjectPort }
  | { kind: 'diffusion'; model: DiffusionModel }
  | { kind: 'upscaler'; upscaler: UpscalerPort };

/** The serving model each job kind takes (a cut-out: SAM or background removal). */
const SERVED_BY: Record<BatchJobSpec['kind'], readonly ServingModel['kind'][]> = {
  cutout: ['sam', 'subject'],
  generate: ['diffusion'],
  img2img: ['diffusion'],
  upscale: ['upscaler'],
};

export type AnyBatchJob = BatchJob<BatchItem, unknown, unknown, unknown>;

function planningOnly(what: string): never {
  throw new TesseraError('INTERNAL', `${what}: got a call on the submitter's planning stand-in, expected the call on a worker`);
}

const PLANNING_SEGMENTER: SegmenterPort = {
  setImage: () => planningOnly('setImage'),
  predict: () => planningOnly('predict'),
  segmentEverything: () => planningOnly('segmentEverything'),
};

const PLANNING_UPSCALER: UpscalerPort = { upscale: () => planningOnly('upscale') };

const PLANNING_SUBJECT: SubjectPort = {
  prepareImage: () => planningOnly('prepareImage'),
  cutOut: () => planningOnly('cutOut'),
};

// The job factories only keep the model for their stages; any property read means a stage ran while planning.
const PLANNING_MODEL = new Proxy({}, { get: (_target, key) => planningOnly(`model.${String(key)}`) }) as DiffusionModel;

/** Given values first, the model's few-step defaults otherwise (as `tessera generate`). */
function generationSettings(model: string, given: GenerationOverrides, diffusion: DiffusionModel | null): GenerationSettings {
  // While planning, steps and guidance only feed requests that are never run: any value does.
  const defaults = diffusion ? defaultStepsAndGuidance(diffusion) : { steps: 1, guidance: 0 };
  return { ...given, modelName: modelNameOf(model), steps: given.steps ?? defaults.steps, guidance: given.guidance ?? defaults.guidance };
}

/**
 * The settings the manifest's header records (see manifest-header.ts): the job's own parameters (defaults left
 * out), the model, and the generation settings as given (left out = the model's default). Not the folders, the
 * prompts file or the count: those decide which items there are, not how any output looks.
 */
function outputParameters(spec: BatchJobSpec, job: AnyBatchJob): Record<string, unknown> {
  // reviewBelow only marks manifest entries for review: a resume may change it without redoing any output.
  const { promptsFile: _file, count: _count, reviewBelow: _review, ...own } = job.parameters;
  const settings = 'settings' in spec ? Object.fromEntries(Object.entries(spec.settings).filter(([, v]) => v !== undefined)) : {};
  return { ...own, model: modelNameOf(spec.model), ...settings };
}

/** `served` null: plan only (items and skipped inputs). `refiner`: the opened model `settings.refiner` names. */
export async function createBatchJob(spec: BatchJobSpec, served: ServingModel | null, refiner?: DiffusionModel): Promise<AnyBatchJob> {
  const job = await createJobOfKind(spec, served, refiner);
  return { ...job, outputParameters: outputParameters(spec, job) };
}

async function createJobOfKind(spec: BatchJobSpec, served: ServingModel | null, refinerModel: DiffusionModel | undefined): Promise<AnyBatchJob> {
  if (served && !SERVED_BY[spec.kind].includes(served.kind)) {
    throw new TesseraError('INTERNAL', `batch ${spec.kind}: got a ${served.kind} model, expected a ${SERVED_BY[spec.kind].join(' or ')} model`);
  }
  if (spec.kind === 'upscale') {
    const { inputDir, outputDir, recursive, allowOutputInsideInput, limitInputPixels, tile, overlap } = spec;
    return createUpscaleJob({ inputDir, outputDir, recursive, allowOutputInsideInput, limitInputPixels, tile, overlap, upscaler: served?.kind === 'upscaler' ? served.upscaler : PLANNING_UPSCALER });
  }
  const diffusion = served?.kind === 'diffusion' ? served.model : null;
  if (spec.kind === 'cutout') {
    const { inputDir, outputDir, recursive, allowOutputInsideInput, limitInputPixels, prompt, crop, featherPx, writeMask, reviewBelow, everything } = spec;
    // While planning, the prompt mode picks the stand-in: `subject` needs a subject port, the click modes SAM.
    const models = served?.kind === 'sam' ? { segmenter: served.segmenter } : served?.kind === 'subject' ? { subject: served.subject } : prompt === 'subject' ? { subject: PLANNING_SUBJECT } : { segmenter: PLANNING_SEGMENTER };
    return createCutoutJob({ inputDir, outputDir, recursive, allowOutputInsideInput, limitInputPixels, prompt, crop, featherPx, writeMask, reviewBelow, everything, ...models });
  }
  const settings = generationSettings(spec.model, spec.settings, diffusion);
  const model = diffusion ?? PLANNING_MODEL;
  if (spec.settings.refiner && diffusion && !refinerModel) throw new TesseraError('INTERNAL', `batch ${spec.kind}: got no opened refiner for ${spec.settings.refiner.model}, expected the host to open it`);
  if (spec.kind === 'generate') {
    // text-to-image takes the model's regime size (SDXL 1024²) unless given; img2img follows each image
    const size = diffusion ? defaultStepsAndGuidance(diffusion) : { width: undefined, height: undefined };
    return createGenerateJob({ ...settings, width: settings.width ?? size.width, height: settings.height ?? size.height, model, refinerModel, promptsFile: spec.promptsFile, promptsText: spec.promptsText, count: spec.count });
  }
  const { inputDir, outputDir, recursive, allowOutputInsideInput, limitInputPixels, prompt, strength } = spec;
  return createImg2ImgJob({ ...settings, inputDir, outputDir, recursive, allowOutputInsideInput, limitInputPixels, model, refinerModel, prompt, strength });
}
