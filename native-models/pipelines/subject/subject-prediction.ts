// A background-removal network's first output → an 8-bit alpha at the image size, as rembg's sessions do it.
import { TesseraError } from '../../api/errors.ts';
import type { Tensor } from '../../core/tensor.ts';
import type { SubjectContract } from '../../models/subject-contracts.ts';
import { resizeGray } from '../../image/resize-image.ts';
import type { GrayImage } from '../../image/rgb-image.ts';

/**
 * `[B, C, h, w]` (or `[B, h, w]`) float32 → the model-size map of batch 0, channel 0: sigmoid first when the
 * contract says logits (BiRefNet), then min-max to [0, 1] (rembg's `(pred − min) / (max − min)`; a constant map,
 * where rembg divides by zero, becomes all 0), as uint8 0–255 truncated like numpy's astype.
 */
export function predictionToModelAlpha(output: Tensor, contract: SubjectContract, label: string): GrayImage {
  const dims = output.dims;
  if (output.type !== 'float32' || (dims.length !== 4 && dims.length !== 3)) {
    throw new TesseraError('INFERENCE_FAILED', `${label}: first output is ${output.type} [${dims.join(', ')}], expected float32 [B, 1, H, W]`);
  }
  const height = dims[dims.length - 2]!;
  const width = dims[dims.length - 1]!;
  const plane = width * height;
  const values = (output.data as Float32Array).subarray(0, plane);
  const map = new Float32Array(plane);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < plane; i++) {
    const v = contract.logits ? 1 / (1 + Math.exp(-values[i]!)) : values[i]!;
    map[i] = v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const data = new Uint8Array(plane);
  const range = max - min;
  if (range > 0 && Number.isFinite(range)) {
    for (let i = 0; i < plane; i++) data[i] = Math.floor(Math.min(1, Math.max(0, (map[i]! - min) / range)) * 255);
  }
  return { width, height, data };
}

/** The model-size alpha resized back to the image with Lanczos (rembg: `mask.resize(img.size, LANCZOS)`). */
export function alphaToImageSize(alpha: GrayImage, width: number, height: number): Promise<GrayImage> {
  return resizeGray(alpha, width, height, 'lanczos3');
}
