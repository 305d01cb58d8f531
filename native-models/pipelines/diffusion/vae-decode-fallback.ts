// Decoding with a way out of the fp16 VAE overflow: when the folder's decoder yields NaN/inf, the latents are decoded
// again by a full-precision decoder (the folder's vae_decoder_fp32/, or an installed SDXL "fp16-fix" VAE beside it),
// with a warning saying so. With neither, a clear error naming both remedies; never a black image.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import type { VaeTiling } from './tiled-vae.ts';
import { NonFiniteDecodeError, decodeLatents } from './vae-codec.ts';

/** Inside the model folder: a float32 export of the same VAE decoder. */
export const FP32_VAE_DECODER = 'vae_decoder_fp32/model.onnx';
/** Beside the model folder: a model folder whose name says fp16-fix (madebyollin/sdxl-vae-fp16-fix exported). */
const FP16_FIX_PATTERN = /fp16[-_]?fix/i;

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** The first full-precision decoder found for `modelDir`, or undefined. */
export async function findFallbackVaeDecoder(modelDir: string): Promise<string | undefined> {
  const own = path.join(modelDir, FP32_VAE_DECODER);
  if (await isFile(own)) return own;
  const parent = path.dirname(path.resolve(modelDir));
  const siblings = await fs.readdir(parent).catch(() => [] as string[]);
  for (const name of siblings.filter((n) => FP16_FIX_PATTERN.test(n)).sort()) {
    const candidate = path.join(parent, name, 'vae_decoder', 'model.onnx');
    if (await isFile(candidate)) return candidate;
  }
  return undefined;
}

export interface FallbackDecodeInput {
  modelDir: string;
  latents: Float32Array;
  dims: readonly number[];
  scalingFactor: number;
  /** Decode in overlapping tiles (large images, low-memory mode). */
  tiling?: VaeTiling;
  useDecoder: <T>(work: (m: OnnxModel) => Promise<T>) => Promise<T>;
  useFile: <T>(file: string, work: (m: OnnxModel) => Promise<T>) => Promise<T>;
  warn: (message: string) => void;
}

export async function decodeWithFallback(input: FallbackDecodeInput): Promise<RgbImage[]> {
  try {
    return await input.useDecoder((vae) => decodeLatents(vae, input.latents, input.dims, input.scalingFactor, input.tiling));
  } catch (error) {
    if (!(error instanceof NonFiniteDecodeError)) throw error;
    const fallback = await findFallbackVaeDecoder(input.modelDir);
    if (!fallback) {
      throw new TesseraError(
        'INFERENCE_FAILED',
        `${error.message}; no full-precision decoder to retry with: put an fp32 export of the VAE decoder at ${path.join(input.modelDir, FP32_VAE_DECODER)}, or install an SDXL fp16-fix VAE folder (name containing "fp16-fix", with vae_decoder/model.onnx) beside the model`,
        error.details,
      );
    }
    input.warn(`${error.message}; decoding again with ${fallback}`);
    return input.useFile(fallback, (vae) => decodeLatents(vae, input.latents, input.dims, input.scalingFactor, input.tiling));
  }
}
