// The Models screen's service side beyond install: the Hugging Face cache scan, "Check files", which jobs and
// defaults use each model, Remove to the system trash (never while a job uses the model), discarding a paused
// download. The service composes it; the folders themselves belong to the ModelManager.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { DEFAULT_MODEL_KINDS, ModelIdSchema, type ApiResult, type DefaultModels, type JobUpdateEvent } from '../api/index.ts';
import { hfCacheRoots, scanHfCache } from '../models/manager/hf-cache-scan.ts';
import { checkModelId, modelIdFromName } from '../models/manager/models-root.ts';
import { verifyInstalledFiles } from '../models/manager/verify-installed-files.ts';
import type { ModelRegistry } from './model-registry.ts';

export interface ModelLibraryDeps {
  registry: ModelRegistry;
  /** The queue's jobs (active and recently finished). */
  jobs: () => JobUpdateEvent[];
  defaults: () => DefaultModels;
  selectedId: () => string | null;
  /** Moves a folder to the system trash; answers where it went. */
  trash: (dir: string) => Promise<string>;
  /** Where the HF cache is looked for (tests point it at a fake cache). */
  env?: NodeJS.ProcessEnv;
}

const isActive = (job: JobUpdateEvent) => job.state === 'queued' || job.state === 'running';

/** A name for an HF repo's folder not yet taken in the models root ("org/sam-vit-b" → "sam-vit-b", then "-2"…). */
function freeName(repo: string, subfolder: string, taken: Set<string>): string {
  const base = modelIdFromName(subfolder ? `${repo.split('/').pop()}-${subfolder}` : (repo.split('/').pop() ?? repo));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export class ModelLibrary {
  constructor(private readonly deps: ModelLibraryDeps) {}

  /** Active jobs on `modelId` (generation and batches by model, installs by catalogue id). */
  jobsUsing(modelId: string): JobUpdateEvent[] {
    return this.deps.jobs().filter((j) => isActive(j) && j.modelId === modelId);
  }

  async scanModelCaches(): Promise<ApiResult<'scanModelCaches'>> {
    const { roots, models } = await scanHfCache(hfCacheRoots(this.deps.env ?? process.env));
    const installed = await this.deps.registry.manager.list();
    const taken = new Set(installed.map((m) => m.id));
    // A link made by an earlier import is recognised by its resolved target.
    const linkedAs = new Map<string, string>();
    for (const m of installed) if (m.linked) linkedAs.set(await fs.realpath(m.path).catch(() => m.path), m.id);
    const out = [];
    for (const model of models) {
      const real = await fs.realpath(model.path).catch(() => model.path);
      const suggestedName = freeName(model.repo, model.subfolder, taken);
      taken.add(suggestedName);
      out.push({ ...model, suggestedName, ...(linkedAs.has(real) ? { linkedAs: linkedAs.get(real)! } : {}) });
    }
    return { roots, models: out };
  }

  async checkModelFiles(modelId: string): Promise<ApiResult<'checkModelFiles'>> {
    const dir = await this.deps.registry.pathOf(modelId);
    const { ok, files } = await verifyInstalledFiles(dir);
    return { modelId, ok, files };
  }

  /** Only the models something uses are listed (no folder is inspected, so the screen may ask often). */
  async listModelUsage(): Promise<ApiResult<'listModelUsage'>> {
    const defaults = this.deps.defaults();
    const selected = this.deps.selectedId();
    const active = this.deps.jobs().filter(isActive);
    const ids = new Set<string>([...active.map((j) => j.modelId), ...DEFAULT_MODEL_KINDS.map((k) => defaults[k]).filter((id): id is string => id !== undefined), ...(selected ? [selected] : [])]);
    const usage = [...ids].filter((id) => ModelIdSchema.safeParse(id).success).map((id) => ({
      modelId: id,
      jobs: this.jobsUsing(id).map((j) => ({ jobId: j.jobId, state: j.state, ...(j.label ? { label: j.label } : {}) })),
      defaultFor: DEFAULT_MODEL_KINDS.filter((kind) => defaults[kind] === id),
      selected: id === selected,
    }));
    return { usage };
  }

  /** Refuses while a job uses the model; a linked model loses only its link, a folder goes to the trash. */
  async remove(modelId: string): Promise<ApiResult<'deleteModel'>> {
    const busy = this.jobsUsing(modelId);
    if (busy.length > 0) {
      throw new TesseraError('FOLDER_LOCKED', `${modelId}: used by ${busy.length} queued or running job(s) (${busy.map((j) => j.label ?? j.jobId).join(', ')}); cancel them or wait, then remove it`, {
        jobIds: busy.map((j) => j.jobId),
      });
    }
    const registry = this.deps.registry;
    if (registry.isDemo(modelId)) {
      await registry.delete(modelId);
      return { deleted: modelId, unlinked: false };
    }
    // lstat, not pathOf: a link whose target has gone must still be removable.
    const stat = await fs.lstat(path.join(registry.root, checkModelId(modelId))).catch(() => undefined);
    if (!stat) throw new TesseraError('MODEL_NOT_FOUND', `got model "${modelId}", expected one listed by listModels`);
    if (stat.isSymbolicLink()) {
      await registry.manager.delete(modelId);
      return { deleted: modelId, unlinked: true };
    }
    return { deleted: modelId, trashedTo: await this.deps.trash(path.join(registry.root, modelId)), unlinked: false };
  }

  async discardInstall(catalogueId: string): Promise<ApiResult<'discardInstall'>> {
    const busy = this.jobsUsing(catalogueId).filter((j) => j.kind === 'install');
    if (busy.length > 0) throw new TesseraError('FOLDER_LOCKED', `${catalogueId}: its download is ${busy[0]!.state}; cancel it first, then discard the partial files`);
    const pending = (await this.deps.registry.manager.pendingInstalls()).find((p) => p.id === catalogueId);
    await this.deps.registry.manager.discardPending(catalogueId);
    return { catalogueId, bytesFreed: pending?.bytesOnDisk ?? 0 };
  }
}
