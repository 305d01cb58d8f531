// Pixels ↔ the tensors the VAE reads and writes: HWC uint8 0–255 ↔ NCHW float32 in [-1, 1].

import { TesseraError } from '../api/errors.ts';
import { float32Tensor } from '../core/tensor.ts';
import type { Tensor } from '../core/tensor.ts';
import type { RgbImage } from './rgb-image.ts';

/**
 * RGB(A) HWC uint8 → [1, 3, H, W] float32, x / 127.5 − 1 (diffusers' `2·(x/255) − 1`). Alpha is ignored.
 */
export function imageToTensor(image: RgbImage): Tensor<'float32'> {
  const { width, height, channels, data } = image;
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    const p = i * channels;
    out[i] = data[p] / 127.5 - 1;
    out[plane + i] = data[p + 1] / 127.5 - 1;
    out[2 * plane + i] = data[p + 2] / 127.5 - 1;
  }
  return float32Tensor(out, [1, 3, height, width]);
}

/**
 * [B, 3, H, W] float32 in about [-1, 1] → B RGB images, round(clip(x/2 + 0.5, 0, 1) · 255) as diffusers'
 * VAE post-processing and `numpy_to_pil` do.
 */
export function tensorToImages(tensor: Tensor<'float32'>): RgbImage[] {
  const dims = tensor.dims;
  if (dims.length !== 4 || dims[1] !== 3) {
    throw new TesseraError('TENSOR_MISMATCH', `image tensor: got dims [${dims.join(', ')}], expected [B, 3, H, W]`);
  }
  const [batch, , height, width] = dims;
  const plane = width * height;
  const images: RgbImage[] = [];
  for (let b = 0; b < batch; b++) {
    const base = b * 3 * plane;
    const data = new Uint8Array(plane * 3);
    for (let i = 0; i < plane; i++) {
      for (let c = 0; c < 3; c++) data[i * 3 + c] = toByte(tensor.data[base + c * plane + i]);
    }
    images.push({ width, height, channels: 3, data });
  }
  return images;
}

/** The single image of a [1, 3, H, W] tensor (or image `index` of a batch). */
export function tensorToImage(tensor: Tensor<'float32'>, index = 0): RgbImage {
  const images = tensorToImages(tensor);
  if (index < 0 || index >= images.length) {
    throw new TesseraError('INVALID_ARGUMENT', `image index: got ${index}, expected 0..${images.length - 1}`);
  }
  return images[index];
}

function toByte(x: number): number {
  const v = Math.min(1, Math.max(0, x / 2 + 0.5));
  return Number.isNaN(v) ? 0 : Math.round(v * 255); // a NaN from a broken fp16 VAE becomes black, not garbage
}
