// Writes a file so that readers (and a resumed batch) see either nothing or the whole file: temporary
// file in the same folder, fsync, then an atomic link/rename into place.

import { randomBytes } from 'node:crypto';
import { link, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { ownEntry } from '../core/own-entry.ts';

export interface WriteFileAtomicOptions {
  /** Replace an existing file (default false: an existing file is an OUTPUT_EXISTS error). */
  overwrite?: boolean;
  /** Permission bits of the new file (default 0o666 less the umask); 0o600 for secrets. */
  mode?: number;
}

/** Temporary names look like `.name.png.tessera-1a2b3c4d.tmp`; a batch may delete such leftovers. */
export const ATOMIC_TEMP_PATTERN = /^\..+\.tessera-[0-9a-f]{8}\.tmp$/;

/**
 * Writes `bytes` to `path` atomically. Without `overwrite` the final step is a hard link, which fails if
 * the target appeared meanwhile, so an existing file is never replaced even by a racing writer (where
 * the file system has no hard links, an existence check and a rename stand in). The temporary file is
 * removed on every failure. Errors: OUTPUT_EXISTS, IO_ERROR (permissions, read-only, disk full, …).
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array, options: WriteFileAtomicOptions = {}): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tessera-${randomBytes(4).toString('hex')}.tmp`);
  let created = false;
  try {
    const handle = await open(tmp, 'wx', options.mode ?? 0o666);
    created = true;
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.overwrite) {
      await rename(tmp, path);
      created = false;
    } else {
      await linkIntoPlace(tmp, path);
    }
    await syncDirectory(dirname(path));
  } catch (error) {
    if (created) await unlink(tmp).catch(() => undefined); // best effort: the original error matters more
    throw ioError(error, path);
  }
}

/** No-overwrite publish: link (atomic, fails on EEXIST), then drop the temporary name. */
async function linkIntoPlace(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    // File systems without hard links (FAT, some network shares): check, then rename.
    if (await exists(path)) throw Object.assign(new Error('file exists'), { code: 'EEXIST' });
    await rename(tmp, path);
    return;
  }
  await unlink(tmp);
}

async function exists(path: string): Promise<boolean> {
  try {
    await (await open(path, 'r')).close();
    return true;
  } catch {
    return false;
  }
}

/** Makes a rename (or removal) in `dir` durable; some platforms cannot open folders, which is not an error. */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a folder; the data itself was synced above.
  }
}

const IO_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a parent of the path is not a folder',
  EISDIR: 'the path is a folder',
  EMFILE: 'too many open files',
};

function ioError(error: unknown, path: string): TesseraError {
  if (error instanceof TesseraError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  if (code === 'EEXIST') {
    return new TesseraError('OUTPUT_EXISTS', `${path}: got an existing file, expected a free path (use overwrite to replace it)`, {
      file: path,
    });
  }
  const reason = ownEntry(IO_REASONS, code) ?? (error instanceof Error ? error.message : String(error));
  return new TesseraError('IO_ERROR', `cannot write ${path}: ${reason} (${code})`, { file: path, errno: code });
}
