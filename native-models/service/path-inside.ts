// Joining a path a manifest names under the folder it belongs to, refusing anything that climbs out.
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';

/** `rel` joined under `root`, refused when it climbs out (`..`, an absolute path): only what the manifest names, inside. */
export function pathInside(root: string, rel: string, what: string): string {
  const full = path.resolve(root, rel);
  const back = path.relative(path.resolve(root), full);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) {
    throw new TesseraError('INVALID_ARGUMENT', `${what}: got ${rel}, expected a path inside ${root}`);
  }
  return full;
}
