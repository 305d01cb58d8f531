// The server-side folder browser behind listFolders: what a holder of the web host's token may look through
// instead of a native folder dialog. Confined to a few roots (home and the configured folders): a path outside
// them is refused before the file system is asked about it, and again after symlinks are resolved (a link
// leading out is refused, and left out of listings); hidden folders (".name") are neither listed nor browsed.
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';
import type { ApiResult } from '../api/index.ts';
import { IMAGE_EXTENSIONS } from '../batch/index.ts';

export interface BrowseRoot {
  label: string;
  path: string;
}

type Listing = ApiResult<'listFolders'>;

/** `child` is `parent` or inside it (both resolved, absolute). */
function isWithin(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** Inside some root with no hidden folder on the way down from it. */
function visibleUnder(dir: string, roots: readonly string[]): boolean {
  return roots.some((root) => isWithin(dir, root) && !path.relative(root, dir).split(path.sep).some((part) => part.startsWith('.')));
}

const isImageFile = (entry: Dirent) => entry.isFile() && IMAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase());

export class FolderBrowser {
  /** `roots`: read on every call, so a changed output or models folder counts at once. */
  constructor(private readonly roots: () => BrowseRoot[]) {}

  async list(requested?: string): Promise<Listing> {
    const roots = await this.realRoots();
    if (requested === undefined) {
      const folders = await Promise.all(roots.map(async (r) => ({ name: r.label, path: r.path, imageCount: await this.imageCount(r.path) })));
      return { roots, path: null, parent: null, imageCount: 0, folders };
    }
    const dir = await this.confine(requested, roots);
    const entries = await this.read(dir);
    const folders: Listing['folders'] = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
      const real = await fs.realpath(path.join(dir, entry.name)).catch(() => null);
      // A link out of the roots (or a dangling one) is not offered: opening it would be refused anyway.
      if (real === null || !visibleUnder(real, roots.map((r) => r.path))) continue;
      if (!(await fs.stat(real).catch(() => null))?.isDirectory()) continue;
      folders.push({ name: entry.name, path: real, imageCount: await this.imageCount(real) });
    }
    folders.sort((a, b) => a.name.localeCompare(b.name));
    const up = path.dirname(dir);
    const parent = up !== dir && visibleUnder(up, roots.map((r) => r.path)) ? up : null;
    return { roots, path: dir, parent, imageCount: entries.filter(isImageFile).length, folders };
  }

  /** The roots that exist, by real path, each once (the first label wins). */
  private async realRoots(): Promise<BrowseRoot[]> {
    const seen = new Map<string, BrowseRoot>();
    for (const root of this.roots()) {
      const real = await fs.realpath(path.resolve(root.path)).catch(() => null);
      if (real !== null && !seen.has(real)) seen.set(real, { label: root.label, path: real });
    }
    return [...seen.values()];
  }

  /** The real path of `requested`, or INVALID_ARGUMENT saying which rule it breaks. */
  private async confine(requested: string, roots: readonly BrowseRoot[]): Promise<string> {
    const where = roots.map((r) => `${r.label} (${r.path})`).join(', ');
    if (!path.isAbsolute(requested)) throw new TesseraError('INVALID_ARGUMENT', `listFolders: got the relative path "${requested}", expected an absolute folder path`, { path: requested });
    const lexical = path.resolve(requested);
    const lexicalRoots = [...roots.map((r) => r.path), ...this.roots().map((r) => path.resolve(r.path))];
    // Refused before any file system call, so the answer says nothing about what exists outside the roots.
    if (!visibleUnder(lexical, lexicalRoots)) {
      throw new TesseraError('INVALID_ARGUMENT', `listFolders: got ${requested}, expected a folder inside one of ${where}, not a hidden one`, { path: requested });
    }
    const real = await fs.realpath(lexical).catch((error: NodeJS.ErrnoException) => {
      throw new TesseraError(error.code === 'ENOENT' ? 'INVALID_ARGUMENT' : 'IO_ERROR', `listFolders: got ${requested}, expected an existing folder (${error.code ?? error.message})`, { path: requested });
    });
    if (!visibleUnder(real, roots.map((r) => r.path))) {
      throw new TesseraError('INVALID_ARGUMENT', `listFolders: got ${requested}, a link to ${real}, expected a folder inside one of ${where} (links leading out are not followed)`, { path: requested, realPath: real });
    }
    return real;
  }

  private async read(dir: string): Promise<Dirent[]> {
    try {
      return await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TesseraError(code === 'ENOTDIR' ? 'INVALID_ARGUMENT' : 'IO_ERROR', `listFolders: got ${dir}, expected a folder this user can read (${code ?? String(error)})`, { path: dir });
    }
  }

  /** Images directly in `dir`; 0 for a folder that cannot be read (opening it says why). */
  private async imageCount(dir: string): Promise<number> {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    return entries.filter(isImageFile).length;
  }
}
