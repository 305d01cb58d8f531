// VAE encode/decode between RGB images and scaled latents, one image at a time (as diffusers does: fp16 VAE
// decoders misbehave on batches), for every exporter flavour of the VAE encoder's output.
import { TesseraError } from '../../api/errors.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import { floatFeed, floatOutput } from './model-io-types.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import { imageToTensor, tensorToImage } from '../../image/image-tensor.ts';
import { float32Tensor } from '../../core/tensor.ts';
import { DECODE_TILES, ENCODE_TILES, runInTiles, type VaeTiling } from './tiled-vae.ts';

/**
 * The decoded pixels held NaN or ±inf: an fp16 VAE overflowed (many SDXL fp16 exports do). Writing that out
 * would give a black or speckled image, so the caller retries with a full-precision decoder or fails.
 */
export class NonFiniteDecodeError extends TesseraError {
  constructor(file: string, count: number, total: number) {
    super('INFERENCE_FAILED', `${file}: the VAE decoder output has ${count} NaN/inf values of ${total}, expected finite pixels (an fp16 VAE overflowing)`, { nonFinite: count });
  }
}

function countNonFinite(data: Float32Array): number {
  let count = 0;
  for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i]!)) count++;
  return count;
}

/** Runs the VAE decoder on one unscaled latent [1, channels, h, w]; returns its [1, 3, 8h, 8w] pixels. */
async function decodeOne(vaeDecoder: OnnxModel, unscaled: Float32Array, channels: number, h: number, w: number): Promise<Float32Array> {
  const out = await vaeDecoder.run({ latent_sample: floatFeed(vaeDecoder, 'latent_sample', unscaled, [1, channels, h, w]) });
  const sample = floatOutput(vaeDecoder, out, 'sample');
  const [, c, height, width] = sample.dims as [number, number, number, number];
  if (c !== 3 || height !== h * 8 || width !== w * 8) {
    throw new TesseraError('TENSOR_MISMATCH', `${vaeDecoder.path}: output "sample" is [${sample.dims.join(', ')}], expected [1, 3, ${h * 8}, ${w * 8}]`);
  }
  return sample.data;
}

/** Decodes [B, 4, h, w] scaled latents into B RGB images; with `tiling`, in overlapping tiles (tiled-vae.ts);
 * throws NonFiniteDecodeError rather than return black. */
export async function decodeLatents(vaeDecoder: OnnxModel, latents: Float32Array, dims: readonly number[], scalingFactor: number, tiling?: VaeTiling): Promise<RgbImage[]> {
  const [batch, channels, h, w] = dims as [number, number, number, number];
  const perImage = channels * h * w;
  const images: RgbImage[] = [];
  for (let b = 0; b < batch; b++) {
    const unscaled = new Float32Array(perImage);
    for (let i = 0; i < perImage; i++) unscaled[i] = latents[b * perImage + i]! / scalingFactor;
    const pixels = tiling
      ? await runInTiles(unscaled, h, w, { ...DECODE_TILES, inChannels: channels }, tiling, (crop, th, tw) => decodeOne(vaeDecoder, crop, channels, th, tw))
      : await decodeOne(vaeDecoder, unscaled, channels, h, w);
    const nonFinite = countNonFinite(pixels);
    if (nonFinite > 0) throw new NonFiniteDecodeError(vaeDecoder.path, nonFinite, pixels.length);
    images.push(tensorToImage(float32Tensor(pixels, [1, 3, h * 8, w * 8])));
  }
  return images;
}

/** Encodes an RGB image to scaled latents [1, 4, H/8, W/8]; with `tiling`, in overlapping tiles (tiled-vae.ts). */
export function encodeImage(vaeEncoder: OnnxModel, image: RgbImage, scalingFactor: number, tiling?: VaeTiling): Promise<Float32Array> {
  return encodeModelSpace(vaeEncoder, imageToTensor(image).data, image.width, image.height, scalingFactor, tiling);
}

/**
 * Encodes a [1, 3, H, W] image in [-1, 1] to scaled latents [1, 4, H/8, W/8]; with `tiling`, each 8·tile-sized
 * crop is encoded alone and the latents cross-faded, so the encoder's activations are one tile's.
 */
export function encodeModelSpace(vaeEncoder: OnnxModel, pixels: Float32Array, width: number, height: number, scalingFactor: number, tiling?: VaeTiling): Promise<Float32Array> {
  if (!tiling) return encodeOne(vaeEncoder, pixels, width, height, scalingFactor);
  return runInTiles(pixels, height / 8, width / 8, ENCODE_TILES, tiling, (crop, th, tw) => encodeOne(vaeEncoder, crop, tw * 8, th * 8, scalingFactor));
}

/**
 * One run of the encoder. `latent_parameters` exports (Optimum ≥ 1.23) return mean‖logvar: the mean is taken
 * (deterministic img2img); `latent_sample` exports sample inside the graph.
 */
async function encodeOne(vaeEncoder: OnnxModel, pixels: Float32Array, width: number, height: number, scalingFactor: number): Promise<Float32Array> {
  const out = await vaeEncoder.run({ sample: floatFeed(vaeEncoder, 'sample', pixels, [1, 3, height, width]) });
  const name = 'latent_parameters' in out ? 'latent_parameters' : 'latent_sample';
  const latent = floatOutput(vaeEncoder, out, name);
  const h = height / 8;
  const w = width / 8;
  const expectedChannels = name === 'latent_parameters' ? 8 : 4;
  if (latent.dims[1] !== expectedChannels || latent.dims[2] !== h || latent.dims[3] !== w) {
    throw new TesseraError('TENSOR_MISMATCH', `${vaeEncoder.path}: output "${name}" is [${latent.dims.join(', ')}], expected [1, ${expectedChannels}, ${h}, ${w}]`);
  }
  const mean = latent.data.subarray(0, 4 * h * w);
  const scaled = new Float32Array(4 * h * w);
  for (let i = 0; i < scaled.length; i++) scaled[i] = mean[i]! * scalingFactor;
  return scaled;
}
