// Outputs a command will write are checked before any work: a taken path is refused now, not after the run.
import fs from 'node:fs/promises';
import { TesseraError } from '../native-models/index.ts';

/** OUTPUT_EXISTS naming the first of `files` that exists, and the flag that replaces it. */
export async function refuseExisting(files: string[]): Promise<void> {
  for (const file of files) {
    const taken = await fs.lstat(file).then(
      () => true,
      () => false,
    );
    if (taken) throw new TesseraError('OUTPUT_EXISTS', `${file}: got an existing file, expected a free path (pass --overwrite to replace it)`, { path: file });
  }
}
