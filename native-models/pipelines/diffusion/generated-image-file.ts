// Writes a generated image as a PNG carrying its parameters (A1111 `parameters` + Tessera JSON), atomically.
import type { GenerationParameters } from '../../api/generation-parameters.ts';
import { HIRES_DEFAULTS, hiresUpscalerLabel } from '../../api/outpaint-hires-schemas.ts';
import { encodePng } from '../../image/encode-png.ts';
import { addGenerationParameters } from '../../image/png-metadata/generation-metadata.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';
import type { FullGenerationRequest } from './run-generation.ts';
import type { GeneratedImage } from './generate-images.ts';

export const GENERATOR_NAME = 'tessera 0.1.0';

/** The parameters that reproduce one generated image (its own seed, the steps and scheduler actually used). */
export function parametersOf(request: FullGenerationRequest, generated: GeneratedImage, modelName: string): GenerationParameters {
  const { hires, outpaint, refiner } = request;
  return {
    prompt: request.prompt,
    negativePrompt: request.negativePrompt ?? '',
    steps: request.steps,
    sampler: generated.scheduler,
    guidance: request.guidance,
    seed: generated.seed,
    // hires fix records its base size (A1111 "Size"); the large size follows from hires.upscale / resize
    width: hires ? request.width : generated.image.width,
    height: hires ? request.height : generated.image.height,
    model: modelName,
    ...(request.initImage && request.strength !== undefined ? { strength: request.strength } : {}),
    ...(hires
      ? {
          strength: hires.strength,
          hires: {
            ...(hires.width !== undefined && hires.height !== undefined ? { resizeWidth: hires.width, resizeHeight: hires.height } : { upscale: hires.scale ?? HIRES_DEFAULTS.scale }),
            ...(hires.steps > 0 ? { steps: hires.steps } : {}),
            upscaler: hiresUpscalerLabel(hires.upscaler),
          },
        }
      : {}),
    ...(refiner ? { refiner: { model: refiner.title, switchAt: refiner.switchAt } } : {}),
    ...(outpaint ? { outpaint: { left: outpaint.left, right: outpaint.right, top: outpaint.top, bottom: outpaint.bottom, overlap: outpaint.overlap } } : {}),
  };
}

/** PNG bytes of a generated image with its parameters embedded (A1111 `parameters` + Tessera JSON chunks). */
export async function encodeGeneratedPng(generated: GeneratedImage, parameters: GenerationParameters): Promise<Uint8Array> {
  return addGenerationParameters(await encodePng(generated.image), parameters, { generator: GENERATOR_NAME });
}

export async function writeGeneratedPng(path: string, generated: GeneratedImage, parameters: GenerationParameters, options: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, await encodeGeneratedPng(generated, parameters), options);
}
