// Alpha matting for hair-like edges: a guided filter (He, Sun, Tang 2010) solved on a trimap built from the
// model's alpha, so that edge alpha follows the image's own fine structure. Off by default (as rembg's
// alpha_matting), since it costs a few full-image box blurs.
import { TesseraError } from '../../api/errors.ts';
import { shrinkMask } from '../../core/mask/mask-morphology.ts';
import { boxBlur } from '../../core/mask/mask-feather.ts';
import type { GrayImage, RgbImage } from '../../image/rgb-image.ts';

export interface AlphaMattingOptions {
  /** Alpha at or above: sure subject before erosion (rembg's alpha_matting_foreground_threshold 240). */
  foregroundThreshold?: number;
  /** Alpha at or below: sure background before erosion (rembg's 10). */
  backgroundThreshold?: number;
  /** Both sure regions are eroded by this many pixels, widening the unknown band (rembg's erode size 10). */
  erodePx?: number;
  /** Guided-filter window radius in pixels. Default 8. */
  radius?: number;
  /** Guided-filter regularisation on a 0–1 guide: larger = smoother alpha. Default 1e-4. */
  epsilon?: number;
}

/** Sure subject 255, sure background 0, unknown 128. */
export function buildTrimap(alpha: GrayImage, options: AlphaMattingOptions = {}): Uint8Array {
  const fgT = options.foregroundThreshold ?? 240;
  const bgT = options.backgroundThreshold ?? 10;
  const erode = options.erodePx ?? 10;
  const { width, height, data } = alpha;
  const fg = new Uint8Array(data.length);
  const bg = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    fg[i] = data[i]! >= fgT ? 1 : 0;
    bg[i] = data[i]! <= bgT ? 1 : 0;
  }
  const sureFg = erode > 0 ? shrinkMask({ width, height, data: fg }, erode).data : fg;
  const sureBg = erode > 0 ? shrinkMask({ width, height, data: bg }, erode).data : bg;
  const trimap = new Uint8Array(data.length).fill(128);
  for (let i = 0; i < data.length; i++) trimap[i] = sureFg[i] ? 255 : sureBg[i] ? 0 : 128;
  return trimap;
}

/** Refines `alpha` (same size as `image`) in the trimap's unknown band; sure regions become exactly 0 / 255. */
export function alphaMatting(image: RgbImage, alpha: GrayImage, options: AlphaMattingOptions = {}): GrayImage {
  if (image.width !== alpha.width || image.height !== alpha.height) {
    throw new TesseraError('INVALID_ARGUMENT', `alpha matting: got a ${alpha.width}x${alpha.height} alpha, expected ${image.width}x${image.height} (the image size)`);
  }
  const { width, height } = image;
  const n = width * height;
  const r = options.radius ?? 8;
  const eps = options.epsilon ?? 1e-4;
  const c = image.channels;
  const guide = new Float32Array(n);
  const p = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    guide[i] = (0.299 * image.data[i * c]! + 0.587 * image.data[i * c + 1]! + 0.114 * image.data[i * c + 2]!) / 255;
    p[i] = alpha.data[i]! / 255;
  }
  const products = (x: Float32Array, y: Float32Array): Float32Array => x.map((v, i) => v * y[i]!);
  const meanI = boxBlur(guide, width, height, r);
  const meanP = boxBlur(p, width, height, r);
  const corrII = boxBlur(products(guide, guide), width, height, r);
  const corrIP = boxBlur(products(guide, p), width, height, r);
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const varI = corrII[i]! - meanI[i]! * meanI[i]!;
    const covIP = corrIP[i]! - meanI[i]! * meanP[i]!;
    a[i] = covIP / (varI + eps);
    b[i] = meanP[i]! - a[i]! * meanI[i]!;
  }
  const meanA = boxBlur(a, width, height, r);
  const meanB = boxBlur(b, width, height, r);
  const trimap = buildTrimap(alpha, options);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const t = trimap[i]!;
    out[i] = t !== 128 ? t : Math.round(255 * Math.min(1, Math.max(0, meanA[i]! * guide[i]! + meanB[i]!)));
  }
  return { width, height, data: out };
}
