// Writes a generated image as a PNG carrying its parameters (A1111 `parameters` + Tessera JSON), atomically.
import type { GenerationParameters } from '../../api/generation-parameters.ts';
import { encodePng } from '../../image/encode-png.ts';
import { addGenerationParameters } from '../../image/png-metadata/generation-metadata.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';
import type { GenerationRequest } from './generation-request.ts';
import type { GeneratedImage } from './generate-images.ts';

export const GENERATOR_NAME = 'tessera 0.1.0';

/** The parameters that reproduce one generated image (its own seed, the steps and scheduler actually used). */
export function parametersOf(request: GenerationRequest, generated: GeneratedImage, modelName: string): GenerationParameters {
  return {
    prompt: request.prompt,
    negativePrompt: request.negativePrompt ?? '',
    steps: request.steps,
    sampler: generated.scheduler,
    guidance: request.guidance,
    seed: generated.seed,
    width: generated.image.width,
    height: generated.image.height,
    model: modelName,
    ...(request.initImage && request.strength !== undefined ? { strength: request.strength } : {}),
  };
}

/** PNG bytes of a generated image with its parameters embedded (A1111 `parameters` + Tessera JSON chunks). */
export async function encodeGeneratedPng(generated: GeneratedImage, parameters: GenerationParameters): Promise<Uint8Array> {
  return addGenerationParameters(await encodePng(generated.image), parameters, { generator: GENERATOR_NAME });
}

export async function writeGeneratedPng(path: string, generated: GeneratedImage, parameters: GenerationParameters, options: { overwrite?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, await encodeGeneratedPng(generated, parameters), options);
}
