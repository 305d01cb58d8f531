// Mask logits → binary mask, with its area and bounding box found in the same pass (a click's latency
// includes this walk over every pixel of the image, so it is done once, not three times).
import type { BinaryMask, PixelBox } from '../../core/mask/binary-mask.ts';

export interface ThresholdedMask {
  /** 1 where logit > 0 (SAM's mask_threshold 0.0), else 0. */
  mask: BinaryMask;
  /** Foreground pixels. */
  area: number;
  /** Tightest box around the foreground; null for an empty mask. */
  box: PixelBox | null;
}

/** `logits`: [height, width] row-major float32 (one decoder mask at the image size). */
export function logitsToMask(logits: Float32Array, width: number, height: number): ThresholdedMask {
  const data = new Uint8Array(width * height); // zero-filled: only foreground is written
  let area = 0;
  let x0 = width;
  let x1 = -1;
  let y0 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let first = -1;
    let last = -1;
    for (let x = 0; x < width; x++) {
      if (logits[row + x]! > 0) {
        data[row + x] = 1;
        area += 1;
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first < 0) continue;
    if (y0 < 0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  const box = y0 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
  return { mask: { width, height, data }, area, box };
}
