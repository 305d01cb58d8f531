// `--prompt-file FILE` / `--negative-file FILE`: the text of --prompt / --negative read from a file, for prompts
// too long or too awkward to quote on a command line (long command lines are also relayed, see argv-relay.ts).
import { readFileSync } from 'node:fs';
import { CliUsageError } from './usage-error.ts';

export const PROMPT_FILE_OPTIONS = {
  'prompt-file': { type: 'string' },
  'negative-file': { type: 'string' },
} as const;

/** The value of `--NAME TEXT` or the contents of `--NAME-file FILE` (UTF-8, one trailing newline dropped). */
export function textOrFile(name: 'prompt' | 'negative', text: string | undefined, file: string | undefined): string | undefined {
  if (file === undefined) return text;
  if (text !== undefined) throw new CliUsageError(`--${name} and --${name}-file: got both, expected one of them`);
  try {
    return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new CliUsageError(`--${name}-file: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)}), expected a readable text file`);
  }
}
