// Installs one catalogue entry: disk check, download every file into `<root>/.tmp-<id>-download/` (resumable),
// verify, write the install manifest, validate the folder, then rename it into place in one step.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError, isTesseraError } from '../../api/errors.ts';
import { estimatedFileBytes, parseCatalogueEntry, type CatalogueEntry, type CatalogueFile } from '../catalogue.ts';
import { inspectModelFolder } from '../inspect-model-folder.ts';
import { writeLatentFamily } from '../tiny-decoder-folder.ts';
import { ensureFreeSpace, type StatfsFunction } from './disk-space.ts';
import { downloadFile, type DownloadTuning } from './downloader.ts';
import { writeInstallManifest, type InstallManifest } from './install-manifest.ts';
import { downloadFolderName, modelPath } from './models-root.ts';

export interface InstallProgress {
  modelId: string;
  phase: 'checking' | 'downloading' | 'verifying' | 'installing' | 'done';
  /** The file being downloaded (path inside the model folder). */
  file?: string;
  fileIndex: number;
  fileCount: number;
  fileBytesDone: number;
  fileBytesTotal: number | null;
  /** All files: finished ones at their real size, the current one as far as it got. */
  bytesDone: number;
  /** Estimated until every length is known (catalogue sizes, then the servers' lengths). */
  bytesTotal: number;
  bytesPerSecond: number;
}

export interface InstallOptions {
  onProgress?: (progress: InstallProgress) => void;
  signal?: AbortSignal;
}

export interface InstallContext {
  root: string;
  headroomBytes: number;
  statfs?: StatfsFunction;
  tuning?: Partial<DownloadTuning>;
}

/** Installs in progress in this process, by `root` + id: two downloads into one temp folder would corrupt it. */
const installing = new Set<string>();

async function sizeOnDisk(file: string): Promise<number> {
  return (await fs.stat(file).catch(() => undefined))?.size ?? 0;
}

/** What the downloader compared this file with: only values the catalogue published, never the server's own length. */
function publishedChecks(file: CatalogueFile): ('size' | 'sha256' | 'md5')[] {
  return [...(file.size !== null ? (['size'] as const) : []), ...(file.sha256 !== null ? (['sha256'] as const) : []), ...(file.md5 !== undefined ? (['md5'] as const) : [])];
}

function isNotFound(error: unknown): boolean {
  return isTesseraError(error) && error.code === 'DOWNLOAD_FAILED' && (error.details?.status === 404 || error.details?.status === 410);
}

export async function installCatalogueEntry(context: InstallContext, entryInput: CatalogueEntry, options: InstallOptions = {}): Promise<string> {
  const entry = parseCatalogueEntry(entryInput);
  const root = path.resolve(context.root);
  const finalDir = modelPath(root, entry.id);
  const key = `${root}\0${entry.id}`;
  if (installing.has(key)) throw new TesseraError('INVALID_ARGUMENT', `${entry.id}: an install is already running, expected one at a time per model`);
  if (await fs.lstat(finalDir).catch(() => undefined)) {
    throw new TesseraError('OUTPUT_EXISTS', `${finalDir}: already installed; delete it first to reinstall`);
  }
  installing.add(key);
  try {
    const tempDir = path.join(root, downloadFolderName(entry.id));
    await fs.mkdir(tempDir, { recursive: true });
    const destOf = (rel: string) => path.join(tempDir, ...rel.split('/'));
    const fileCount = entry.files.length;
    // Per file: real size once downloaded (or its announced length), else the catalogue's estimate.
    const known = entry.files.map((f) => estimatedFileBytes(f));
    const done = entry.files.map(() => 0);
    const sum = (values: number[], from = 0) => values.slice(from).reduce((a, b) => a + b, 0);
    const emit = (progress: Omit<InstallProgress, 'modelId' | 'fileCount' | 'bytesDone' | 'bytesTotal'>) =>
      options.onProgress?.({ modelId: entry.id, fileCount, bytesDone: sum(done), bytesTotal: sum(known), ...progress });

    emit({ phase: 'checking', fileIndex: 0, fileBytesDone: 0, fileBytesTotal: null, bytesPerSecond: 0 });
    let stillToFetch = 0;
    for (const [i, file] of entry.files.entries()) {
      const have = Math.max(await sizeOnDisk(destOf(file.path)), await sizeOnDisk(`${destOf(file.path)}.partial`));
      stillToFetch += Math.max(0, known[i]! - have);
    }
    await ensureFreeSpace(root, stillToFetch, context.headroomBytes, context.statfs);

    const records: InstallManifest['files'] = [];
    const skipped: string[] = [];
    for (const [i, file] of entry.files.entries()) {
      const dest = destOf(file.path);
      try {
        const result = await downloadFile({
          url: file.url,
          dest,
          expectedSize: file.size,
          expectedSha256: file.sha256,
          expectedMd5: file.md5 ?? null,
          signal: options.signal,
          tuning: context.tuning,
          // Sizes the catalogue did not know are checked against the disk once the server announces them.
          beforeBody: (remaining) => ensureFreeSpace(root, remaining + sum(known, i + 1), context.headroomBytes, context.statfs),
          onProgress: (p) => {
            done[i] = p.bytesDone;
            if (p.bytesTotal !== null) known[i] = p.bytesTotal;
            emit({ phase: 'downloading', file: file.path, fileIndex: i, fileBytesDone: p.bytesDone, fileBytesTotal: p.bytesTotal, bytesPerSecond: p.bytesPerSecond });
          },
        });
        done[i] = known[i] = result.size;
        records.push({ path: file.path, size: result.size, sha256: result.sha256, sha256Source: file.sha256 ? 'pinned' : 'first-use', verifiedAgainst: publishedChecks(file), url: file.url });
      } catch (error) {
        if (!(file.optional && isNotFound(error))) throw error;
        await fs.rm(`${dest}.partial`, { force: true });
        known[i] = 0;
        skipped.push(file.path);
      }
    }

    emit({ phase: 'verifying', fileIndex: fileCount, fileBytesDone: 0, fileBytesTotal: null, bytesPerSecond: 0 });
    await writeInstallManifest(tempDir, {
      version: 1,
      id: entry.id,
      source: 'catalogue',
      displayName: entry.displayName,
      licence: entry.licence,
      homepage: entry.homepage,
      installedAt: new Date().toISOString(),
      files: records,
      ...(skipped.length > 0 ? { skipped } : {}),
    });
    // A tiny decoder's graph does not say which latents it decodes: the entry does, recorded for the engine.
    if (entry.latentFamily) await writeLatentFamily(tempDir, entry.latentFamily);
    const report = await inspectModelFolder(tempDir);
    const problems = report.problems.map((p) => p.message);
    if (report.kind !== entry.kind) problems.push(`got a ${report.kind} folder, expected ${entry.kind}`);
    if (problems.length > 0) {
      throw new TesseraError('MODEL_INVALID', `${entry.id}: the downloaded files do not make a usable model (${problems.join('; ')}); they stay in ${tempDir} until discarded`, {
        problems: report.problems,
      });
    }

    emit({ phase: 'installing', fileIndex: fileCount, fileBytesDone: 0, fileBytesTotal: null, bytesPerSecond: 0 });
    try {
      await fs.rename(tempDir, finalDir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' || code === 'ENOTEMPTY') throw new TesseraError('OUTPUT_EXISTS', `${finalDir}: appeared while downloading; the download stays in ${tempDir}`);
      throw error;
    }
    emit({ phase: 'done', fileIndex: fileCount, fileBytesDone: 0, fileBytesTotal: null, bytesPerSecond: 0 });
    return finalDir;
  } finally {
    installing.delete(key);
  }
}
