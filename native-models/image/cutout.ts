// Cut-outs: an RGBA image whose alpha is the mask (optionally feathered), optionally cropped to the mask.

import { TesseraError } from '../api/errors.ts';
import { maskBoundingBox } from '../core/mask/binary-mask.ts';
import type { BinaryMask, PixelBox } from '../core/mask/binary-mask.ts';
import { boxBlur, featherMask } from '../core/mask/mask-feather.ts';
import type { RgbImage } from './rgb-image.ts';

export interface CutoutOptions {
  /** Feather radius in pixels (box blur of the alpha; see featherMask). Default 0: alpha = mask × 255 exactly. */
  featherPx?: number;
  /** Crop to the mask's bounding box, widened by featherPx on each side (within the image). Default false. */
  crop?: boolean;
  /**
   * Soft alpha, row-major uint8 at the image size, used in place of mask × 255 (a background-removal model's
   * edges, as rembg keeps them); feathering blurs it; the mask still decides the crop. Default: from the mask.
   */
  alpha?: Uint8Array;
}

export interface Cutout {
  /** RGBA, straight (not premultiplied) alpha. */
  image: RgbImage;
  /** Where the cut-out sits in the source image (the whole image when not cropped). */
  box: PixelBox;
}

/**
 * RGB(A) image + same-size mask → RGBA cut-out. The source's own alpha, if any, is replaced by the mask.
 * An empty mask with crop gives a 1×1 transparent image at (0, 0), since PNG cannot hold 0×0.
 */
export function composeCutout(image: RgbImage, mask: BinaryMask, options: CutoutOptions = {}): Cutout {
  const featherPx = options.featherPx ?? 0;
  if (!Number.isInteger(featherPx) || featherPx < 0) {
    throw new TesseraError('INVALID_ARGUMENT', `feather: got ${featherPx}, expected an integer >= 0 (pixels)`);
  }
  if (image.width !== mask.width || image.height !== mask.height) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `cut-out mask: got ${mask.width}x${mask.height}, expected ${image.width}x${image.height} (the image size)`,
    );
  }
  if (options.alpha && options.alpha.length !== mask.data.length) {
    throw new TesseraError('INVALID_ARGUMENT', `cut-out alpha: got ${options.alpha.length} values, expected ${mask.data.length} (the image size)`);
  }
  const alpha = options.alpha ? blurredAlpha(options.alpha, image.width, image.height, featherPx) : featherMask(mask, featherPx);
  let box: PixelBox = { x: 0, y: 0, width: image.width, height: image.height };
  if (options.crop) {
    const bounds = maskBoundingBox(mask);
    if (bounds === null) {
      return { image: { width: 1, height: 1, channels: 4, data: new Uint8Array(4) }, box: { x: 0, y: 0, width: 1, height: 1 } };
    }
    const x0 = Math.max(0, bounds.x - featherPx);
    const y0 = Math.max(0, bounds.y - featherPx);
    const x1 = Math.min(image.width, bounds.x + bounds.width + featherPx);
    const y1 = Math.min(image.height, bounds.y + bounds.height + featherPx);
    box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }
  const out = new Uint8Array(box.width * box.height * 4);
  const c = image.channels;
  for (let y = 0; y < box.height; y++) {
    for (let x = 0; x < box.width; x++) {
      const src = (box.y + y) * image.width + (box.x + x);
      const dst = (y * box.width + x) * 4;
      out[dst] = image.data[src * c];
      out[dst + 1] = image.data[src * c + 1];
      out[dst + 2] = image.data[src * c + 2];
      out[dst + 3] = alpha[src];
    }
  }
  return { image: { width: box.width, height: box.height, channels: 4, data: out }, box };
}

function blurredAlpha(alpha: Uint8Array, width: number, height: number, featherPx: number): Uint8Array {
  if (featherPx === 0) return alpha;
  const blurred = boxBlur(alpha, width, height, featherPx);
  return Uint8Array.from(blurred, (v) => Math.round(Math.min(255, Math.max(0, v))));
}
