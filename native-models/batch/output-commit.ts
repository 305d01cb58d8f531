// Replaces some outputs of one manifest entry and appends the entry's superseding line as ONE crash-safe step
// (the Studio's "Save to batch"): after a crash at any point the folder holds either the old files and the old
// line, or the new files and the new line, never a mix. The new bytes are staged under hidden names in the output
// folder, then an intent record (the journal) naming them and the line is written atomically — the commit
// point — then the staged files are renamed into place, the line appended and the journal removed. Whoever
// next holds the folder lock (a batch run, the next save, a review listing) finishes a journalled commit and
// drops staged files no journal names (a crash before the commit point). Callers hold the folder lock.

import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { syncDirectory, writeFileAtomic } from '../image/write-file-atomic.ts';
import { MANIFEST_FILE_NAME, type ManifestEntry } from './manifest-entry.ts';
import { readManifest } from './manifest-reader.ts';
import { ManifestWriter } from './manifest-writer.ts';

/** In the output folder, hidden like the folder lock; present only between the commit point and the end. */
export const COMMIT_JOURNAL_NAME = '.tessera-commit.json';
/** Staged bytes sit in the output folder itself (same file system as every output, so the rename is atomic). */
export const STAGED_PATTERN = /^\.tessera-commit\.[0-9a-f]{8}\.\d+\.staged$/;

/** The points between the steps, in order; `renamed:N` follows the N-th rename (0-based). */
export type CommitSeam = 'staged' | 'journaled' | `renamed:${number}` | 'appended' | 'done';

export interface OutputCommit {
  /** Output path relative to the output folder ('/' separators) → its new bytes. */
  files: readonly (readonly [string, Uint8Array])[];
  /** The manifest line that supersedes the entry (the latest line per input wins); its `at` identifies it. */
  line: ManifestEntry;
}

export interface OutputCommitOptions {
  /** Called at each seam; a throw there stands for a crash (tests): nothing is cleaned up, recovery finishes. */
  seam?: (at: CommitSeam) => void | Promise<void>;
}

interface Journal {
  version: 1;
  /** [staged name in the output folder, output path relative to it]. */
  files: [string, string][];
  line: ManifestEntry;
}

/** Commits `commit` in `outputDir` (finishing an earlier interrupted commit first). Errors: IO_ERROR. */
export async function commitOutputs(outputDir: string, commit: OutputCommit, options: OutputCommitOptions = {}): Promise<void> {
  const seam = options.seam ?? (() => undefined);
  await finishInterruptedCommit(outputDir);
  const id = randomBytes(4).toString('hex');
  const files: [string, string][] = [];
  // stage: every new file whole and synced before anything names it
  for (const [i, [rel, bytes]] of commit.files.entries()) {
    const staged = `.tessera-commit.${id}.${i}.staged`;
    await writeSynced(join(outputDir, staged), bytes);
    files.push([staged, rel]);
  }
  await seam('staged');
  // commit point: from here on the change happens, now or at recovery
  const journal: Journal = { version: 1, files, line: commit.line };
  await writeFileAtomic(join(outputDir, COMMIT_JOURNAL_NAME), Buffer.from(JSON.stringify(journal)), { overwrite: true });
  await seam('journaled');
  await rollForward(outputDir, journal, seam);
}

/** Whether a commit waits to be finished or dropped (a cheap check that needs no lock; finishing it does). */
export async function hasInterruptedCommit(outputDir: string): Promise<boolean> {
  return (await readJournal(outputDir)) !== null || (await listOrEmpty(outputDir)).some((name) => STAGED_PATTERN.test(name));
}

/**
 * Finishes a commit a crash interrupted (renames what is still staged, appends the line unless the manifest has
 * it) and removes staged files of a commit that never reached its journal. Returns whether a commit was finished.
 */
export async function finishInterruptedCommit(outputDir: string): Promise<boolean> {
  const journal = await readJournal(outputDir);
  if (journal) await rollForward(outputDir, journal, () => undefined);
  for (const name of await listOrEmpty(outputDir)) {
    if (STAGED_PATTERN.test(name)) await unlink(join(outputDir, name)).catch(ignoreMissing);
  }
  return journal !== null;
}

/** Idempotent: every step checks whether it already happened, so a crash during recovery is recovered again. */
async function rollForward(outputDir: string, journal: Journal, seam: (at: CommitSeam) => void | Promise<void>): Promise<void> {
  for (const [i, [staged, rel]] of journal.files.entries()) {
    try {
      await rename(join(outputDir, staged), join(outputDir, rel));
    } catch (error) {
      // Renamed before the crash: the staged name is gone and the output holds the new bytes already.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(error, join(outputDir, rel), 'cannot move the new output into place');
    }
    await seam(`renamed:${i}`);
  }
  for (const dir of new Set(journal.files.map(([, rel]) => dirname(join(outputDir, rel))))) await syncDirectory(dir);
  const manifestPath = join(outputDir, MANIFEST_FILE_NAME);
  const latest = (await readManifest(manifestPath)).latest.get(journal.line.input);
  if (latest?.at !== journal.line.at || latest.status !== journal.line.status) {
    const writer = await ManifestWriter.open(manifestPath);
    try {
      await writer.append(journal.line);
    } finally {
      await writer.close();
    }
  }
  await seam('appended');
  await unlink(join(outputDir, COMMIT_JOURNAL_NAME)).catch(ignoreMissing);
  await syncDirectory(outputDir);
  await seam('done');
}

async function readJournal(outputDir: string): Promise<Journal | null> {
  const file = join(outputDir, COMMIT_JOURNAL_NAME);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
    throw ioError(error, file, 'cannot read the commit journal');
  }
  // Written atomically, so never torn: anything unreadable was made by hand and must not be guessed at.
  const journal = parseJournal(text);
  if (!journal) throw new TesseraError('IO_ERROR', `${file}: got an unreadable commit journal, expected {"version":1,"files":[…],"line":{…}} (remove it to drop that save)`, { file });
  return journal;
}

function parseJournal(text: string): Journal | null {
  try {
    const value = JSON.parse(text) as Partial<Journal>;
    const filesOk = Array.isArray(value.files) && value.files.every((f) => Array.isArray(f) && f.length === 2 && STAGED_PATTERN.test(String(f[0])) && typeof f[1] === 'string' && !f[1].split('/').includes('..'));
    if (value.version === 1 && filesOk && typeof value.line?.input === 'string' && typeof value.line.at === 'string') return value as Journal;
  } catch {
    // not JSON: reported by the caller
  }
  return null;
}

async function writeSynced(file: string, bytes: Uint8Array): Promise<void> {
  try {
    const handle = await open(file, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw ioError(error, file, 'cannot stage the new output');
  }
}

async function listOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw ioError(error, dir, 'cannot list the output folder');
  }
}

function ignoreMissing(error: NodeJS.ErrnoException): void {
  if (error.code !== 'ENOENT') throw error;
}

function ioError(error: unknown, file: string, what: string): TesseraError {
  if (error instanceof TesseraError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  return new TesseraError('IO_ERROR', `${what} ${file} (${code}), expected a writable output folder`, { file, errno: code });
}
