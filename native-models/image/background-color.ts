// A cut-out laid over a solid colour (rembg's --bgcolor): the colour shows where the cut-out is transparent.
import { TesseraError } from '../api/errors.ts';
import type { RgbImage } from './rgb-image.ts';

/** R, G, B, A, each 0–255. */
export type RgbaColor = readonly [number, number, number, number];

/**
 * RGBA cut-out (straight alpha) over `color` with the Porter-Duff "over" operator: out = fg·α + bg·(1 − α),
 * alpha out = α + bgA·(1 − α). With an opaque colour the result is opaque. (rembg pastes with PIL's
 * `paste(img, mask=img)`, which also blends the alpha channel itself and so leaves semi-transparent edges
 * over an opaque colour; "over" is the compositing that image editors do.)
 */
export function flattenOnColor(cutout: RgbImage, color: RgbaColor): RgbImage {
  if (cutout.channels !== 4) throw new TesseraError('INVALID_ARGUMENT', `background colour: got a ${cutout.channels}-channel image, expected an RGBA cut-out`);
  if (color.length !== 4 || color.some((v) => !Number.isInteger(v) || v < 0 || v > 255)) {
    throw new TesseraError('INVALID_ARGUMENT', `background colour: got [${color.join(', ')}], expected 4 integers 0–255 (R, G, B, A)`);
  }
  const out = new Uint8Array(cutout.data.length);
  const bgA = color[3] / 255;
  for (let i = 0; i < cutout.data.length; i += 4) {
    const a = cutout.data[i + 3]! / 255;
    const outA = a + bgA * (1 - a);
    for (let k = 0; k < 3; k++) {
      const premultiplied = cutout.data[i + k]! * a + color[k]! * bgA * (1 - a);
      out[i + k] = outA > 0 ? Math.round(premultiplied / outA) : 0;
    }
    out[i + 3] = Math.round(outA * 255);
  }
  return { width: cutout.width, height: cutout.height, channels: 4, data: out };
}
