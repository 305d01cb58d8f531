// Fast decode: the final latents through the model's TAESD-class tiny decoder (the folder's own
// `preview_decoder/model.onnx`, else an installed tiny-decoder model of its latent family) instead of the full VAE — a few-step image's VAE costs about as much as its
// one UNet evaluation, a tiny decoder a small fraction of it.
import { TesseraError } from '../../api/errors.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import type { DiffusionModel } from './diffusion-model.ts';
import { previewWithDecoder } from './latent-preview.ts';

/** Refuses up front (before any model runs) a fast decode the folder cannot serve. */
export function checkFastDecode(model: Pick<DiffusionModel, 'dir' | 'tinyDecoder'>, fastDecode: boolean | undefined): void {
  if (fastDecode && model.tinyDecoder.source === 'none') throw new TesseraError('UNSUPPORTED', `${model.dir}: ${model.tinyDecoder.reason}`);
}

/** [B, 4, h, w] scaled latents float32 → B images of 8h × 8w, each through the tiny decoder. */
export async function fastDecodeLatents(model: DiffusionModel, latents: Float32Array, dims: readonly [number, number, number, number]): Promise<RgbImage[]> {
  return model.usePreviewDecoder(async (decoder) => {
    const images: RgbImage[] = [];
    for (let k = 0; k < dims[0]; k++) images.push(await previewWithDecoder(decoder, latents, dims, k));
    return images;
  });
}
