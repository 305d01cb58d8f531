// The one entry the hosts call for a generation: plain text-to-image / img2img / inpaint, outpainting (an inpaint on
// an extended canvas) or hires fix (two passes), each a thin layer over generateImages.
import { TesseraError } from '../../api/errors.ts';
import type { HiresFixSpec, OutpaintSpec } from '../../api/outpaint-hires-schemas.ts';
import type { DiffusionModel } from './diffusion-model.ts';
import { generateImages, type GeneratedImage, type GenerateOptions } from './generate-images.ts';
import type { GenerationRequest } from './generation-request.ts';
import { generateHires, type HiresImageUpscaler } from './hires-fix.ts';
import { outpaintRequest } from './outpaint.ts';

export interface FullGenerationRequest extends GenerationRequest {
  /** Extend initImage (the original, any size) by these sides; width × height are the extended size. */
  outpaint?: OutpaintSpec;
  /** Hires fix: width × height are the base (first pass) size. */
  hires?: HiresFixSpec;
  /** The refiner stage as recorded in the image's metadata (its model opened by the host: extras.refinerModel). */
  refiner?: { title: string; switchAt: number };
}

export interface RunGenerationExtras {
  /** The upscaler model a hires fix names (resolved and opened by the host). */
  hiresUpscaler?: HiresImageUpscaler;
  /** The refiner model request.refiner names (resolved and opened by the host). */
  refinerModel?: DiffusionModel;
}

export async function runGeneration(model: DiffusionModel, request: FullGenerationRequest, options: GenerateOptions = {}, extras: RunGenerationExtras = {}): Promise<GeneratedImage[]> {
  const { outpaint, hires, refiner, ...plain } = request;
  if (outpaint && hires) throw new TesseraError('INVALID_ARGUMENT', 'got outpaint and hires together, expected one of them');
  if (refiner && !extras.refinerModel) throw new TesseraError('INVALID_ARGUMENT', `refiner "${refiner.title}": got no opened refiner model, expected the host to open it`);
  const staged: GenerateOptions = refiner && extras.refinerModel ? { ...options, refiner: { model: extras.refinerModel, switchAt: refiner.switchAt } } : options;
  if (outpaint) return await generateImages(model, outpaintRequest(plain, outpaint).request, staged);
  if (hires) return await generateHires(model, plain, hires, staged, extras.hiresUpscaler);
  return await generateImages(model, plain, staged);
}
