// TesseraService: the TesseraApi implementation both hosts (Electron main, `tessera serve`) serve over a models
// folder. Hosts validate every call with dispatchApiCall before it gets here; this class adds queues (one job
// at a time per model), coalescing of interactive segmentation, ids for images and jobs, and the event streams.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TesseraError } from './api/errors.ts';
import type { ApiEvent, ApiEventName, ApiParsedArgs, ApiResult, TesseraApiEvents, TesseraApiHandlers, Unsubscribe } from './api/index.ts';
import { catalogueHashStatus, estimatedEntryBytes, findCatalogueEntry } from './models/catalogue.ts';
import { loadCatalogueSources } from './models/catalogue-sources.ts';
import { LicenceAcceptance } from './service/licence-acceptance.ts';
import { ModelManager } from './models/manager/index.ts';
import { resolveSchedulerName } from './core/schedulers/create-scheduler.ts';
import { setMaxPixels } from './image/pixel-limit.ts';
import { checkProviderSetting, detectProviders, probeProviders, type ProviderName } from './runtime/index.ts';
import { CanvasImageMethods } from './service/canvas-image-methods.ts';
import { dataFolderLayout, type DataFolderLayout } from './service/data-folder.ts';
import { DemoPackBootstrap } from './service/demo-pack-bootstrap.ts';
import { GalleryMethods } from './service/gallery-methods.ts';
import { upscaledParameters } from './service/upscaled-gallery-item.ts';
import { addGenerationParameters } from './image/png-metadata/generation-metadata.ts';
import { GENERATOR_NAME } from './pipelines/diffusion/generated-image-file.ts';
import { GenerationJobs } from './service/generation-jobs.ts';
import { GridJobs } from './service/grid-jobs.ts';
import { BatchJobs } from './service/batch-jobs.ts';
import { readBatchFolderSummary } from './service/batch-summary.ts';
import { BatchReviewMethods } from './service/batch-review.ts';
import { BatchGroupMethods } from './service/batch-groups.ts';
import { BatchRunLog } from './service/batch-run-log.ts';
import { FolderBrowser } from './service/folder-browser.ts';
import { HistoryStore } from './service/history-store.ts';
import { InputImageStore } from './service/input-image-store.ts';
import { JobKindRegistry } from './service/job-kinds.ts';
import { QueueJournal } from './service/queue-journal.ts';
import { SettingsStore } from './service/settings-store.ts';
import { moveToTrash } from './service/system-trash.ts';
import { checkOutputFolder } from './service/hidden-output-guard.ts';
import { EngineBackendsImpl, type EngineBackends } from './service/engine-backends.ts';
import { ApiEventHub } from './service/event-hub.ts';
import { ImageStore } from './service/image-store.ts';
import { JobQueue } from './service/job-queue.ts';
import { PromptTokenCounter } from './service/prompt-token-counter.ts';
import { LatestOnlyRunner } from './service/latest-only-runner.ts';
import { ModelRegistry } from './service/model-registry.ts';
import { ModelLibrary } from './service/model-library.ts';
import { ProviderSelector, benchmarkTargetOf } from './service/provider-selector.ts';
import { ProviderChoiceCache } from './service/provider-choice-cache.ts';
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
  /**
   * The per-user data folder (queue, history, settings, outputs). Hosts pass defaultDataDir() or the user's
   * choice; without one the service uses a private temporary folder, removed by dispose().
   */
  dataDir?: string;
  /** Moves a deleted result to the system trash; default the freedesktop.org / macOS trash (system-trash.ts). */
  trash?: (file: string) => Promise<string>;
  /** Where scanModelCaches reads HF_HUB_CACHE / HF_HOME / XDG_CACHE_HOME from; default process.env. */
  env?: NodeJS.ProcessEnv;
  /** The home folder listFolders may browse (with the models, data and output folders); default os.homedir(). */
  homeDir?: string;
}

/** The data folder's parts, opened before the service is built. */
interface DataFolder {
  layout: DataFolderLayout;
  temporary: boolean;
  journal: QueueJournal;
  history: HistoryStore;
  settings: SettingsStore;
  batchRuns: BatchRunLog;
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
  private readonly jobs: JobQueue;
  private readonly promptTokens = new PromptTokenCounter();
  /** Persisted job kinds: `generate` here; the batch registers `batch` (see job-kinds.ts). */
  readonly jobKinds: JobKindRegistry;
  private readonly generation: GenerationJobs;
  private readonly batch: BatchJobs;
  private readonly gallery: GalleryMethods;
  private readonly interactive = new LatestOnlyRunner();
  private readonly images = new ImageStore();
  private readonly demoPack: DemoPackBootstrap;
  private readonly canvas: CanvasImageMethods;
  private readonly review: BatchReviewMethods;
  private readonly library: ModelLibrary;
  private readonly batchGroups: BatchGroupMethods;
  private readonly licences: LicenceAcceptance;
  private readonly folders: FolderBrowser;
  private selectedId: string | null = null;
  private disposing = false;
  /**
   * The models folder used while Settings' modelsDir is null: the command line's (--models, which also wins over
   * a saved folder for the whole session), else the one this session started on without a saved folder, else
   * the default. Setting modelsDir back to null returns exactly there.
   */
  private readonly unsetModelsRoot: string | undefined;

  private constructor(
    private readonly options: TesseraServiceOptions,
    readonly registry: ModelRegistry,
    private readonly backends: EngineBackends,
    private readonly providers: ProviderSelector,
    private readonly version: string,
    private readonly data: DataFolder,
  ) {
    this.unsetModelsRoot = options.modelsRoot !== undefined ? registry.root : data.settings.current.modelsDir === null ? registry.root : undefined;
    this.jobs = new JobQueue(
      (update) => this.events.emit('onJobUpdate', update),
      (entries) => data.journal.write(entries),
    );
    this.jobKinds = new JobKindRegistry(this.jobs);
    const inputs = new InputImageStore(data.layout.inputsDir);
    this.gallery = new GalleryMethods({
      history: data.history,
      images: this.images,
      inputs,
      events: this.events,
      outputDir: () => data.settings.current.outputDir ?? data.layout.defaultOutputDir,
      trash: options.trash ?? ((file) => moveToTrash(file)),
    });
    this.generation = new GenerationJobs({
      registry,
      backends,
      providers,
      images: this.images,
      inputs,
      onProgress: (event) => this.events.emit('onGenerationProgress', event),
      record: (result) => this.gallery.record(result),
    });
    this.jobKinds.register('generate', this.generation);
    this.jobKinds.register(
      'grid',
      new GridJobs({ registry, backends, providers, images: this.images, onProgress: (event) => this.events.emit('onGenerationProgress', event), record: (result) => this.gallery.record(result) }),
    );
    this.batch = new BatchJobs({
      registry,
      backends,
      providers,
      jobState: (jobId) => this.jobs.get(jobId),
      engineOptions: () => ({ threads: data.settings.current.threads, lowMemory: data.settings.current.lowMemory }),
      // The URL from Settings; a private CA's PEM file and a password kept out of Settings come from the
      // environment, as for the CLI (TESSERA_REDIS_CA, TESSERA_REDIS_PASSWORD).
      redis: () => {
        const url = data.settings.current.redisUrl;
        return url === null ? null : { url, caFile: process.env.TESSERA_REDIS_CA || undefined, password: process.env.TESSERA_REDIS_PASSWORD || undefined };
      },
      onProgress: (event) => {
        data.batchRuns.progress(event);
        this.events.emit('onBatchProgress', event);
      },
      onRunStarted: (jobId, request) => data.batchRuns.started(jobId, request),
    });
    this.jobKinds.register('batch', this.batch);
    this.events.on('onJobUpdate', (u) => {
      if (u.kind !== 'batch' || u.state === 'queued' || u.state === 'running') return;
      this.batch.forget(u.jobId);
      // Not while shutting down: the journal keeps that run unfinished, and the next start resumes it.
      if (!this.disposing) void data.batchRuns.finished(u.jobId, u.state);
    });
    this.demoPack = new DemoPackBootstrap(registry);
    this.canvas = new CanvasImageMethods(this.images, registry, backends, providers);
    this.review = new BatchReviewMethods(this.images);
    this.library = new ModelLibrary({
      registry,
      jobs: () => this.jobs.list(),
      defaults: () => data.settings.current.defaultModels,
      selectedId: () => this.selectedId,
      trash: options.trash ?? ((file) => moveToTrash(file)),
      ...(options.env ? { env: options.env } : {}),
    });
    this.batchGroups = new BatchGroupMethods(data.batchRuns, this.images);
    this.licences = new LicenceAcceptance(data.layout.dataDir);
    this.folders = new FolderBrowser(() => [
      { label: 'Home', path: options.homeDir ?? os.homedir() },
      { label: 'Models folder', path: registry.root },
      { label: 'Data folder', path: data.layout.dataDir },
      { label: 'Output folder', path: data.settings.current.outputDir ?? data.layout.defaultOutputDir },
    ]);
  }

  /** Opens the models folder; on a first run (no usable model) writes the demo pack and selects it. */
  static async start(options: TesseraServiceOptions): Promise<TesseraService> {
    const data = await openDataFolder(options.dataDir);
    // What getHealth lists as available is what ran a probe session here (cached in the data folder).
    await detectProviders({ cacheFile: data.layout.providerProbeFile });
    const settings = data.settings.current;
    setMaxPixels(settings.maxPixels);
    const root = options.modelsRoot ?? settings.modelsDir ?? undefined;
    const manager = options.manager ?? new ModelManager(root ? { root } : {});
    await fs.mkdir(manager.root, { recursive: true });
    const engine = { threads: settings.threads, lowMemory: settings.lowMemory };
    const backends = options.backends ?? new EngineBackendsImpl(engine);
    await backends.configure?.(engine);
    const providers = new ProviderSelector(options.provider ?? settings.provider, options.benchmark, await ProviderChoiceCache.open(data.layout.providerChoicesFile));
    const service = new TesseraService(options, new ModelRegistry(manager), backends, providers, await packageVersion(), data);
    if (options.demoPackOnFirstRun ?? true) await service.demoPack.ensure();
    service.selectedId = await service.defaultSelection();
    // Jobs left unfinished by the last run come back queued, in their order, and start.
    await service.jobKinds.restore(await data.journal.read());
    return service;
  }

  /** The default diffusion model (Settings), else the first usable diffusion model (installed before demo), else the first usable model. */
  private async defaultSelection(): Promise<string | null> {
    const usable = (await this.registry.list()).filter((m) => m.report.usable);
    const chosen = this.data.settings.current.defaultModels.diffusion;
    return (usable.find((m) => m.id === chosen) ?? usable.find((m) => m.report.kind === 'diffusion') ?? usable[0])?.id ?? null;
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
      // Only the Electron host implements revealHistoryItem (electron/main/main.ts); the others offer the bytes.
      fileAction: this.options.host === 'electron' ? 'reveal' : 'download',
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

  async importModel({ path: src, mode, name, latentFamily }: Args<'importModel'>): Result<'importModel'> {
    const isFile = (await fs.stat(src).catch(() => undefined))?.isFile() ?? false;
    if (isFile && mode === 'link') throw new TesseraError('INVALID_ARGUMENT', `${src}: got a single file with mode "link", expected "copy" (a file becomes a new folder; link a folder instead)`);
    const named = name ? { name } : {};
    const installed = isFile ? await this.registry.manager.importFile(src, named) : await this.registry.manager.importFolder(src, { mode, ...named, ...(latentFamily ? { latentFamily } : {}) });
    this.events.emit('onModelsChanged', { reason: 'imported', modelId: installed.id });
    return (await this.registry.list()).find((m) => m.id === installed.id)!;
  }

  async deleteModel({ modelId }: Args<'deleteModel'>): Result<'deleteModel'> {
    // A link whose target has gone has no folder to forget; it is still removed.
    const dir = await this.registry.pathOf(modelId).catch(() => undefined);
    if (dir && this.library.jobsUsing(modelId).length === 0) {
      await this.backends.forgetModel(dir);
      this.promptTokens.forget(dir);
    }
    const result = await this.library.remove(modelId);
    this.events.emit('onModelsChanged', { reason: 'deleted', modelId });
    return result;
  }

  async scanModelCaches(_args?: Args<'scanModelCaches'>): Result<'scanModelCaches'> {
    return this.library.scanModelCaches();
  }

  async checkModelFiles({ modelId }: Args<'checkModelFiles'>): Result<'checkModelFiles'> {
    return this.library.checkModelFiles(modelId);
  }

  async listModelUsage(_args?: Args<'listModelUsage'>): Result<'listModelUsage'> {
    return this.library.listModelUsage();
  }

  async discardInstall({ catalogueId }: Args<'discardInstall'>): Result<'discardInstall'> {
    return this.library.discardInstall(catalogueId);
  }

  async listCatalogue(_args?: Args<'listCatalogue'>): Result<'listCatalogue'> {
    const catalogue = await this.catalogue();
    // Names, not reports: inspecting every folder here would make the Catalogue tab as slow as listModels.
    const installed = new Set(await this.registry.manager.installedIds());
    const partial = new Map((await this.registry.manager.pendingInstalls()).map((p) => [p.id, p.bytesOnDisk]));
    const items = [];
    for (const entry of catalogue.models) {
      const bytes = estimatedEntryBytes(entry);
      items.push({
        id: entry.id,
        displayName: entry.displayName,
        kind: entry.kind,
        task: entry.task,
        licence: entry.licence,
        licenceId: entry.licenceId,
        licenceUrl: entry.licenceUrl,
        nonCommercial: entry.nonCommercial ?? false,
        licenceAccepted: await this.licences.isAccepted(entry.licenceId),
        homepage: entry.homepage,
        ...(entry.description ? { description: entry.description } : {}),
        approxBytes: bytes > 0 ? bytes : null,
        sizeVerified: entry.sizeVerified,
        hashStatus: catalogueHashStatus(entry),
        integrityNote: entry.note,
        installed: installed.has(entry.id),
        partialBytes: partial.get(entry.id) ?? 0,
      });
    }
    return { items };
  }

  /** The shipped (or configured) catalogue plus the data folder's catalogue.json, mirror applied. */
  private catalogue() {
    return loadCatalogueSources({ ...(this.options.cataloguePath ? { cataloguePath: this.options.cataloguePath } : {}), dataDir: this.data.layout.dataDir });
  }

  async installModel({ catalogueId, acceptLicence }: Args<'installModel'>): Result<'installModel'> {
    const entry = findCatalogueEntry(await this.catalogue(), catalogueId);
    // Refused before it is queued: the Studio shows the licence and asks again with acceptLicence.
    await this.licences.require(entry, acceptLicence ?? false);
    return this.jobs.enqueue({
      kind: 'install',
      // One lane for every install: several at once are queued and download one after another.
      lane: 'install',
      modelId: entry.id,
      label: `Install ${entry.displayName}`,
      work: async (signal, jobId) => {
        const installed = await this.registry.manager.install(entry, { signal, onProgress: (p) => this.events.emit('onDownloadProgress', { jobId, ...p }) });
        this.events.emit('onModelsChanged', { reason: 'installed', modelId: installed.id });
        return { model: (await this.registry.list()).find((m) => m.id === installed.id)! };
      },
    });
  }

  async generate(request: Args<'generate'>): Result<'generate'> {
    // An unknown scheduler fails the call with the valid names, not the job later.
    if (request.scheduler !== undefined) resolveSchedulerName(request.scheduler);
    // Images are stored (and bad image ids fail the call) before the job is queued and journalled.
    return this.jobKinds.submit('generate', await this.generation.keepInputs(request));
  }

  /** An X/Y plot as one `grid` job (service/grid-jobs.ts); a bad axis value fails this call. */
  async generateGrid(request: Args<'generateGrid'>): Result<'generateGrid'> {
    return this.jobKinds.submit('grid', request);
  }

  async countPromptTokens({ modelId, prompt }: Args<'countPromptTokens'>): Result<'countPromptTokens'> {
    return this.promptTokens.count(modelId, await this.registry.pathOf(modelId), prompt);
  }

  async listJobs(_args?: Args<'listJobs'>): Result<'listJobs'> {
    return { jobs: this.jobs.list() };
  }

  async moveJob({ jobId, toIndex }: Args<'moveJob'>): Result<'moveJob'> {
    return { queued: this.jobs.move(jobId, toIndex) };
  }

  async retryJob({ jobId }: Args<'retryJob'>): Result<'retryJob'> {
    const spec = this.jobs.retrySource(jobId);
    // A stored request is planned again (the model may have moved, inputs are re-read); installs re-run as they were.
    if (spec.persistedArgs !== undefined) return this.jobKinds.submit(spec.kind, spec.persistedArgs);
    return this.jobs.enqueue({ ...spec });
  }

  async clearFinishedJobs(_args?: Args<'clearFinishedJobs'>): Result<'clearFinishedJobs'> {
    return { cleared: this.jobs.clearFinished() };
  }

  async listHistory(args: Args<'listHistory'>): Result<'listHistory'> {
    return this.gallery.listHistory(args);
  }

  async getHistoryImage(args: Args<'getHistoryImage'>): Result<'getHistoryImage'> {
    return this.gallery.getHistoryImage(args);
  }

  async deleteHistoryItem(args: Args<'deleteHistoryItem'>): Result<'deleteHistoryItem'> {
    return this.gallery.deleteHistoryItem(args);
  }

  /** The file of a history item (the desktop host shows it in the file manager). */
  historyFile(id: string): string {
    return this.gallery.fileOf(id);
  }

  /** File managers belong to the desktop host (Electron main overrides this with shell.showItemInFolder). */
  async revealHistoryItem({ id }: Args<'revealHistoryItem'>): Result<'revealHistoryItem'> {
    throw new TesseraError('UNSUPPORTED', `revealHistoryItem: showing files exists only in the desktop app; the file is ${this.gallery.fileOf(id)}`);
  }

  async getSettings(_args?: Args<'getSettings'>): Result<'getSettings'> {
    const settings = this.data.settings.current;
    // A saved folder not in force: the command line's --models wins until the app starts without it.
    const cliModels = settings.modelsDir !== null && path.resolve(settings.modelsDir) !== this.registry.root;
    return {
      settings,
      dataDir: this.data.layout.dataDir,
      outputDir: settings.outputDir ?? this.data.layout.defaultOutputDir,
      modelsRoot: this.registry.root,
      pendingRestart: cliModels ? ['modelsDir'] : [],
    };
  }

  /**
   * Saves the change and applies it now: provider, pixel limit and engine options for the next job, the models
   * folder at once unless the command line named one (then it is reported in pendingRestart).
   */
  async updateSettings({ allowHiddenOutput, ...change }: Args<'updateSettings'>): Result<'updateSettings'> {
    if (change.outputDir) checkOutputFolder('output folder', change.outputDir, allowHiddenOutput);
    // A provider that cannot run here is refused with the probe's reason, before anything is stored.
    if (change.provider !== undefined) await checkProviderSetting(change.provider, { cacheFile: this.data.layout.providerProbeFile });
    const { settings, changed } = await this.data.settings.update(change);
    if (changed.includes('provider')) this.providers.setting = settings.provider;
    if (changed.includes('maxPixels')) setMaxPixels(settings.maxPixels);
    if (changed.includes('threads') || changed.includes('lowMemory')) await this.backends.configure?.({ threads: settings.threads, lowMemory: settings.lowMemory });
    if (changed.includes('modelsDir') && this.options.modelsRoot === undefined) await this.openModelsFolder(settings.modelsDir ?? this.unsetModelsRoot ?? null);
    return this.getSettings();
  }

  private async openModelsFolder(dir: string | null): Promise<void> {
    const manager = new ModelManager(dir ? { root: dir } : {});
    await fs.mkdir(manager.root, { recursive: true });
    for (const model of await this.registry.list()) await this.backends.forgetModel(model.report.path);
    this.registry.manager = manager;
    this.selectedId = await this.defaultSelection();
    this.events.emit('onModelsChanged', { reason: 'folder', modelId: this.selectedId });
  }

  /** A folder batch as a `batch` job (see service/batch-jobs.ts); a bad folder or model fails this call. */
  async startBatch(args: Args<'startBatch'>): Result<'startBatch'> {
    checkOutputFolder('output folder', args.outputDir, args.allowHiddenOutput);
    await this.batch.checkFolderFree(args.outputDir);
    if ((args.kind === 'generate' || args.kind === 'img2img') && args.options.scheduler !== undefined) resolveSchedulerName(args.options.scheduler);
    const ticket = await this.jobKinds.submit('batch', args);
    this.batch.claimFolder(ticket.jobId, args.outputDir);
    return ticket;
  }

  async pauseBatch({ jobId }: Args<'pauseBatch'>): Result<'pauseBatch'> {
    return this.batch.pause(jobId);
  }

  async resumeBatch({ jobId }: Args<'resumeBatch'>): Result<'resumeBatch'> {
    return this.batch.resume(jobId);
  }

  async getBatchSummary({ outputDir, kind }: Args<'getBatchSummary'>): Result<'getBatchSummary'> {
    return readBatchFolderSummary(outputDir, kind);
  }

  async listBatchReview(args: Args<'listBatchReview'>): Result<'listBatchReview'> {
    return this.review.listBatchReview(args);
  }

  async openBatchReviewItem(args: Args<'openBatchReviewItem'>): Result<'openBatchReviewItem'> {
    return this.review.openBatchReviewItem(args);
  }

  async saveBatchReview(args: Args<'saveBatchReview'>): Result<'saveBatchReview'> {
    return this.review.saveBatchReview(args);
  }

  async listBatchGroups(_args?: Args<'listBatchGroups'>): Result<'listBatchGroups'> {
    return this.batchGroups.listBatchGroups();
  }

  async openBatchGroupItem(args: Args<'openBatchGroupItem'>): Result<'openBatchGroupItem'> {
    return this.batchGroups.openBatchGroupItem(args);
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

  async segmentEverything(request: Args<'segmentEverything'>): Result<'segmentEverything'> {
    const modelDir = await this.registry.pathOf(request.modelId);
    const report = await this.backends.inspectModel(modelDir);
    if (report.kind !== 'sam') throw new TesseraError('MODEL_INVALID', `segmentEverything: got ${request.modelId}, a ${report.kind} model, expected a Segment Anything model`);
    const { modelId: _id, image: _img, ...options } = request;
    const { imageId, image } = this.images.resolve(request.image);
    const provider = await this.providers.providerFor(report, modelDir);
    return { imageId, ...(await this.backends.segmentEverything({ ...options, modelDir, provider, imageId, image })) };
  }

  async exportAnnotations(args: Args<'exportAnnotations'>): Result<'exportAnnotations'> {
    return this.canvas.exportAnnotations(args);
  }

  async segmentSubject(request: Args<'segmentSubject'>): Result<'segmentSubject'> {
    const modelDir = await this.registry.pathOf(request.modelId);
    const report = await this.backends.inspectModel(modelDir);
    if (report.kind !== 'background-removal') throw new TesseraError('MODEL_INVALID', `segmentSubject: got ${request.modelId}, a ${report.kind} model, expected a background-removal model`);
    const { imageId, image } = this.images.resolve(request.image);
    const provider = await this.providers.providerFor(report, modelDir);
    return { imageId, ...(await this.backends.segmentSubject({ modelDir, provider, imageId, image })) };
  }

  async upscaleImage(request: Args<'upscaleImage'>): Result<'upscaleImage'> {
    const modelDir = await this.registry.pathOf(request.modelId);
    const report = await this.backends.inspectModel(modelDir);
    if (report.kind !== 'upscaler') throw new TesseraError('MODEL_INVALID', `upscaleImage: got ${request.modelId}, a ${report.kind} model, expected an upscaler`);
    const { imageId, image } = this.images.resolve(request.image);
    const provider = await this.providers.providerFor(report, modelDir);
    const upscaled = await this.backends.upscaleImage({ modelDir, provider, imageId, image, tile: request.tile, overlap: request.overlap });
    const upscaledImageId = this.images.put(upscaled.image);
    if (!request.saveToGallery) return { imageId, ...upscaled, upscaledImageId };
    const source = image.mimeType === 'image/png' ? Buffer.from(image.base64, 'base64') : undefined;
    const parameters = upscaledParameters(source, { upscaler: path.basename(modelDir), scale: upscaled.scale, width: upscaled.width, height: upscaled.height });
    const png = addGenerationParameters(Buffer.from(upscaled.image.base64, 'base64'), parameters, { generator: GENERATOR_NAME });
    const entry = await this.gallery.record({ png, requested: parameters, width: upscaled.width, height: upscaled.height, modelId: request.modelId, jobId: `upscale-${upscaledImageId}`, inputs: {} });
    return { imageId, ...upscaled, upscaledImageId, image: { mimeType: 'image/png', base64: Buffer.from(png).toString('base64') }, historyId: entry.id };
  }

  async openImage(args: Args<'openImage'>): Result<'openImage'> {
    return this.canvas.openImage(args);
  }

  async preEncode(args: Args<'preEncode'>): Result<'preEncode'> {
    return this.canvas.preEncode(args);
  }

  async renderCutout(args: Args<'renderCutout'>): Result<'renderCutout'> {
    return this.canvas.renderCutout(args);
  }

  async benchmarkProviders({ modelId }: Args<'benchmarkProviders'>): Result<'benchmarkProviders'> {
    const dir = await this.registry.pathOf(modelId);
    const target = benchmarkTargetOf(await this.backends.inspectModel(dir), dir);
    if (!target) throw new TesseraError('MODEL_INVALID', `${dir}: got a folder of unknown kind, expected a diffusion or SAM model to time`);
    return { choices: [await this.providers.measure(target, true)] };
  }

  /** Dialogs belong to the desktop host (Electron main overrides this); a browser page types the path instead. */
  async pickModelFolder(_args?: Args<'pickModelFolder'>): Result<'pickModelFolder'> {
    throw new TesseraError('UNSUPPORTED', 'pickModelFolder: folder dialogs exist only in the desktop app; type the folder path instead');
  }

  async listFolders(args?: Args<'listFolders'>): Result<'listFolders'> {
    return this.folders.list(args?.path);
  }

  async pickFolder(_args?: Args<'pickFolder'>): Result<'pickFolder'> {
    throw new TesseraError('UNSUPPORTED', 'pickFolder: folder dialogs exist only in the desktop app; type the folder path instead');
  }

  onGenerationProgress = this.subscriber('onGenerationProgress');
  onJobUpdate = this.subscriber('onJobUpdate');
  onDownloadProgress = this.subscriber('onDownloadProgress');
  onBatchProgress = this.subscriber('onBatchProgress');
  onModelsChanged = this.subscriber('onModelsChanged');
  onHistoryChanged = this.subscriber('onHistoryChanged');

  private subscriber<E extends ApiEventName>(name: E): (listener: (event: ApiEvent<E>) => void) => Unsubscribe {
    return (listener) => this.events.on(name, listener);
  }

  /** Cancels queued and running jobs and releases engine sessions. */
  async dispose(): Promise<void> {
    // The journal keeps unfinished jobs as they are, so the next start runs them.
    this.disposing = true;
    this.jobs.shutdown();
    // Running jobs stop at their next step; what they write last must land before the folders are closed.
    await this.jobs.settled();
    await Promise.all([this.data.journal.flush(), this.data.history.flush(), this.data.batchRuns.flush()]);
    await this.backends.dispose();
    if (this.data.temporary) await fs.rm(this.data.layout.dataDir, { recursive: true, force: true });
  }
}

async function openDataFolder(dir: string | undefined): Promise<DataFolder> {
  const dataDir = dir ? path.resolve(dir) : await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-data-'));
  await fs.mkdir(dataDir, { recursive: true });
  const layout = dataFolderLayout(dataDir);
  return {
    layout,
    temporary: !dir,
    journal: new QueueJournal(layout.queueFile),
    history: await HistoryStore.open(layout.historyFile, layout.thumbnailsDir),
    settings: await SettingsStore.open(layout.settingsFile),
    batchRuns: await BatchRunLog.open(layout.batchRunsFile),
  };
}
