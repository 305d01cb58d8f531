// Builds a distributed batch's job from its spec with the factories a local batch uses, so that items, output
// names, content hashes and manifest parameters are the same as on one machine. The submitter plans items with
// no model at all: it passes stand-ins that throw if a stage ever reached them (creating a job never does).

import { TesseraError } from '../../api/errors.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import type { BatchItem, BatchJob } from '../batch-job.ts';
import { createCutoutJob } from '../processors/cutout-job.ts';
import { createGenerateJob } from '../processors/generate-job.ts';
import { defaultStepsAndGuidance, type GenerationSettings } from '../processors/generation-settings.ts';
import { createImg2ImgJob } from '../processors/img2img-job.ts';
import type { SegmenterPort } from '../processors/segmenter-port.ts';
import type { DistributedBatchSpec, GenerationOverrides } from './batch-spec.ts';

/** What a worker serves a job with: a Segment Anything predictor or a diffusion model. */
export type ServingModel = { kind: 'sam'; segmenter: SegmenterPort } | { kind: 'diffusion'; model: DiffusionModel };

export type AnyBatchJob = BatchJob<BatchItem, unknown, unknown, unknown>;

function planningOnly(what: string): never {
  throw new TesseraError('INTERNAL', `${what}: got a call on the submitter's planning stand-in, expected the call on a worker`);
}

const PLANNING_SEGMENTER: SegmenterPort = {
  setImage: () => planningOnly('setImage'),
  predict: () => planningOnly('predict'),
  segmentEverything: () => planningOnly('segmentEverything'),
};

// The job factories only keep the model for their stages; any property read means a stage ran while planning.
const PLANNING_MODEL = new Proxy({}, { get: (_target, key) => planningOnly(`model.${String(key)}`) }) as DiffusionModel;

/** Settings as `tessera batch` resolves them: given values first, the model's few-step defaults otherwise. */
function generationSettings(model: string, given: GenerationOverrides, diffusion: DiffusionModel | null): GenerationSettings {
  // While planning, steps and guidance only feed requests that are never run: any value does.
  const defaults = diffusion ? defaultStepsAndGuidance(diffusion) : { steps: 1, guidance: 0 };
  return { ...given, modelName: model, steps: given.steps ?? defaults.steps, guidance: given.guidance ?? defaults.guidance };
}

/** `served` null: plan only (items and skipped inputs). */
export async function buildBatchJob(spec: DistributedBatchSpec, served: ServingModel | null): Promise<AnyBatchJob> {
  if (served && (served.kind === 'sam') !== (spec.kind === 'cutout')) {
    throw new TesseraError('INTERNAL', `batch ${spec.kind}: got a ${served.kind} model, expected ${spec.kind === 'cutout' ? 'a Segment Anything' : 'a diffusion'} model`);
  }
  const segmenter = served?.kind === 'sam' ? served.segmenter : PLANNING_SEGMENTER;
  const diffusion = served?.kind === 'diffusion' ? served.model : null;
  const folder = { inputDir: '', outputDir: spec.outputDir };
  if (spec.kind === 'cutout') {
    const { inputDir, recursive, allowOutputInsideInput, limitInputPixels, prompt } = spec;
    return createCutoutJob({ ...folder, inputDir, recursive, allowOutputInsideInput, limitInputPixels, prompt, segmenter });
  }
  const settings = generationSettings(spec.model, spec.settings, diffusion);
  const model = diffusion ?? PLANNING_MODEL;
  if (spec.kind === 'generate') return createGenerateJob({ ...settings, model, promptsFile: spec.promptsFile, count: spec.count });
  const { inputDir, recursive, allowOutputInsideInput, limitInputPixels, prompt, strength } = spec;
  return createImg2ImgJob({ ...folder, ...settings, inputDir, recursive, allowOutputInsideInput, limitInputPixels, model, prompt, strength });
}
