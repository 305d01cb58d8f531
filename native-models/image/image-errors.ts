// Turns sharp's failures into TesseraErrors with codes the CLI and batch runner can act on.

import { TesseraError } from '../api/errors.ts';

/** Maps an error thrown by sharp while decoding `name` to IMAGE_TOO_LARGE or IMAGE_UNREADABLE. */
export function imageDecodeError(error: unknown, name: string, limitPixels: number): TesseraError {
  if (error instanceof TesseraError) return error;
  const said = error instanceof Error ? error.message.split('\n')[0].trim() : String(error);
  if (/pixel limit/i.test(said)) {
    return new TesseraError(
      'IMAGE_TOO_LARGE',
      `${name}: got an image over the pixel limit, expected at most ${limitPixels} pixels (sharp: ${said})`,
      { file: name, limitPixels },
    );
  }
  return new TesseraError('IMAGE_UNREADABLE', `${name}: cannot decode the image (sharp: ${said})`, { file: name });
}
