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
}

export interface RunGenerationExtras {
  /** The upscaler model a hires fix names (resolved and opened by the host). */
  hiresUpscaler?: HiresImageUpscaler;
}

export async function runGeneration(model: DiffusionModel, request: FullGenerationRequest, options: GenerateOptions = {}, extras: RunGenerationExtras = {}): Promise<GeneratedImage[]> {
  const { outpaint, hires, ...plain } = request;
  if (outpaint && hires) throw new TesseraError('INVALID_ARGUMENT', 'got outpaint and hires together, expected one of them');
  if (outpaint) return await generateImages(model, outpaintRequest(plain, outpaint).request, options);
  if (hires) return await generateHires(model, plain, hires, options, extras.hiresUpscaler);
  return await generateImages(model, plain, options);
}
