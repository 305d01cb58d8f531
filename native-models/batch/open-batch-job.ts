// Opens the model a batch needs and builds its job from its spec (batch-job-factory.ts, the same mapping as a
// distributed batch's): how `tessera batch` and the app's Batch panel run a batch on this machine.
import { DiffusionModel } from '../pipelines/diffusion/diffusion-model.ts';
import { ImageUpscaler } from '../pipelines/upscale/image-upscaler.ts';
import type { SessionCache } from '../runtime/index.ts';
import { createBatchJob, type ServingModel } from './batch-job-factory.ts';
import type { BatchJobSpec } from './batch-job-spec.ts';
import type { BatchRunner, BatchSummary } from './batch-runner.ts';
import { openSamSegmenterPort } from './processors/sam-segmenter-port.ts';
import { openSubjectPort } from './processors/subject-port.ts';
import { writeReviewList } from './processors/review-list.ts';
import { inspectModelFolder } from '../models/inspect-model-folder.ts';

export interface OpenedBatchJob {
  run(runner: BatchRunner): Promise<BatchSummary>;
  /** Frees the model; call once the run is over. */
  release(): Promise<void>;
}

export interface OpenedServingModel {
  served: ServingModel;
  release(): Promise<void>;
}

/** Which serving model a job kind takes from this model: a cut-out is served by SAM or a background-removal model. */
export async function servingKindOf(modelDir: string, jobKind: BatchJobSpec['kind']): Promise<ServingModel['kind']> {
  if (jobKind === 'upscale') return 'upscaler';
  if (jobKind !== 'cutout') return 'diffusion';
  return (await inspectModelFolder(modelDir)).kind === 'background-removal' ? 'subject' : 'sam';
}

/** Opens a model folder as what serves a job kind: a Segment Anything predictor or a background-removal model (cutout), or a diffusion model. */
export async function openServingModel(modelDir: string, kind: ServingModel['kind'], sessions: SessionCache): Promise<OpenedServingModel> {
  if (kind === 'subject') {
    const subject = await openSubjectPort(modelDir, sessions);
    return { served: { kind, subject }, release: () => subject.release() };
  }
  if (kind === 'upscaler') {
    const upscaler = await ImageUpscaler.open(modelDir, { sessions });
    return { served: { kind, upscaler }, release: () => upscaler.release() };
  }
  if (kind === 'sam') {
    const segmenter = await openSamSegmenterPort(modelDir, sessions);
    return { served: { kind, segmenter }, release: () => segmenter.release() };
  }
  const model = await DiffusionModel.open(modelDir, sessions);
  return { served: { kind, model }, release: () => model.release() };
}

/** A base model and its refiner, opened together so the memory guard decides for both (DiffusionModel.openWithRefiner). */
export async function openWithRefiner(baseDir: string, refinerDir: string, sessions: SessionCache): Promise<{ opened: OpenedServingModel; refiner: DiffusionModel }> {
  const { model, refiner } = await DiffusionModel.openWithRefiner(baseDir, refinerDir, sessions);
  return { opened: { served: { kind: 'diffusion', model }, release: () => model.release() }, refiner };
}

/** `spec.model` is the model folder's path; when building fails, the model is released before the error leaves. */
export async function openBatchJob(spec: BatchJobSpec, sessions: SessionCache): Promise<OpenedBatchJob> {
  const refinerDir = 'settings' in spec ? spec.settings.refiner?.model : undefined;
  const { opened, refiner } = refinerDir ? await openWithRefiner(spec.model, refinerDir, sessions) : { opened: await openServingModel(spec.model, await servingKindOf(spec.model, spec.kind), sessions), refiner: undefined };
  const release = async () => {
    await opened.release();
    await refiner?.release();
  };
  try {
    const job = await createBatchJob(spec, opened.served, refiner);
    return {
      run: async (runner) => {
        const summary = await runner.run(job);
        // The review queue is derived from the manifest, so it is whole after a resume too.
        if (spec.kind === 'cutout') await writeReviewList(spec.outputDir);
        return summary;
      },
      release,
    };
  } catch (error) {
    await release();
    throw error;
  }
}
