// A cheap preview of SD latents without the VAE: a fixed linear map from the 4 latent channels to RGB.
import type { RgbImage } from '../../image/rgb-image.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import { TesseraError } from '../../api/errors.ts';
import { floatFeed, floatOutput } from './model-io-types.ts';
import { tinyDecoderOutputRange } from '../../models/tiny-decoder-folder.ts';

/** A linear latent → RGB fit: rgb = latent · matrix + bias, shown as (rgb + 1) / 2. */
export interface LatentRgbFactors {
  /** Rows: the 4 latent channels; columns: R, G, B. */
  matrix: readonly (readonly [number, number, number])[];
  bias: readonly [number, number, number];
}

// Least-squares fits of scaled latents to RGB, as published with ComfyUI's latent formats (comfy/latent_formats.py,
// classes SD15 and SDXL). Good enough to watch a picture form; each VAE has its own.
const SD1_LATENT_RGB: LatentRgbFactors = {
  matrix: [
    [0.3512, 0.2297, 0.3227],
    [0.325, 0.4974, 0.235],
    [-0.2829, 0.1762, 0.2721],
    [-0.212, -0.2616, -0.7177],
  ],
  bias: [0, 0, 0],
};
const SDXL_LATENT_RGB: LatentRgbFactors = {
  matrix: [
    [0.3651, 0.4232, 0.4341],
    [-0.2533, -0.0042, 0.1068],
    [0.1076, 0.1111, -0.0362],
    [-0.3165, -0.2492, -0.2188],
  ],
  bias: [0.1084, -0.0175, -0.0011],
};

/** The fit for a model family's VAE (SD 1.x/2.x share theirs). */
export function latentRgbFactors(family: string | undefined): LatentRgbFactors {
  return family === 'sdxl' ? SDXL_LATENT_RGB : SD1_LATENT_RGB;
}

/** One image of [B, 4, h, w] scaled latents → an h × w RGB preview. */
export function previewLatents(latents: Float32Array, dims: readonly number[], index = 0, factors: LatentRgbFactors = SD1_LATENT_RGB): RgbImage {
  const [, channels, h, w] = dims as [number, number, number, number];
  const plane = h * w;
  const base = index * channels * plane;
  const data = new Uint8Array(plane * 3);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) {
      let v = factors.bias[c]!;
      for (let k = 0; k < 4; k++) v += latents[base + k * plane + i]! * factors.matrix[k]![c]!;
      data[i * 3 + c] = Math.round(Math.min(1, Math.max(0, (v + 1) / 2)) * 255);
    }
  }
  return { width: w, height: h, channels: 3, data };
}

/**
 * Preview through a TAESD-style tiny decoder (the folder's `preview_decoder/model.onnx` or an installed one): one input
 * [B, 4, h, w] taking the diffusion latents as they are (TAESD's scale factor is 1), one output [B, 3, 8h, 8w] in
 * [0, 1] or, for a diffusers export, [-1, 1] (models/tiny-decoder-folder.ts).
 */
export async function previewWithDecoder(decoder: OnnxModel, latents: Float32Array, dims: readonly number[], index = 0): Promise<RgbImage> {
  const [, channels, h, w] = dims as [number, number, number, number];
  const perImage = channels * h * w;
  const input = decoder.inputs[0];
  const outputName = decoder.outputs[0]?.name;
  if (!input || !outputName || decoder.inputs.length !== 1) {
    throw new TesseraError('MODEL_INVALID', `${decoder.path}: a preview decoder needs exactly one input and one output`);
  }
  const one = latents.slice(index * perImage, (index + 1) * perImage);
  const out = floatOutput(decoder, await decoder.run({ [input.name]: floatFeed(decoder, input.name, one, [1, channels, h, w]) }), outputName);
  const [, , height, width] = out.dims as [number, number, number, number];
  const plane = width * height;
  const data = new Uint8Array(plane * 3);
  const [gain, offset] = tinyDecoderOutputRange(decoder.inputs[0]?.name) === 'signed' ? [0.5, 0.5] : [1, 0];
  for (let c = 0; c < 3; c++) {
    for (let i = 0; i < plane; i++) data[i * 3 + c] = Math.round(Math.min(1, Math.max(0, out.data[c * plane + i]! * gain + offset)) * 255);
  }
  return { width, height, channels: 3, data };
}
