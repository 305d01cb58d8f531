// The `--refiner NAME|DIR --refiner-start S` flags of `tessera generate` and batch generate: parsed once, checked
// by the API's RefinerSchema, the default hand-over from REFINER_DEFAULTS (the Studio's and the API's too).
import { REFINER_DEFAULTS, RefinerSchema, type RefinerSpec } from '../native-models/index.ts';
import { CliUsageError } from './usage-error.ts';
import { checked } from './outpaint-hires-options.ts';
import { parseNumberOption } from './parse-number-option.ts';

export const REFINER_OPTIONS = {
  refiner: { type: 'string' },
  'refiner-start': { type: 'string' },
} as const;

export const REFINER_USAGE = `[--refiner NAME|DIR [--refiner-start S (fraction of the steps the base runs, default ${REFINER_DEFAULTS.switchAt})]]`;

/** The refiner stage when --refiner is given (a models-folder name or a path, resolved by the caller); undefined otherwise. */
export function parseRefinerOptions(v: { refiner?: string; 'refiner-start'?: string }): RefinerSpec | undefined {
  if (v.refiner === undefined) {
    if (v['refiner-start'] !== undefined) throw new CliUsageError('--refiner-start needs --refiner NAME|DIR');
    return undefined;
  }
  const switchAt = v['refiner-start'] === undefined ? undefined : parseNumberOption('refiner-start', v['refiner-start'], 0, undefined);
  // only the hand-over is the API's to check here: the CLI's model may be a folder path, which a model id is not
  return { model: v.refiner, switchAt: checked('--refiner-start', RefinerSchema.shape.switchAt, switchAt) };
}
