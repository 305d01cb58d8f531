// Parses a numeric CLI option with a clear one-line error ("--steps: got "ten", expected a number").
import { CliUsageError } from './usage-error.ts';

export function parseNumberOption(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new CliUsageError(`--${name}: got "${raw}", expected a number`);
  return value;
}
