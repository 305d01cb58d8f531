// Which model a one-shot command uses: a folder or .onnx given by path, a model name in the models folder (or its
// demo pack), or, with nothing given, the first usable one of the wanted kind installed (demo pack last).
import fs from 'node:fs/promises';
import { TesseraError } from '../api/errors.ts';
import type { ModelFolderReport } from '../models/model-folder-report.ts';
import { ModelManager } from '../models/manager/index.ts';
import { ModelRegistry } from './model-registry.ts';

export interface ModelLookup {
  /** The model's folder or .onnx file. */
  path: string;
  /** How the user named it (path or id). */
  label: string;
}

export interface ModelKindWanted {
  kind: ModelFolderReport['kind'];
  /** "a background-removal model", "an upscaler": for the error when none is installed. */
  what: string;
  /** The demo pack folder that has one, for the error's hint. */
  demoFolder: string;
}

/**
 * `--model NAME|DIR`: an existing folder or .onnx path as given, else an installed model's name (a demo model
 * also by its folder name, "demo-sd" for "demo-pack/demo-sd"); an unknown name lists the installed names.
 */
export async function resolveModelArg(nameOrPath: string, modelsRoot?: string): Promise<ModelLookup> {
  if (await fs.stat(nameOrPath).catch(() => undefined)) return { path: nameOrPath, label: nameOrPath };
  // A path (a separator that is not the demo pack's "demo-pack/NAME" id) is never an installed name.
  if (/[\\/]/.test(nameOrPath) && !/^demo-pack\/[^\\/]+$/.test(nameOrPath)) {
    throw new TesseraError('MODEL_NOT_FOUND', `${nameOrPath}: folder not found, expected a model folder or .onnx file (or an installed model's name, see tessera models list)`);
  }
  const registry = new ModelRegistry(new ModelManager(modelsRoot ? { root: modelsRoot } : {}));
  const models = await registry.list();
  const found = models.find((m) => m.id === nameOrPath || m.id === `demo-pack/${nameOrPath}`);
  if (!found) {
    const names = models.map((m) => m.id).join(', ') || '(none installed)';
    throw new TesseraError('MODEL_NOT_FOUND', `model ${nameOrPath}: got no such folder or installed model, expected a path or one of ${names} in ${registry.root}`, {
      installed: models.map((m) => m.id),
    });
  }
  return { path: found.report.path, label: found.id };
}

export async function findModelOfKind(wanted: ModelKindWanted, nameOrPath: string | undefined, modelsRoot?: string): Promise<ModelLookup> {
  if (nameOrPath !== undefined) return resolveModelArg(nameOrPath, modelsRoot);
  const registry = new ModelRegistry(new ModelManager(modelsRoot ? { root: modelsRoot } : {}));
  const usable = (await registry.list()).find((m) => m.report.kind === wanted.kind && m.report.usable);
  if (!usable) throw new TesseraError('MODEL_NOT_FOUND', `no ${wanted.what.replace(/^an? /, '')} installed in ${registry.root}: expected --model DIR, or one installed (tessera models make-demo adds ${wanted.demoFolder})`);
  return { path: usable.report.path, label: usable.id };
}
