// The `generate` job kind (text-to-image, img2img, inpaint): input images are kept as content-addressed copies
// before the job is queued (so the queue can persist the request), and each result is recorded in the gallery.
import path from 'node:path';
import { isBuiltinHiresUpscaler, parseApiCall, type ApiParsedArgs, type EncodedImage, type GeneratedImageData, type GenerationProgressEvent, type HistoryEntry, type ImageRef } from '../api/index.ts';
import type { EngineBackends, GeneratedImageOutput } from './engine-backends.ts';
import type { ImageStore } from './image-store.ts';
import { isContentImageId, type InputImageStore } from './input-image-store.ts';
import type { JobKindDefinition, PlannedJob } from './job-kinds.ts';
import type { JobOutcome } from './job-queue.ts';
import type { ModelRegistry } from './model-registry.ts';
import type { ProviderSelector } from './provider-selector.ts';
import type { ResultToRecord } from './history-store.ts';

type GenerateArgs = ApiParsedArgs<'generate'>;

export interface GenerationJobsDeps {
  registry: ModelRegistry;
  backends: EngineBackends;
  providers: ProviderSelector;
  images: ImageStore;
  inputs: InputImageStore;
  onProgress: (event: GenerationProgressEvent) => void;
  /** Writes a result to the output folder and the history. */
  record: (result: ResultToRecord) => Promise<HistoryEntry>;
}

/** The queue's words for a job: what it does and the prompt's first words. */
export function generationLabel(args: Pick<GenerateArgs, 'prompt' | 'initImage' | 'mask' | 'outpaint' | 'hires'>): string {
  const what = args.outpaint ? 'Outpaint' : args.mask ? 'Inpaint' : args.initImage ? 'Image to image' : args.hires ? 'Generate (hires fix)' : 'Generate';
  const prompt = args.prompt.trim().replace(/\s+/g, ' ');
  return `${what}: ${prompt.length > 80 ? `${prompt.slice(0, 79)}…` : prompt || '(empty prompt)'}`;
}

/** A generated image as the gallery records it; `requested` stands in for a PNG that carries no parameters. */
export function resultToRecord(
  request: Pick<GenerateArgs, 'prompt' | 'negativePrompt' | 'steps' | 'guidance'>,
  o: GeneratedImageOutput,
  where: { modelDir: string; modelId: string; jobId: string; inputs: HistoryEntry['inputs'] },
): ResultToRecord {
  const requested = { prompt: request.prompt, negativePrompt: request.negativePrompt, steps: request.steps, sampler: o.scheduler, guidance: request.guidance, seed: o.seed, width: o.width, height: o.height, model: path.basename(where.modelDir) };
  return { png: Buffer.from(o.image.base64, 'base64'), requested, width: o.width, height: o.height, modelId: where.modelId, jobId: where.jobId, inputs: where.inputs };
}

export class GenerationJobs implements JobKindDefinition<GenerateArgs> {
  constructor(private readonly deps: GenerationJobsDeps) {}

  /** The request with its images replaced by content ids of stored copies (a bad image id fails the call now). */
  async keepInputs(request: GenerateArgs): Promise<GenerateArgs> {
    const keep = async (ref: ImageRef | undefined): Promise<ImageRef | undefined> => {
      if (!ref) return undefined;
      if ('imageId' in ref && isContentImageId(ref.imageId)) {
        await this.deps.inputs.load(ref.imageId);
        return ref;
      }
      const image = 'imageId' in ref ? this.deps.images.get(ref.imageId) : ref.image;
      return { imageId: await this.deps.inputs.keep(image) };
    };
    const { initImage, mask, ...rest } = request;
    const kept = { initImage: await keep(initImage), mask: await keep(mask) };
    return { ...rest, ...(kept.initImage ? { initImage: kept.initImage } : {}), ...(kept.mask ? { mask: kept.mask } : {}) };
  }

  parse(raw: unknown): GenerateArgs {
    return parseApiCall('generate', raw);
  }

  async plan(args: GenerateArgs): Promise<PlannedJob> {
    const { registry, backends, inputs } = this.deps;
    const modelDir = await registry.pathOf(args.modelId);
    // an unknown upscaler name fails the call now, not after the first pass has run
    const hiresUpscalerDir = args.hires && !isBuiltinHiresUpscaler(args.hires.upscaler) ? await registry.pathOf(args.hires.upscaler) : undefined;
    const refinerDir = args.refiner ? await registry.pathOf(args.refiner.model) : undefined;
    const load = async (ref: ImageRef | undefined): Promise<EncodedImage | undefined> => (ref ? ('imageId' in ref ? inputs.load(ref.imageId) : ref.image) : undefined);
    const [initImage, mask] = [await load(args.initImage), await load(args.mask)];
    const historyInputs = {
      ...(args.initImage && 'imageId' in args.initImage ? { initImage: args.initImage.imageId } : {}),
      ...(args.mask && 'imageId' in args.mask ? { mask: args.mask.imageId } : {}),
    };
    const { modelId, initImage: _i, mask: _m, ...rest } = args;
    return {
      lane: `model:${modelDir}`,
      modelId,
      label: generationLabel(args),
      imagesRequested: args.count,
      work: async (signal, jobId, keep): Promise<JobOutcome> => {
        const report = await backends.inspectModel(modelDir);
        const provider = await this.deps.providers.providerFor(report, modelDir);
        const images: GeneratedImageData[] = [];
        // Each image is written and listed as soon as it is made, so a cancel before the last one keeps it.
        const onImage = async (o: GeneratedImageOutput) => {
          await this.deps.record(resultToRecord(rest, o, { modelDir, modelId, jobId, inputs: historyInputs }));
          images.push({ imageId: this.deps.images.put(o.image), ...o });
          keep({ images: [...images] });
        };
        await backends.generate(
          { ...rest, modelDir, provider, ...(initImage ? { initImage } : {}), ...(mask ? { mask } : {}), ...(hiresUpscalerDir ? { hiresUpscalerDir } : {}), ...(refinerDir ? { refinerDir } : {}) },
          { signal, onProgress: (step) => this.deps.onProgress({ jobId, ...step }), onImage },
        );
        return { images };
      },
    };
  }
}
