// `--max-pixels N`: raises (or lowers) the pixel limit of the images a command decodes, for this run only.
import { MaxPixelsSchema, maxPixels, setMaxPixels } from '../native-models/index.ts';
import { CliUsageError } from './usage-error.ts';

export const MAX_PIXELS_OPTION = { 'max-pixels': { type: 'string' } } as const;

/** Applies `--max-pixels` (when given) to this process and answers the limit in force. */
export function applyMaxPixels(raw: string | undefined): number {
  if (raw === undefined) return maxPixels();
  const value = Number(raw);
  if (raw.trim() === '' || !MaxPixelsSchema.safeParse(value).success) {
    throw new CliUsageError(`--max-pixels: got "${raw}", expected a whole number of pixels from 1 to ${MaxPixelsSchema.maxValue} (default ${maxPixels()})`);
  }
  setMaxPixels(value);
  return value;
}
