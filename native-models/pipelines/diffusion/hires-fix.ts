// Hires fix with A1111's semantics: each image is made at the base size, upscaled (its latents with "Latent" /
// "Latent (nearest-exact)", or its pixels with Lanczos or an upscaler model), then denoised again as img2img at the
// large size. Both passes are the one denoise loop of generateImages; this file only chains them.
import { TesseraError } from '../../api/errors.ts';
import { HIRES_DEFAULTS, isBuiltinHiresUpscaler, type HiresFixSpec } from '../../api/outpaint-hires-schemas.ts';
import { hiresTargetSize } from '../../core/geometry/hires-size.ts';
import { resizeImage } from '../../image/resize-image.ts';
import type { ImageUpscaler } from '../upscale/image-upscaler.ts';
import type { DiffusionModel } from './diffusion-model.ts';
import { generateImages, type GeneratedImage, type GenerateOptions } from './generate-images.ts';
import type { GenerationRequest, RgbImage } from './generation-request.ts';
import { upscaleLatents } from './latent-upscale.ts';

/** An image-space upscaler model (e.g. Real-ESRGAN ×4); its output is resized to the hires size with Lanczos. */
export interface HiresImageUpscaler {
  upscale(image: RgbImage): Promise<RgbImage>;
}

/** An opened upscaler model as hires fix's image-space upscaler (its default tiling). */
export function hiresUpscalerOf(upscaler: Pick<ImageUpscaler, 'upscale'>): HiresImageUpscaler {
  return { upscale: async (image) => (await upscaler.upscale(image)).image };
}

/** The hires size of a request: the explicit target, else base × scale floored to multiples of 8. */
export function hiresSize(request: Pick<GenerationRequest, 'width' | 'height'>, hires: HiresFixSpec): { width: number; height: number } {
  if (hires.width !== undefined && hires.height !== undefined) return { width: hires.width, height: hires.height };
  return hiresTargetSize(request.width, request.height, hires.scale ?? HIRES_DEFAULTS.scale);
}

/**
 * The schedule length whose img2img tail at `strength` is exactly `steps` steps: A1111 runs the hires pass with
 * "Hires steps" steps of a ⌊steps / strength⌋-step schedule (its setup_img2img_steps when steps are given).
 */
export function hiresScheduleSteps(steps: number, strength: number): number {
  let schedule = Math.ceil(steps / strength - 1e-9);
  while (Math.floor(schedule * strength) < steps) schedule++;
  if (schedule > 1000) throw new TesseraError('INVALID_ARGUMENT', `hires: ${steps} steps at strength ${strength} need a ${schedule}-step schedule, expected at most 1000; raise the strength or lower the steps`);
  return schedule;
}

export async function generateHires(
  model: DiffusionModel,
  request: GenerationRequest,
  hires: HiresFixSpec,
  options: GenerateOptions = {},
  imageUpscaler?: HiresImageUpscaler,
): Promise<GeneratedImage[]> {
  if (request.initImage || request.mask) throw new TesseraError('INVALID_ARGUMENT', 'hires: got an init image or mask, expected text-to-image');
  if (!isBuiltinHiresUpscaler(hires.upscaler) && !imageUpscaler) {
    throw new TesseraError('INVALID_ARGUMENT', `hires upscaler: got "${hires.upscaler}", expected latent, latent-nearest-exact, lanczos or an upscaler model`);
  }
  const target = hiresSize(request, hires);
  const secondSteps = hires.steps || request.steps;
  const schedule = hiresScheduleSteps(secondSteps, hires.strength);
  const count = options.count ?? 1;
  const totalSteps = request.steps + secondSteps;
  const results: GeneratedImage[] = [];
  // one image at a time: its second pass needs its own first-pass latents, at the large size
  for (let k = 0; k < count; k++) {
    const seed = request.seed + k;
    const progress = (offset: number): GenerateOptions['onProgress'] => (p) => options.onProgress?.({ ...p, step: offset + p.step, totalSteps, batchIndex: k, batchCount: count });
    const [base] = await generateImages(model, { ...request, seed, batchSize: 1 }, { signal: options.signal, keepLatents: true, onProgress: progress(0) });
    const second: GenerationRequest = { ...request, seed, batchSize: 1, width: target.width, height: target.height, steps: schedule, strength: hires.strength };
    if (hires.upscaler === 'latent' || hires.upscaler === 'latent-nearest-exact') {
      const mode = hires.upscaler === 'latent' ? 'bilinear' : 'nearest-exact';
      second.initLatents = upscaleLatents(base!.latents!, 4, request.height / 8, request.width / 8, target.height / 8, target.width / 8, mode);
    } else {
      const upscaled = hires.upscaler === 'lanczos' ? base!.image : await imageUpscaler!.upscale(base!.image);
      second.initImage = await resizeImage(upscaled, target.width, target.height, 'lanczos3');
    }
    const [final] = await generateImages(model, second, { signal: options.signal, onProgress: progress(base!.stepsRun) });
    const made: GeneratedImage = { image: final!.image, seed, scheduler: final!.scheduler, stepsRun: base!.stepsRun + final!.stepsRun };
    results.push(made);
    await options.onImage?.(made, k);
  }
  return results;
}
