// Prepares the output folder of a batch: refuses one that is (inside) the input folder unless allowed,
// creates it, and scans it once: which files exist, and which temporary files a killed run left behind.

import { mkdir, readdir, realpath, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { ownEntry } from '../core/own-entry.ts';
import { ATOMIC_TEMP_PATTERN } from '../image/write-file-atomic.ts';
import { FOLDER_LOCK_NAME } from './output-folder-lock.ts';

/** The real path of `path`, or of its nearest existing ancestor joined with the rest (the folder may not exist yet). */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    if (parent === absolute) return absolute;
    return join(await realPathOf(parent), basename(absolute));
  }
}

export type FolderRelation = 'separate' | 'same' | 'inside';

/** How the output folder sits relative to the input folder, following symbolic links. */
export async function outputRelation(inputDir: string, outputDir: string): Promise<{ relation: FolderRelation; insideRel: string }> {
  const input = await realPathOf(inputDir);
  const output = await realPathOf(outputDir);
  if (input === output) return { relation: 'same', insideRel: '' };
  const rel = relative(input, output);
  if (rel && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel)) return { relation: 'inside', insideRel: rel.split(sep).join('/') };
  return { relation: 'separate', insideRel: '' };
}

/** Throws INVALID_ARGUMENT when the output folder is the input folder or inside it and that was not allowed. */
export async function checkOutputPlacement(inputDir: string, outputDir: string, allowInside: boolean): Promise<{ relation: FolderRelation; insideRel: string }> {
  const placement = await outputRelation(inputDir, outputDir);
  if (placement.relation !== 'separate' && !allowInside) {
    const what = placement.relation === 'same' ? 'the input folder itself' : `a folder inside the input folder (${placement.insideRel})`;
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `output folder ${outputDir}: got ${what}, expected a separate folder (outputs would mix with the inputs; allow it explicitly with --allow-output-inside-input)`,
    );
  }
  return placement;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  ENOTDIR: 'a parent of the path is a file, not a folder',
  EEXIST: 'the path is an existing file, not a folder',
};

/** Creates the output folder (and parents) with a clear IO_ERROR when that is impossible. */
export async function createOutputFolder(outputDir: string): Promise<void> {
  try {
    await mkdir(outputDir, { recursive: true });
    if (!(await stat(outputDir)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'EEXIST' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    const reason = ownEntry(REASONS, code) ?? (error instanceof Error ? error.message : String(error));
    throw new TesseraError('IO_ERROR', `cannot use output folder ${outputDir}: ${reason} (${code}), expected a writable folder`, { file: outputDir, errno: code });
  }
}

export interface OutputScan {
  /** Files present, relative to the output folder, '/' separators (temporary files and the folder lock excluded). */
  existing: Set<string>;
  /** Leftover temporary files removed (relative paths). */
  removedTemps: string[];
}

/** One walk of the output folder: lists its files and deletes leftover atomic-write temporaries. */
export async function scanOutputFolder(outputDir: string): Promise<OutputScan> {
  const existing = new Set<string>();
  const removedTemps: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(rel ? join(outputDir, rel) : outputDir, { withFileTypes: true });
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(childRel);
      else if (rel === '' && entry.name.startsWith(FOLDER_LOCK_NAME)) continue; // the batch's own lock (and a takeover guard)
      else if (ATOMIC_TEMP_PATTERN.test(entry.name)) {
        await unlink(join(outputDir, childRel));
        removedTemps.push(childRel);
      } else existing.add(childRel);
    }
  };
  try {
    await walk('');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    const reason = ownEntry(REASONS, code) ?? (error instanceof Error ? error.message : String(error));
    throw new TesseraError('IO_ERROR', `cannot scan output folder ${outputDir}: ${reason} (${code})`, { file: outputDir, errno: code });
  }
  return { existing, removedTemps };
}
