// "Check files": re-reads every file an install manifest lists and compares its size and sha256 with what was
// recorded at install time (pinned by the catalogue or measured on first use), so a damaged file is named.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { readInstallManifest } from './install-manifest.ts';

export type FileCheckStatus = 'ok' | 'missing' | 'size-mismatch' | 'hash-mismatch';

export interface FileCheck {
  path: string;
  status: FileCheckStatus;
  expectedSize: number;
  size: number | null;
  /** null when the manifest recorded no hash (imported copies): only the size was compared. */
  expectedSha256: string | null;
  sha256: string | null;
}

export interface FilesCheckReport {
  dir: string;
  ok: boolean;
  files: FileCheck[];
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function checkOne(dir: string, entry: { path: string; size: number; sha256: string | null }): Promise<FileCheck> {
  const file = path.join(dir, ...entry.path.split('/'));
  const base = { path: entry.path, expectedSize: entry.size, expectedSha256: entry.sha256 };
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return { ...base, status: 'missing', size: null, sha256: null };
  // A wrong size already says the file is damaged; hashing gigabytes would only confirm it.
  if (stat.size !== entry.size) return { ...base, status: 'size-mismatch', size: stat.size, sha256: null };
  if (entry.sha256 === null) return { ...base, status: 'ok', size: stat.size, sha256: null };
  const sha256 = await sha256Of(file);
  return { ...base, status: sha256 === entry.sha256 ? 'ok' : 'hash-mismatch', size: stat.size, sha256 };
}

/** Checks `dir` against its tessera-install.json; MODEL_INVALID when it has none (linked or hand-placed folders). */
export async function verifyInstalledFiles(dir: string): Promise<FilesCheckReport> {
  const { manifest, problem } = await readInstallManifest(dir);
  if (problem) throw new TesseraError('MODEL_FILE_CORRUPT', `${problem}; the recorded sizes and hashes cannot be read`);
  if (!manifest) {
    throw new TesseraError('MODEL_INVALID', `${dir}: has no tessera-install.json, so there are no recorded sizes or hashes to compare with (only installed or copied models have one)`);
  }
  const files: FileCheck[] = [];
  for (const entry of manifest.files) files.push(await checkOne(dir, entry));
  return { dir, ok: files.every((f) => f.status === 'ok'), files };
}
