// `--points-file FILE` of `tessera segment`: many clicks without a long command line. Either JSON (an array of
// [x, y] / [x, y, label] or of {x, y, label?}) or text with one `X,Y[,LABEL]` per line (blank lines and `#`
// comments skipped); each point goes through the same parser as `--point`.
import { readFileSync } from 'node:fs';
import { CliUsageError } from './usage-error.ts';

/** Reads FILE into `--point`-style strings, each checked by `parsePoint` (errors name the file and entry). */
export function readPointsFile<P>(file: string, parsePoint: (raw: string) => P): P[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliUsageError(`--points-file: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? String(error)}), expected a readable file`);
  }
  const entries = text.trimStart().startsWith('[') ? jsonEntries(file, text) : lineEntries(text);
  return entries.map(({ raw, where }) => {
    try {
      return parsePoint(raw);
    } catch (error) {
      throw new CliUsageError(`--points-file ${file} ${where}: ${(error as Error).message}`);
    }
  });
}

function lineEntries(text: string): { raw: string; where: string }[] {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ raw: line.replace(/#.*/, '').trim(), where: `line ${i + 1}` }))
    .filter((e) => e.raw !== '');
}

function jsonEntries(file: string, text: string): { raw: string; where: string }[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`--points-file ${file}: got invalid JSON (${(error as Error).message}), expected an array of [x, y, label?] or {x, y, label?}`);
  }
  if (!Array.isArray(parsed)) throw new CliUsageError(`--points-file ${file}: got ${typeof parsed}, expected an array of points`);
  return parsed.map((p: unknown, i) => {
    const values = Array.isArray(p) ? p : p && typeof p === 'object' ? [(p as Record<string, unknown>).x, (p as Record<string, unknown>).y, (p as Record<string, unknown>).label].filter((v) => v !== undefined) : [p];
    return { raw: values.map(String).join(','), where: `entry ${i}` };
  });
}
