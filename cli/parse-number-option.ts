// Parses a numeric CLI option with a clear one-line error ("--steps: got "ten", expected a number"), within the
// same limits as the API (api/parameter-limits.ts) for the flags that carry an API parameter.
import { PARAMETER_LIMITS, describeLimit, ownEntry, withinLimit, type NumberLimit } from '../native-models/index.ts';
import { CliUsageError } from './usage-error.ts';

/** Flag → the API parameter's limit (a command passes its own where one flag means another parameter). */
const FLAG_LIMITS: Record<string, NumberLimit> = {
  steps: PARAMETER_LIMITS.steps,
  guidance: PARAMETER_LIMITS.guidance,
  seed: PARAMETER_LIMITS.seed,
  width: PARAMETER_LIMITS.size,
  height: PARAMETER_LIMITS.size,
  count: PARAMETER_LIMITS.count,
  strength: PARAMETER_LIMITS.strength,
  feather: PARAMETER_LIMITS.featherPx,
  threads: PARAMETER_LIMITS.threads,
};

export function parseNumberOption(name: string, raw: string | undefined, fallback: number, limit: NumberLimit | undefined = ownEntry(FLAG_LIMITS, name)): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new CliUsageError(`--${name}: got "${raw}", expected a number`);
  if (limit && !withinLimit(limit, value)) throw new CliUsageError(`--${name}: got ${raw}, expected ${describeLimit(limit)}`);
  return value;
}
