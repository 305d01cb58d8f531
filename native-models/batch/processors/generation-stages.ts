// The infer and render stages shared by the generate and img2img batch jobs: one image per item from a prepared
// request, written as a PNG carrying its parameters.
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import type { GeneratedImage } from '../../pipelines/diffusion/generate-images.ts';
import { runGeneration, type FullGenerationRequest } from '../../pipelines/diffusion/run-generation.ts';
import { encodeGeneratedPng, parametersOf } from '../../pipelines/diffusion/generated-image-file.ts';
import type { BatchItem, RenderedItem } from '../batch-job.ts';

export interface GeneratedItem {
  request: FullGenerationRequest;
  generated: GeneratedImage;
}

/**
 * `manifestParameters` picks what of the request goes into the item's manifest line (a generate item records
 * its whole request; an img2img item leaves out the init image).
 */
export function generationStages(model: DiffusionModel, modelName: string, manifestParameters: (request: FullGenerationRequest) => Record<string, unknown>, refinerModel?: DiffusionModel) {
  return {
    async infer(_item: BatchItem, request: FullGenerationRequest): Promise<GeneratedItem> {
      const [generated] = await runGeneration(model, request, { count: 1 }, { refinerModel });
      return { request, generated: generated! };
    },
    async render(item: BatchItem, { request, generated }: GeneratedItem): Promise<RenderedItem> {
      const png = await encodeGeneratedPng(generated, parametersOf(request, generated, modelName));
      return {
        files: new Map([[item.outputs[0]!, png]]),
        parameters: manifestParameters(request),
        result: { seed: generated.seed, scheduler: generated.scheduler, stepsRun: generated.stepsRun },
      };
    },
  };
}
