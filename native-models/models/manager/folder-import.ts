// Imports a model folder the user already has: validated first, then copied (via a temp folder and a rename,
// so a half-copied folder never shows up) or linked (a symlink; a junction on Windows).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { inspectModelFolder } from '../inspect-model-folder.ts';
import { LATENT_FAMILY_FILE, writeLatentFamily, type LatentFamily } from '../tiny-decoder-folder.ts';
import { ensureFreeSpace, type StatfsFunction } from './disk-space.ts';
import { writeInstallManifest } from './install-manifest.ts';
import { checkModelId, modelIdFromName, modelPath } from './models-root.ts';

export interface ImportOptions {
  /** `copy` makes the models folder self-contained; `link` saves the space and follows the original. */
  mode: 'copy' | 'link';
  /** Folder name inside the models root; default: the source folder's name, cleaned. */
  name?: string;
  /** Tiny decoders only: the latent family it serves, recorded in the copy (a tiny decoder's graph does not say). */
  latentFamily?: LatentFamily;
}

export interface ImportContext {
  root: string;
  headroomBytes: number;
  statfs?: StatfsFunction;
}

function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function listFiles(dir: string): Promise<{ path: string; size: number }[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  const files: { path: string; size: number }[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.push({ path: path.relative(dir, full).split(path.sep).join('/'), size: (await fs.stat(full)).size });
  }
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** Returns the installed folder's path. */
export async function importModelFolder(context: ImportContext, src: string, options: ImportOptions): Promise<string> {
  if (options.mode !== 'copy' && options.mode !== 'link') {
    throw new TesseraError('INVALID_ARGUMENT', `got import mode "${String(options.mode)}", expected "copy" or "link"`);
  }
  const root = path.resolve(context.root);
  const source = path.resolve(src);
  if (!(await fs.stat(source).catch(() => undefined))?.isDirectory()) throw new TesseraError('MODEL_NOT_FOUND', `${source}: folder not found`);
  if (isInside(root, source) || isInside(source, root)) {
    throw new TesseraError('INVALID_ARGUMENT', `${source}: got a folder that overlaps the models folder ${root}, expected one outside it`);
  }
  const id = options.name === undefined ? modelIdFromName(path.basename(source)) : checkModelId(options.name);
  const target = modelPath(root, id);
  if (await fs.lstat(target).catch(() => undefined)) throw new TesseraError('OUTPUT_EXISTS', `${target}: a model named "${id}" is already installed`);

  const report = await inspectModelFolder(source);
  if (options.latentFamily !== undefined) {
    if (report.kind !== 'tiny-decoder') throw new TesseraError('INVALID_ARGUMENT', `${source}: a latent family is given only for a tiny decoder, got a ${report.kind} folder`);
    // Linking would have to write the record into the user's own folder.
    if (options.mode !== 'copy') throw new TesseraError('INVALID_ARGUMENT', `${source}: a latent family is recorded in a copy, expected mode "copy" (or a folder that already has ${LATENT_FAMILY_FILE})`);
  }
  // A tiny decoder whose latent family is being given is checked once the copy records it.
  if (!report.usable && options.latentFamily === undefined) {
    throw new TesseraError('MODEL_INVALID', `${source}: not a usable model folder (${report.problems.map((p) => p.message).join('; ')})`, { problems: report.problems });
  }
  await fs.mkdir(root, { recursive: true });

  if (options.mode === 'link') {
    // 'junction' only matters on Windows, where it needs no administrator rights; elsewhere it is ignored.
    await fs.symlink(source, target, 'junction');
    return target;
  }

  await ensureFreeSpace(root, report.sizeBytes, context.headroomBytes, context.statfs);
  const temp = path.join(root, `.tmp-import-${id}-${randomBytes(4).toString('hex')}`);
  try {
    // dereference: links inside the source are copied as files, so the copy stands on its own.
    await fs.cp(source, temp, { recursive: true, dereference: true, errorOnExist: true, force: false });
    if (options.latentFamily !== undefined) {
      await writeLatentFamily(temp, options.latentFamily);
      const copied = await inspectModelFolder(temp);
      if (!copied.usable) throw new TesseraError('MODEL_INVALID', `${source}: not a usable tiny decoder (${copied.problems.map((p) => p.message.replaceAll(temp, source)).join('; ')})`, { problems: copied.problems });
    }
    await writeInstallManifest(temp, {
      version: 1,
      id,
      source: 'import',
      importedFrom: source,
      installedAt: new Date().toISOString(),
      files: (await listFiles(temp)).map((f) => ({ ...f, sha256: null, sha256Source: null })),
    });
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY') throw new TesseraError('OUTPUT_EXISTS', `${target}: appeared while copying`);
    throw error;
  }
  return target;
}
