// Outpainting as inpainting: the original is placed pixel for pixel on a larger canvas (new area filled by
// stretching its edge pixels outwards), the mask is the new area plus an overlap band into the original, and the
// composite feathers across that band — so every original pixel outside the band comes back byte-identical.
import { TesseraError } from '../../api/errors.ts';
import type { OutpaintSpec } from '../../api/outpaint-hires-schemas.ts';
import { outpaintLayout, type OutpaintLayout } from '../../core/geometry/outpaint-layout.ts';
import type { GenerationRequest, GrayMask, RgbImage } from './generation-request.ts';

/** The canvas: the original at the layout's origin, each new pixel a copy of the nearest original pixel. */
export function outpaintCanvas(image: RgbImage, layout: OutpaintLayout): RgbImage {
  const { width, height, originX, originY } = layout;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const sy = Math.min(image.height - 1, Math.max(0, y - originY));
    for (let x = 0; x < width; x++) {
      const sx = Math.min(image.width - 1, Math.max(0, x - originX));
      const from = (sy * image.width + sx) * image.channels;
      const to = (y * width + x) * 3;
      data[to] = image.data[from]!;
      data[to + 1] = image.data[from + 1]!;
      data[to + 2] = image.data[from + 2]!;
    }
  }
  return { width, height, channels: 3, data };
}

/**
 * 255 (repaint) over the new area and over a band `overlapPx` wide inside each extended edge of the original; 0 over
 * the rest of the original. Sides that were not extended get no band.
 */
export function outpaintMask(layout: OutpaintLayout, sourceWidth: number, sourceHeight: number, overlapPx: number): GrayMask {
  const { width, height, originX, originY, added } = layout;
  const band = (extended: number, distance: number) => extended > 0 && distance < overlapPx;
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const ox = x - originX;
      const oy = y - originY;
      const outside = ox < 0 || oy < 0 || ox >= sourceWidth || oy >= sourceHeight;
      const inBand = band(added.left, ox) || band(added.right, sourceWidth - 1 - ox) || band(added.top, oy) || band(added.bottom, sourceHeight - 1 - oy);
      data[y * width + x] = outside || inBand ? 255 : 0;
    }
  }
  return { width, height, data };
}

/**
 * The inpainting request that outpaints `request.initImage` (the original, any size): width × height must be the
 * extended size (outpaintLayout), which the caller states so a wrong size is refused rather than guessed.
 */
export function outpaintRequest(request: GenerationRequest, outpaint: OutpaintSpec): { request: GenerationRequest; layout: OutpaintLayout } {
  const original = request.initImage;
  if (!original) throw new TesseraError('INVALID_ARGUMENT', 'outpaint: got no init image, expected the image to extend');
  if (request.mask) throw new TesseraError('INVALID_ARGUMENT', 'outpaint: got a mask, expected none (outpainting makes its own)');
  const layout = outpaintLayout(original.width, original.height, outpaint);
  if (request.width !== layout.width || request.height !== layout.height) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `outpaint: got size ${request.width}×${request.height}, expected ${layout.width}×${layout.height} (${original.width}×${original.height} extended left ${outpaint.left}, right ${outpaint.right}, top ${outpaint.top}, bottom ${outpaint.bottom}, rounded to multiples of 8)`,
    );
  }
  const overlap = Math.min(outpaint.overlap, Math.floor(Math.min(original.width, original.height) / 2));
  return {
    layout,
    request: {
      ...request,
      initImage: outpaintCanvas(original, layout),
      mask: outpaintMask(layout, original.width, original.height, overlap),
      maskFeatherPx: overlap,
    },
  };
}
