// node:util parseArgs for a sub-command's flags, with a parse mistake turned into one usage line.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliUsageError } from './usage-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` against `options` (no positionals); unknown or malformed flags become a CliUsageError. */
export function parseOptions<const O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options, allowPositionals: false, strict: true }).values;
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${usage}`);
  }
}

/** As parseOptions, for commands that also take positional arguments (`tessera cutout IN OUT`). */
export function parseOptionsAndPositionals<const O extends Options>(args: string[], options: O, usage: string) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values, positionals };
  } catch (error) {
    throw new CliUsageError(`${(error as Error).message}\n${usage}`);
  }
}
