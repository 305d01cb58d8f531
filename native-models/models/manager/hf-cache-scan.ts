// Finds model folders already on disk in the Hugging Face hub cache, for use in place (link-mode import).
// Layout (huggingface_hub `file_download.py`): `<cache>/models--<org>--<name>/snapshots/<revision>/<files>`, each
// file a symlink to `../../blobs/<hash>`, and `refs/<branch>` holding the revision a branch points at.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inspectModelFolder } from '../inspect-model-folder.ts';
import type { ModelFolderReport } from '../model-folder-report.ts';

export interface HfCacheRoot {
  path: string;
  /** Which setting named it: huggingface_hub reads HF_HUB_CACHE, else HF_HOME/hub, else XDG_CACHE_HOME or ~/.cache. */
  source: 'HF_HUB_CACHE' | 'HF_HOME' | 'XDG_CACHE_HOME' | 'home';
  exists: boolean;
}

export interface HfCacheModel {
  /** `org/name` as on the Hub. */
  repo: string;
  revision: string;
  /** Branches (refs/) pointing at this revision, e.g. ["main"]. */
  refs: string[];
  /** The snapshot folder, or the sub-folder of it that holds the model (e.g. `onnx/`). */
  path: string;
  /** The model folder's path inside the snapshot ('' for the snapshot itself). */
  subfolder: string;
  report: ModelFolderReport;
}

/** The cache folders to look in, most specific first, without duplicates (as huggingface_hub resolves them). */
export function hfCacheRoots(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): Omit<HfCacheRoot, 'exists'>[] {
  const roots: Omit<HfCacheRoot, 'exists'>[] = [];
  const add = (dir: string | undefined, source: HfCacheRoot['source']) => {
    if (!dir) return;
    const resolved = path.resolve(dir);
    if (!roots.some((r) => r.path === resolved)) roots.push({ path: resolved, source });
  };
  add(env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE, 'HF_HUB_CACHE');
  add(env.HF_HOME ? path.join(env.HF_HOME, 'hub') : undefined, 'HF_HOME');
  add(env.XDG_CACHE_HOME ? path.join(env.XDG_CACHE_HOME, 'huggingface', 'hub') : undefined, 'XDG_CACHE_HOME');
  add(path.join(home, '.cache', 'huggingface', 'hub'), 'home');
  return roots;
}

async function isDirectory(dir: string): Promise<boolean> {
  return (await fs.stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

async function subdirectories(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  // Snapshot entries may themselves be symlinks (to blobs) or real folders; folders are what we walk.
  for (const e of entries) if (!e.name.startsWith('.') && (await isDirectory(path.join(dir, e.name)))) names.push(e.name);
  return names.sort();
}

/** branch → revision, from `refs/<branch>` files (branch names may contain `/`). */
async function readRefs(repoDir: string): Promise<Map<string, string[]>> {
  const byRevision = new Map<string, string[]>();
  const refsDir = path.join(repoDir, 'refs');
  const entries = await fs.readdir(refsDir, { withFileTypes: true, recursive: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    const full = path.join(e.parentPath, e.name);
    const revision = (await fs.readFile(full, 'utf8').catch(() => '')).trim();
    const branch = path.relative(refsDir, full).split(path.sep).join('/');
    if (revision) byRevision.set(revision, [...(byRevision.get(revision) ?? []), branch]);
  }
  return byRevision;
}

/** A snapshot holds a model at its top (diffusers layout, a single .onnx) or one level down (`onnx/`, `sam/`). */
async function modelFoldersIn(snapshot: string): Promise<{ subfolder: string; report: ModelFolderReport }[]> {
  const top = await inspectModelFolder(snapshot);
  if (top.kind !== 'unknown') return [{ subfolder: '', report: top }];
  const found: { subfolder: string; report: ModelFolderReport }[] = [];
  for (const name of await subdirectories(snapshot)) {
    const report = await inspectModelFolder(path.join(snapshot, name));
    if (report.kind !== 'unknown') found.push({ subfolder: name, report });
  }
  return found;
}

/** Every model folder (diffusion, SAM, background removal, upscaler; usable or not) in the given cache roots. */
export async function scanHfCache(roots: readonly Omit<HfCacheRoot, 'exists'>[] = hfCacheRoots()): Promise<{ roots: HfCacheRoot[]; models: HfCacheModel[] }> {
  const checked: HfCacheRoot[] = [];
  const models: HfCacheModel[] = [];
  for (const root of roots) {
    const exists = await isDirectory(root.path);
    checked.push({ ...root, exists });
    if (!exists) continue;
    for (const repoFolder of await subdirectories(root.path)) {
      // Datasets and spaces share the cache (`datasets--…`, `spaces--…`); only model repos hold models.
      if (!repoFolder.startsWith('models--')) continue;
      const repo = repoFolder.slice('models--'.length).split('--').join('/');
      const repoDir = path.join(root.path, repoFolder);
      const refs = await readRefs(repoDir);
      const snapshotsDir = path.join(repoDir, 'snapshots');
      for (const revision of await subdirectories(snapshotsDir)) {
        const snapshot = path.join(snapshotsDir, revision);
        for (const { subfolder, report } of await modelFoldersIn(snapshot)) {
          models.push({ repo, revision, refs: refs.get(revision) ?? [], path: subfolder ? path.join(snapshot, subfolder) : snapshot, subfolder, report });
        }
      }
    }
  }
  return { roots: checked, models };
}
