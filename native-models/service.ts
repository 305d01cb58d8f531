// TesseraService: the TesseraApi implementation both hosts (Electron main, `tessera serve`) serve over a models
// folder. Hosts validate every call with dispatchApiCall before it gets here; this class adds queues (one job
// at a time per model), coalescing of interactive segmentation, ids for images and jobs, and the event streams.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from './api/errors.ts';
import type { ApiEvent, ApiEventName, ApiParsedArgs, ApiResult, TesseraApiEvents, TesseraApiHandlers, Unsubscribe } from './api/index.ts';
import { DEFAULT_CATALOGUE_PATH, estimatedEntryBytes, findCatalogueEntry, loadCatalogue } from './models/catalogue.ts';
import { ModelManager } from './models/manager/index.ts';
import { probeProviders, type ProviderName } from './runtime/index.ts';
import { DemoPackBootstrap } from './service/demo-pack-bootstrap.ts';
import { EngineBackendsImpl, type EngineBackends } from './service/engine-backends.ts';
import { ApiEventHub } from './service/event-hub.ts';
import { ImageStore } from './service/image-store.ts';
import { JobQueue } from './service/job-queue.ts';
import { LatestOnlyRunner } from './service/latest-only-runner.ts';
import { ModelRegistry } from './service/model-registry.ts';
import { ProviderSelector, benchmarkTargetOf } from './service/provider-selector.ts';
import type { BenchmarkOptions } from './service/provider-benchmark.ts';

export interface TesseraServiceOptions {
  /** The models folder; default the ModelManager's (TESSERA_MODELS_DIR, else the user data folder). */
  modelsRoot?: string;
  host: 'web' | 'electron' | 'in-process';
  /** Execution provider setting; `auto` benchmarks on first use of each model kind. */
  provider?: ProviderName;
  /** Write the demo pack when no usable model is installed (default true). */
  demoPackOnFirstRun?: boolean;
  cataloguePath?: string;
  backends?: EngineBackends;
  benchmark?: BenchmarkOptions;
  manager?: ModelManager;
}

type Args<M extends keyof TesseraApiHandlers> = ApiParsedArgs<M>;
type Result<M extends keyof TesseraApiHandlers> = Promise<ApiResult<M>>;

async function packageVersion(): Promise<string> {
  const file = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'package.json');
  const pkg = JSON.parse(await fs.readFile(file, 'utf8').catch(() => '{}')) as { version?: string };
  return pkg.version ?? 'unknown';
}

export class TesseraService implements TesseraApiHandlers, TesseraApiEvents {
  readonly events = new ApiEventHub();
  private readonly jobs = new JobQueue((update) => this.events.emit('onJobUpdate', update));
  private readonly interactive = new LatestOnlyRunner();
  private readonly images = new ImageStore();
  private readonly demoPack: DemoPackBootstrap;
  private selectedId: string | null = null;

  private constructor(
    private readonly options: TesseraServiceOptions,
    readonly registry: ModelRegistry,
    private readonly backends: EngineBackends,
    private readonly providers: ProviderSelector,
    private readonly version: string,
  ) {
    this.demoPack = new DemoPackBootstrap(registry);
  }

  /** Opens the models folder; on a first run (no usable model) writes the demo pack and selects it. */
  static async start(options: TesseraServiceOptions): Promise<TesseraService> {
    const manager = options.manager ?? new ModelManager(options.modelsRoot ? { root: options.modelsRoot } : {});
    await fs.mkdir(manager.root, { recursive: true });
    const service = new TesseraService(options, new ModelRegistry(manager), options.backends ?? new EngineBackendsImpl(), new ProviderSelector(options.provider ?? 'auto', options.benchmark), await packageVersion());
    if (options.demoPackOnFirstRun ?? true) await service.demoPack.ensure();
    service.selectedId = await service.defaultSelection();
    return service;
  }

  /** The first usable diffusion model (installed before demo), else the first usable model. */
  private async defaultSelection(): Promise<string | null> {
    const usable = (await this.registry.list()).filter((m) => m.report.usable);
    return (usable.find((m) => m.report.kind === 'diffusion') ?? usable[0])?.id ?? null;
  }

  async getHealth(_args?: Args<'getHealth'>): Result<'getHealth'> {
    return {
      name: 'tessera',
      version: this.version,
      host: this.options.host,
      modelsRoot: this.registry.root,
      providerSetting: this.providers.setting,
      providers: probeProviders().map((p) => ({ provider: p.provider, available: p.available, ...(p.reason ? { reason: p.reason } : {}) })),
      providerChoices: this.providers.list(),
      demoPack: this.demoPack.status,
    };
  }

  async listModels(_args?: Args<'listModels'>): Result<'listModels'> {
    const models = await this.registry.list();
    if (this.selectedId && !models.some((m) => m.id === this.selectedId)) this.selectedId = await this.defaultSelection();
    return { modelsRoot: this.registry.root, selectedId: this.selectedId, models };
  }

  async selectModel({ modelId }: Args<'selectModel'>): Result<'selectModel'> {
    await this.registry.pathOf(modelId);
    this.selectedId = modelId;
    this.events.emit('onModelsChanged', { reason: 'selected', modelId });
    return { selectedId: modelId };
  }

  async checkModel({ path: dir }: Args<'checkModel'>): Result<'checkModel'> {
    if (!path.isAbsolute(dir)) throw new TesseraError('INVALID_ARGUMENT', `got path "${dir}", expected an absolute folder path`);
    return this.backends.inspectModel(dir);
  }

  async importModel({ path: src, mode, name }: Args<'importModel'>): Result<'importModel'> {
    const installed = await this.registry.manager.importFolder(src, { mode, ...(name ? { name } : {}) });
    this.events.emit('onModelsChanged', { reason: 'imported', modelId: installed.id });
    return (await this.registry.list()).find((m) => m.id === installed.id)!;
  }

  async deleteModel({ modelId }: Args<'deleteModel'>): Result<'deleteModel'> {
    const dir = await this.registry.pathOf(modelId);
    await this.backends.forgetModel(dir);
    await this.registry.delete(modelId);
    this.events.emit('onModelsChanged', { reason: 'deleted', modelId });
    return { deleted: modelId };
  }

  async listCatalogue(_args?: Args<'listCatalogue'>): Result<'listCatalogue'> {
    const catalogue = await loadCatalogue(this.options.cataloguePath ?? DEFAULT_CATALOGUE_PATH);
    const installed = new Set((await this.registry.list()).map((m) => m.id));
    const items = catalogue.models.map((entry) => {
      const bytes = estimatedEntryBytes(entry);
      return {
        id: entry.id,
        displayName: entry.displayName,
        kind: entry.kind,
        licence: entry.licence,
        homepage: entry.homepage,
        ...(entry.description ? { description: entry.description } : {}),
        approxBytes: bytes > 0 ? bytes : null,
        installed: installed.has(entry.id),
      };
    });
    return { items };
  }

  async installModel({ catalogueId }: Args<'installModel'>): Result<'installModel'> {
    const entry = findCatalogueEntry(await loadCatalogue(this.options.cataloguePath ?? DEFAULT_CATALOGUE_PATH), catalogueId);
    return this.jobs.enqueue({
      kind: 'install',
      lane: `install:${entry.id}`,
      modelId: entry.id,
      work: async (signal, jobId) => {
        const installed = await this.registry.manager.install(entry, { signal, onProgress: (p) => this.events.emit('onDownloadProgress', { jobId, ...p }) });
        this.events.emit('onModelsChanged', { reason: 'installed', modelId: installed.id });
        return { model: (await this.registry.list()).find((m) => m.id === installed.id)! };
      },
    });
  }

  async generate(request: Args<'generate'>): Result<'generate'> {
    const modelDir = await this.registry.pathOf(request.modelId);
    // Resolved now, so a bad image id fails the call instead of the job.
    const initImage = request.initImage ? this.images.resolve(request.initImage).image : undefined;
    const mask = request.mask ? this.images.resolve(request.mask).image : undefined;
    const { modelId, initImage: _i, mask: _m, ...rest } = request;
    return this.jobs.enqueue({
      kind: 'generate',
      lane: `model:${modelDir}`,
      modelId,
      work: async (signal, jobId) => {
        const report = await this.backends.inspectModel(modelDir);
        const provider = await this.providers.providerFor(report, modelDir);
        const outputs = await this.backends.generate(
          { ...rest, modelDir, provider, ...(initImage ? { initImage } : {}), ...(mask ? { mask } : {}) },
          { signal, onProgress: (step) => this.events.emit('onGenerationProgress', { jobId, ...step }) },
        );
        return { images: outputs.map((o) => ({ imageId: this.images.put(o.image), ...o })) };
      },
    });
  }

  async cancel({ jobId }: Args<'cancel'>): Result<'cancel'> {
    return { jobId, state: this.jobs.cancel(jobId) };
  }

  async getJob({ jobId }: Args<'getJob'>): Result<'getJob'> {
    return this.jobs.get(jobId);
  }

  async segment(request: Args<'segment'>): Result<'segment'> {
    const modelDir = await this.registry.pathOf(request.modelId);
    const { imageId, image } = this.images.resolve(request.image);
    const { modelId: _id, image: _img, ...prompts } = request;
    // Hover and click decodes on one image coalesce: only the newest waiting request runs.
    return this.interactive.run(`${modelDir}\0${imageId}`, async () => {
      const report = await this.backends.inspectModel(modelDir);
      const provider = await this.providers.providerFor(report, modelDir);
      const output = await this.backends.segment({ ...prompts, modelDir, provider, imageId, image });
      return { imageId, ...output };
    });
  }

  async benchmarkProviders({ modelId }: Args<'benchmarkProviders'>): Result<'benchmarkProviders'> {
    const dir = await this.registry.pathOf(modelId);
    const target = benchmarkTargetOf(await this.backends.inspectModel(dir), dir);
    if (!target) throw new TesseraError('MODEL_INVALID', `${dir}: got a folder of unknown kind, expected a diffusion or SAM model to time`);
    return { choices: [await this.providers.measure(target)] };
  }

  /** Dialogs belong to the desktop host (Electron main overrides this); a browser page types the path instead. */
  async pickModelFolder(_args?: Args<'pickModelFolder'>): Result<'pickModelFolder'> {
    throw new TesseraError('UNSUPPORTED', 'pickModelFolder: folder dialogs exist only in the desktop app; type the folder path instead');
  }

  onGenerationProgress = this.subscriber('onGenerationProgress');
  onJobUpdate = this.subscriber('onJobUpdate');
  onDownloadProgress = this.subscriber('onDownloadProgress');
  onBatchProgress = this.subscriber('onBatchProgress');
  onModelsChanged = this.subscriber('onModelsChanged');

  private subscriber<E extends ApiEventName>(name: E): (listener: (event: ApiEvent<E>) => void) => Unsubscribe {
    return (listener) => this.events.on(name, listener);
  }

  /** Cancels queued and running jobs and releases engine sessions. */
  async dispose(): Promise<void> {
    this.jobs.cancelAll();
    await this.backends.dispose();
  }
}
