// Refuses output folders inside a hidden folder directly in the home directory (~/.ssh, ~/.gnupg, ~/.config, …)
// unless the caller confirms with allowHiddenOutput: API paths are the user's own (a local app), but a holder of
// the web host's token should not be able to drop files into ~/.ssh by a typo or on purpose without saying so.
import os from 'node:os';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';

/** The hidden home folder that holds `dir` (e.g. `~/.ssh`), or undefined. */
export function hiddenHomeFolderOf(dir: string, home: string = os.homedir()): string | undefined {
  const relative = path.relative(path.resolve(home), path.resolve(dir));
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const first = relative.split(path.sep)[0]!;
  return first.startsWith('.') ? `~/${first}` : undefined;
}

/** INVALID_ARGUMENT when `dir` is in a hidden home folder and the call did not confirm it. */
export function checkOutputFolder(what: string, dir: string, allowHiddenOutput: boolean | undefined, home?: string): void {
  const hidden = hiddenHomeFolderOf(dir, home);
  if (hidden === undefined || allowHiddenOutput === true) return;
  throw new TesseraError(
    'INVALID_ARGUMENT',
    `${what} ${dir}: got a folder inside ${hidden}, a hidden folder of the home directory, expected another folder (pass allowHiddenOutput: true to write there anyway)`,
    { path: dir, hidden },
  );
}
