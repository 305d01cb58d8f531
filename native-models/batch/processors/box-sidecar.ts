// Box prompts for `cutout --prompt box-file`: a JSON file beside each image, named after the image's whole
// file name: `photos/x.jpg` → `photos/x.jpg.box.json`, holding `{ "box": [x0, y0, x1, y1] }` in pixels of
// the upright image (after EXIF rotation), x0 < x1 and y0 < y1; the box is clipped to the image.

import { readFile } from 'node:fs/promises';
import { TesseraError } from '../../api/errors.ts';
import type { ImageSize } from '../../image/rgb-image.ts';
import type { BoxXYXY } from './segmenter-port.ts';

export const BOX_SIDECAR_SUFFIX = '.box.json';

export function boxSidecarPath(imagePath: string): string {
  return imagePath + BOX_SIDECAR_SUFFIX;
}

const FORMAT = '{ "box": [x0, y0, x1, y1] } (pixels, x0 < x1, y0 < y1)';

/** Reads and checks the sidecar of `imagePath` (named `name` in messages) against the image size. */
export async function readBoxSidecar(imagePath: string, name: string, size: ImageSize): Promise<BoxXYXY> {
  const file = boxSidecarPath(imagePath);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const got = code === 'ENOENT' ? 'no box file' : `an unreadable box file (${code})`;
    throw new TesseraError('INVALID_ARGUMENT', `${name}: got ${got} ${name}${BOX_SIDECAR_SUFFIX}, expected ${FORMAT} (prompt mode box-file)`, { file });
  }
  return parseBox(text, `${name}${BOX_SIDECAR_SUFFIX}`, size);
}

export function parseBox(text: string, name: string, size: ImageSize): BoxXYXY {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new TesseraError('INVALID_ARGUMENT', `${name}: got text that is not JSON, expected ${FORMAT}`);
  }
  const box = (value as { box?: unknown } | null)?.box;
  if (!Array.isArray(box) || box.length !== 4 || !box.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new TesseraError('INVALID_ARGUMENT', `${name}: got ${JSON.stringify(box ?? value)}, expected ${FORMAT}`);
  }
  const [x0, y0, x1, y1] = box as number[];
  if (!(x0 < x1 && y0 < y1)) throw new TesseraError('INVALID_ARGUMENT', `${name}: got [${box.join(', ')}], expected x0 < x1 and y0 < y1`);
  const clipped: BoxXYXY = [Math.max(0, x0), Math.max(0, y0), Math.min(size.width, x1), Math.min(size.height, y1)];
  if (!(clipped[0] < clipped[2] && clipped[1] < clipped[3])) {
    throw new TesseraError('INVALID_ARGUMENT', `${name}: got [${box.join(', ')}], expected a box overlapping the ${size.width}x${size.height} image`);
  }
  return clipped;
}
