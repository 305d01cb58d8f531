// Where installed models live by default, and the rules for model folder names inside that root.
import os from 'node:os';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';

/**
 * The models folder: `TESSERA_MODELS_DIR` when set, else the platform's per-user data folder —
 * `$XDG_DATA_HOME/tessera/models` (default `~/.local/share/tessera/models`) on Linux,
 * `%APPDATA%\Tessera\models` on Windows, `~/Library/Application Support/Tessera/models` on macOS.
 */
export function defaultModelsRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = os.homedir()): string {
  if (env.TESSERA_MODELS_DIR) return path.resolve(env.TESSERA_MODELS_DIR);
  if (platform === 'win32') return path.win32.join(env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'), 'Tessera', 'models');
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', 'Tessera', 'models');
  return path.posix.join(env.XDG_DATA_HOME || path.posix.join(home, '.local', 'share'), 'tessera', 'models');
}

/** Portable folder names: no separators, no leading dot (dot-folders are the manager's temp folders), no trailing dot. */
const MODEL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

export function checkModelId(id: string): string {
  if (!MODEL_ID.test(id) || id.endsWith('.')) {
    throw new TesseraError('INVALID_ARGUMENT', `got model name "${id}", expected 1-100 letters, digits, ".", "_" or "-" starting with a letter or digit`);
  }
  return id;
}

/** Turns a folder's base name into a valid model id ("My Model (fp16)" → "My-Model-fp16"). */
export function modelIdFromName(name: string): string {
  const cleaned = name
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 100)
    .replace(/[-.]+$/, '');
  return cleaned === '' ? 'model' : cleaned;
}

/** `root/id`, refusing anything that would land outside `root`. */
export function modelPath(root: string, id: string): string {
  checkModelId(id);
  const resolvedRoot = path.resolve(root);
  const target = path.resolve(resolvedRoot, id);
  if (path.dirname(target) !== resolvedRoot) throw new TesseraError('INVALID_ARGUMENT', `got model name "${id}", expected a folder directly inside ${resolvedRoot}`);
  return target;
}

/** The temp folder a catalogue install downloads into; fixed per id so an interrupted install resumes. */
export function downloadFolderName(id: string): string {
  return `.tmp-${id}-download`;
}
