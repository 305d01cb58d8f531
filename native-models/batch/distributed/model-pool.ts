// The models a worker can serve: the usable model folders in its models folder and the job kinds each serves
// (Segment Anything → cutout; diffusion → generate, and img2img when it has a VAE encoder), opened on first use
// and kept for the worker's life, with model calls serialized per model.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TesseraError } from '../../api/errors.ts';
import { inspectModelFolder } from '../../models/inspect-model-folder.ts';
import type { ModelFolderReport } from '../../models/model-folder-report.ts';
import { SessionCache, type SessionCacheOptions } from '../../runtime/index.ts';
import type { ServingModel } from '../batch-job-factory.ts';
import { openServingModel, openWithRefiner, type OpenedServingModel } from '../open-batch-job.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import { modelNameOf, type BatchKind } from './queue-names.ts';

export interface ServableModel {
  name: string;
  dir: string;
  kinds: BatchKind[];
  /** How its jobs are served (a cut-out model is SAM or background removal). */
  servedAs: ServingModel['kind'];
}

function servedAs(report: ModelFolderReport): ServingModel['kind'] {
  return report.kind === 'sam' ? 'sam' : report.kind === 'background-removal' ? 'subject' : report.kind === 'upscaler' ? 'upscaler' : 'diffusion';
}

function kindsOf(report: ModelFolderReport): BatchKind[] {
  if (!report.usable) return [];
  if (report.kind === 'sam' || report.kind === 'background-removal') return ['cutout'];
  if (report.kind === 'upscaler') return ['upscale'];
  if (report.kind !== 'diffusion') return [];
  const supports = report.diffusion?.supports;
  return [...(supports?.textToImage ? (['generate'] as const) : []), ...(supports?.imageToImage ? (['img2img'] as const) : [])];
}

/** `modelsDir` is a folder of model folders, or one model folder itself. Unusable folders are left out. */
export async function discoverServableModels(modelsDir: string): Promise<ServableModel[]> {
  const self = await inspectModelFolder(modelsDir);
  if (self.kind !== 'unknown') return kindsOf(self).length ? [{ name: modelNameOf(modelsDir), dir: modelsDir, kinds: kindsOf(self), servedAs: servedAs(self) }] : [];
  let entries;
  try {
    entries = await readdir(modelsDir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TesseraError('MODEL_NOT_FOUND', `models folder ${modelsDir}: cannot list it (${code ?? String(error)}), expected a folder of model folders`);
  }
  const found: ServableModel[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dir = join(modelsDir, entry.name);
    const report = await inspectModelFolder(dir);
    const kinds = kindsOf(report);
    if (kinds.length > 0) found.push({ name: modelNameOf(dir), dir, kinds, servedAs: servedAs(report) });
  }
  return found;
}

export interface ModelHandle {
  served: ServingModel;
  /** Runs one model call at a time for this model. */
  infer<T>(call: () => Promise<T>): Promise<T>;
}

export class ModelPool {
  /** By model name, or `base + refiner` names for a base opened with its refiner (guarded as one). */
  private readonly opened = new Map<string, Promise<OpenedServingModel & { refiner?: DiffusionModel }>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly models: readonly ServableModel[],
    private readonly sessionOptions: SessionCacheOptions = {},
  ) {}

  async get(name: string): Promise<ModelHandle> {
    const model = this.servable(name);
    const { served } = await this.openOnce(name, () => openServingModel(model.dir, model.servedAs, new SessionCache(this.sessionOptions)));
    return { served, infer: (call) => this.serialize(name, call) };
  }

  /**
   * A base model with the refiner its jobs name, opened together so the memory guard decides for both (they are
   * open side by side for every image); model calls are serialized with the base's.
   */
  async getWithRefiner(name: string, refinerName: string): Promise<ModelHandle & { refiner: DiffusionModel }> {
    const [base, refinerModel] = [this.servable(name), this.servable(refinerName)];
    if (base.servedAs !== 'diffusion' || refinerModel.servedAs !== 'diffusion') {
      throw new TesseraError('INVALID_ARGUMENT', `refiner ${refinerName}: got a ${refinerModel.servedAs} model for a ${base.servedAs} model, expected two diffusion models (an SDXL base and its refiner)`);
    }
    const opened = await this.openOnce(`${name} + ${refinerName}`, async () => {
      const pair = await openWithRefiner(base.dir, refinerModel.dir, new SessionCache(this.sessionOptions));
      return { ...pair.opened, refiner: pair.refiner, release: async () => void (await Promise.all([pair.opened.release(), pair.refiner.release()])) };
    });
    return { served: opened.served, refiner: opened.refiner!, infer: (call) => this.serialize(name, call) };
  }

  private servable(name: string): ServableModel {
    const model = this.models.find((m) => m.name === name);
    if (!model) throw new TesseraError('MODEL_NOT_FOUND', `model ${name}: got a job for a model this worker does not have, expected one of ${this.models.map((m) => m.name).join(', ')}`);
    return model;
  }

  private openOnce(key: string, open: () => Promise<OpenedServingModel & { refiner?: DiffusionModel }>): Promise<OpenedServingModel & { refiner?: DiffusionModel }> {
    let opened = this.opened.get(key);
    if (!opened) {
      opened = open();
      this.opened.set(key, opened);
      opened.catch(() => this.opened.delete(key)); // a failed open is retried by the next job
    }
    return opened;
  }

  private serialize<T>(name: string, call: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(name) ?? Promise.resolve();
    const next = previous.then(call, call);
    this.queues.set(name, next.catch(() => undefined));
    return next;
  }

  async release(): Promise<void> {
    const opened = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(opened.map((p) => p.then((m) => m.release(), () => undefined)));
  }
}
