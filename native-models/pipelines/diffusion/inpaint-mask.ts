// Inpainting masks: the latent-resolution mask the UNet sees, and the pixel-space alpha used to composite
// the result back so that pixels outside the mask stay byte-identical to the input.
import type { GrayMask, RgbImage } from './generation-request.ts';

/** Pixel mask → [1, 1, H/8, W/8] of {0, 1}: nearest-neighbour sample at each block centre, threshold 0.5 (diffusers). */
export function latentMask(mask: GrayMask): Float32Array {
  const w = mask.width / 8;
  const h = mask.height / 8;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) out[y * w + x] = mask.data[(y * 8 + 4) * mask.width + x * 8 + 4]! >= 128 ? 1 : 0;
  }
  return out;
}

/** The masked image of diffusers' inpaint pipeline in [-1, 1] NCHW: repaint area set to 0 (mid-gray). */
export function maskedImageModelSpace(pixels: Float32Array, mask: GrayMask): Float32Array {
  const plane = mask.width * mask.height;
  const out = new Float32Array(pixels);
  for (let i = 0; i < plane; i++) {
    if (mask.data[i]! >= 128) {
      out[i] = 0;
      out[plane + i] = 0;
      out[2 * plane + i] = 0;
    }
  }
  return out;
}

/**
 * Alpha for compositing: 0 outside the mask (so those pixels are copied exactly), rising to 1 over `featherPx`
 * pixels inside it (distance to the nearest unmasked pixel, two-pass chamfer 3-4 metric).
 */
export function compositeAlpha(mask: GrayMask, featherPx: number): Float32Array {
  const { width, height } = mask;
  const inside = (i: number) => mask.data[i]! >= 128;
  const alpha = new Float32Array(width * height);
  if (featherPx <= 0) {
    for (let i = 0; i < alpha.length; i++) alpha[i] = inside(i) ? 1 : 0;
    return alpha;
  }
  const far = 1e9;
  const dist = new Float64Array(width * height);
  for (let i = 0; i < dist.length; i++) dist[i] = inside(i) ? far : 0;
  const relax = (x: number, y: number, dx: number, dy: number, cost: number) => {
    const nx = x + dx;
    const ny = y + dy;
    if (nx < 0 || ny < 0 || nx >= width || ny >= height) return;
    const i = y * width + x;
    const candidate = dist[ny * width + nx]! + cost;
    if (candidate < dist[i]!) dist[i] = candidate;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      relax(x, y, -1, 0, 3);
      relax(x, y, 0, -1, 3);
      relax(x, y, -1, -1, 4);
      relax(x, y, 1, -1, 4);
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      relax(x, y, 1, 0, 3);
      relax(x, y, 0, 1, 3);
      relax(x, y, 1, 1, 4);
      relax(x, y, -1, 1, 4);
    }
  }
  // A mask touching the image border has no unmasked neighbour there: treat the border as inside (far).
  for (let i = 0; i < alpha.length; i++) alpha[i] = inside(i) ? Math.min(1, dist[i]! / 3 / featherPx) : 0;
  return alpha;
}

/** result = alpha·generated + (1 − alpha)·original; alpha 0 copies the original byte for byte. */
export function compositeOnto(original: RgbImage, generated: RgbImage, alpha: Float32Array): RgbImage {
  const data = new Uint8Array(original.data);
  for (let p = 0; p < alpha.length; p++) {
    const a = alpha[p]!;
    if (a === 0) continue;
    for (let c = 0; c < 3; c++) {
      const i = p * 3 + c;
      data[i] = Math.round(a * generated.data[i]! + (1 - a) * original.data[i]!);
    }
  }
  return { width: original.width, height: original.height, channels: 3, data };
}
