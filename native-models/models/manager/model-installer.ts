// ModelManager: the models folder — list what is installed (with the `models check` report), import a folder,
// delete one, install from the catalogue, and see or discard interrupted downloads.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import type { CatalogueEntry } from '../catalogue.ts';
import { inspectModelFolder } from '../inspect-model-folder.ts';
import type { ModelFolderReport } from '../model-folder-report.ts';
import { installCatalogueEntry, type InstallOptions } from './catalogue-install.ts';
import type { StatfsFunction } from './disk-space.ts';
import type { DownloadTuning } from './downloader.ts';
import { importModelFolder, type ImportOptions } from './folder-import.ts';
import { readInstallManifest, type InstallManifest } from './install-manifest.ts';
import { checkModelId, defaultModelsRoot, downloadFolderName, modelPath } from './models-root.ts';

export interface ModelManagerOptions {
  /** The models folder; default `defaultModelsRoot()` (TESSERA_MODELS_DIR, else the user data folder). */
  root?: string;
  /** Kept free on top of what a download or copy needs (default 256 MiB). */
  diskHeadroomBytes?: number;
  /** Free-space probe; default `fs.statfs` (tests inject a full disk). */
  statfs?: StatfsFunction;
  download?: Partial<DownloadTuning>;
}

export interface InstalledModel {
  /** The folder name inside the root; what `delete` and the pipelines take. */
  id: string;
  path: string;
  /** A link to a folder elsewhere (import with mode `link`). */
  linked: boolean;
  linkTarget?: string;
  /** From tessera-install.json; absent for linked folders and folders placed by hand. */
  manifest?: InstallManifest;
  manifestProblem?: string;
  report: ModelFolderReport;
}

export interface PendingInstall {
  id: string;
  path: string;
  /** Bytes already downloaded (finished and partial files). */
  bytesOnDisk: number;
}

const DEFAULT_HEADROOM_BYTES = 256 * 1024 * 1024;
const PENDING = /^\.tmp-(.+)-download$/;

async function bytesUnder(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += (await fs.stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

export class ModelManager {
  readonly root: string;
  private readonly headroomBytes: number;
  private readonly statfs?: StatfsFunction;
  private readonly tuning?: Partial<DownloadTuning>;

  constructor(options: ModelManagerOptions = {}) {
    this.root = path.resolve(options.root ?? defaultModelsRoot());
    this.headroomBytes = options.diskHeadroomBytes ?? DEFAULT_HEADROOM_BYTES;
    this.statfs = options.statfs;
    this.tuning = options.download;
  }

  /** Every installed model folder (dot-folders are the manager's own temp folders), sorted by id. */
  async list(): Promise<InstalledModel[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw new TesseraError('IO_ERROR', `${this.root}: cannot list the models folder (${error.message})`);
    });
    const ids = entries.filter((e) => !e.name.startsWith('.') && (e.isDirectory() || e.isSymbolicLink())).map((e) => e.name);
    return Promise.all(ids.sort().map((id) => this.describe(id)));
  }

  async get(id: string): Promise<InstalledModel> {
    const dir = modelPath(this.root, id);
    if (!(await fs.lstat(dir).catch(() => undefined))) throw new TesseraError('MODEL_NOT_FOUND', `${dir}: no installed model named "${id}"`);
    return this.describe(id);
  }

  async importFolder(src: string, options: ImportOptions): Promise<InstalledModel> {
    const target = await importModelFolder({ root: this.root, headroomBytes: this.headroomBytes, statfs: this.statfs }, src, options);
    return this.describe(path.basename(target));
  }

  /**
   * Removes `root/id`; a linked model loses only its link, never the folder it points to. With `dispose` (e.g.
   * moveToTrash) a real folder is handed to it instead of being deleted; answers where it went (null: deleted/unlinked).
   */
  async delete(id: string, dispose?: (dir: string) => Promise<string>): Promise<string | null> {
    const dir = modelPath(this.root, id);
    const stat = await fs.lstat(dir).catch(() => undefined);
    if (!stat) throw new TesseraError('MODEL_NOT_FOUND', `${dir}: no installed model named "${id}"`);
    if (stat.isSymbolicLink()) {
      await fs.unlink(dir);
      return null;
    }
    if (!stat.isDirectory()) throw new TesseraError('INVALID_ARGUMENT', `${dir}: got a file, expected a model folder`);
    if (dispose) return dispose(dir);
    // Renamed away first so the model disappears at once, even if removing gigabytes takes a while or fails.
    const doomed = path.join(this.root, `.tmp-delete-${id}-${randomBytes(4).toString('hex')}`);
    await fs.rename(dir, doomed);
    await fs.rm(doomed, { recursive: true, force: true });
    return null;
  }

  /** Downloads and installs a catalogue entry; an interrupted install resumes from where it stopped. */
  async install(entry: CatalogueEntry, options: InstallOptions = {}): Promise<InstalledModel> {
    const target = await installCatalogueEntry({ root: this.root, headroomBytes: this.headroomBytes, statfs: this.statfs, tuning: this.tuning }, entry, options);
    return this.describe(path.basename(target));
  }

  /** Interrupted or failed catalogue installs whose files wait in the root for a resume. */
  async pendingInstalls(): Promise<PendingInstall[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true }).catch(() => []);
    const pending: PendingInstall[] = [];
    for (const entry of entries) {
      const match = PENDING.exec(entry.name);
      if (!match || !entry.isDirectory()) continue;
      const dir = path.join(this.root, entry.name);
      pending.push({ id: match[1]!, path: dir, bytesOnDisk: await bytesUnder(dir) });
    }
    return pending.sort((a, b) => a.id.localeCompare(b.id));
  }

  /** Deletes the downloaded files of an unfinished install of `id`. */
  async discardPending(id: string): Promise<void> {
    checkModelId(id);
    await fs.rm(path.join(this.root, downloadFolderName(id)), { recursive: true, force: true });
  }

  private async describe(id: string): Promise<InstalledModel> {
    const dir = path.join(this.root, id);
    const stat = await fs.lstat(dir);
    const linked = stat.isSymbolicLink();
    const linkTarget = linked ? await fs.readlink(dir) : undefined;
    const { manifest, problem } = linked ? {} : await readInstallManifest(dir);
    const report = await inspectModelFolder(dir);
    return { id, path: dir, linked, ...(linkTarget ? { linkTarget } : {}), ...(manifest ? { manifest } : {}), ...(problem ? { manifestProblem: problem } : {}), report };
  }
}
