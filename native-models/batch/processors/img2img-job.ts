// The img2img batch job: each image of a folder → one image repainted from it with a prompt and a strength,
// at the image's size floored to a multiple of 64 (diffusers' rule) unless width and height are given; with
// `outpaint`, each image at its own size extended by those sides (its pixels kept outside the seam band).
// Output `x.jpg` → `x.img2img.png` (see output-naming.ts), with its generation parameters in the PNG.

import { TesseraError } from '../../api/errors.ts';
import { decodeRgb } from '../../image/decode-image.ts';
import { floorToMultiple, resizeForImg2Img } from '../../image/resize-image.ts';
import { outpaintLayout } from '../../core/geometry/outpaint-layout.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import type { FullGenerationRequest } from '../../pipelines/diffusion/run-generation.ts';
import type { BatchJob } from '../batch-job.ts';
import { discoverImageFolder, imageFileItem, loadImageFile, type ImageFileItem, type ImageFolderOptions } from '../image-folder-inputs.ts';
import { img2imgOutput } from '../output-naming.ts';
import { derivedSeed, refinerOfRequest, type GenerationSettings } from './generation-settings.ts';
import { generationStages, type GeneratedItem } from './generation-stages.ts';

export interface Img2ImgJobOptions extends ImageFolderOptions, GenerationSettings {
  model: DiffusionModel;
  /** The opened refiner `refiner` names. */
  refinerModel?: DiffusionModel;
  prompt: string;
  /** Fraction of the schedule run, (0, 1]. */
  strength: number;
  limitInputPixels?: number;
}

type Loaded = { bytes: Uint8Array; hash: string };
export type Img2ImgJob = BatchJob<ImageFileItem, Loaded, FullGenerationRequest, GeneratedItem>;

export async function createImg2ImgJob(options: Img2ImgJobOptions): Promise<Img2ImgJob> {
  if (!(options.strength > 0 && options.strength <= 1)) throw new TesseraError('INVALID_ARGUMENT', `strength: got ${options.strength}, expected a number in (0, 1]`);
  if ((options.width === undefined) !== (options.height === undefined)) {
    throw new TesseraError('INVALID_ARGUMENT', `size: got only ${options.width === undefined ? 'height' : 'width'}, expected both width and height or neither`);
  }
  if (options.outpaint && options.width !== undefined) throw new TesseraError('INVALID_ARGUMENT', `size: got ${options.width}×${options.height} with outpaint, expected none (the size follows each image)`);
  const { images, skipped } = await discoverImageFolder(options);
  return {
    kind: 'img2img',
    parameters: { model: options.modelName, prompt: options.prompt, strength: options.strength, ...(options.outpaint ? { outpaint: options.outpaint } : {}) },
    items: images.map((rel) => imageFileItem(options.inputDir, rel, [img2imgOutput(rel)])),
    skipped,
    async load(item) {
      const { hash, data } = await loadImageFile(item);
      return { hash, data: { bytes: data, hash } };
    },
    async prepare(item, { bytes, hash }): Promise<FullGenerationRequest> {
      const image = await decodeRgb(bytes, { name: item.input, limitInputPixels: options.limitInputPixels });
      const request = { prompt: options.prompt, negativePrompt: options.negativePrompt, scheduler: options.scheduler, steps: options.steps, guidance: options.guidance, seed: options.seed ?? derivedSeed(hash), strength: options.strength, ...(options.fastDecode ? { fastDecode: true } : {}), ...refinerOfRequest(options) };
      if (options.outpaint) {
        // the original as it is: outpainting keeps its pixels, so it is never resampled
        const layout = outpaintLayout(image.width, image.height, options.outpaint);
        return { ...request, width: layout.width, height: layout.height, initImage: image, outpaint: options.outpaint };
      }
      const target = options.width !== undefined && options.height !== undefined ? { width: options.width, height: options.height } : floorToMultiple(image.width, image.height, 64);
      if (target.width < 64 || target.height < 64) {
        throw new TesseraError('INVALID_ARGUMENT', `${item.input}: got ${image.width}x${image.height}, expected at least 64x64 for img2img (or give width and height)`);
      }
      const initImage = await resizeForImg2Img(image, target.width, target.height);
      return { ...request, width: target.width, height: target.height, initImage };
    },
    ...generationStages(options.model, options.modelName, (r) => ({ steps: r.steps, guidance: r.guidance, width: r.width, height: r.height, seed: r.seed, ...(r.refiner ? { refiner: r.refiner } : {}) }), options.refinerModel),
  };
}
