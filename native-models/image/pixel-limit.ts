// The one pixel limit of every encoded image Tessera decodes (files, API uploads, batch inputs, thumbnails), and
// the one way to hand such bytes to sharp, so no decode site can forget the limit.
//
// Why process-wide: the limit guards this machine's memory, not one call; a process serves one Settings (the CLI
// sets it from --max-pixels, the service from Settings.maxPixels at start and on every change).
import sharp, { type Sharp } from 'sharp';
import { DEFAULT_MAX_PIXELS, MaxPixelsSchema } from '../api/image-schemas.ts';
import { TesseraError } from '../api/errors.ts';

export { DEFAULT_MAX_PIXELS, MaxPixelsSchema };

let processLimit = DEFAULT_MAX_PIXELS;

// libvips keeps up to 50 MB of decoded operations cached by default: a host would stay that much heavier after
// every large image, for re-decodes the engine never asks for (decoded pixels are kept where they are reused).
sharp.cache(false);

/** The largest width × height decoded now. */
export function maxPixels(): number {
  return processLimit;
}

/** Sets the process's limit (INVALID_ARGUMENT unless a positive integer). */
export function setMaxPixels(limit: number): void {
  const parsed = MaxPixelsSchema.safeParse(limit);
  if (!parsed.success) throw new TesseraError('INVALID_ARGUMENT', `max pixels: got ${limit}, expected an integer from ${MaxPixelsSchema.minValue} to ${MaxPixelsSchema.maxValue}`);
  processLimit = parsed.data;
}

/**
 * sharp over encoded image bytes with the pixel limit applied (sharp checks it against the header before decoding);
 * `false` only for reading a header to report its declared size.
 */
export function sharpOfEncoded(bytes: Uint8Array, limit: number | false = processLimit): Sharp {
  return sharp(bytes, { limitInputPixels: limit });
}
