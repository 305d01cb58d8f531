// Model library slice: the Models screen's catalogue downloads (install, pause = cancel keeping the partial
// files, resume = install again from them, cancel = discard), the HF cache scan and import with its check
// report first, usage, "Check files", Remove and "Set as default". The host owns every fact; this only asks.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState } from './app-state.ts';
import type { ModelLibrarySlice } from './model-library-state.ts';
import { describeError } from './shown-error.ts';

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => {
  const { [key]: _dropped, ...rest } = record;
  return rest;
};

/** The install job of a catalogue entry that is queued or running, from the queue list. */
export function activeInstallJob(state: Pick<AppState, 'queueJobs'>, catalogueId: string) {
  return state.queueJobs.find((j) => j.kind === 'install' && j.modelId === catalogueId && (j.state === 'queued' || j.state === 'running'));
}

export function createModelLibrarySlice(api: TesseraApi): StateCreator<AppState, [], [], ModelLibrarySlice> {
  return (set, get) => {
    const run = async (action: () => Promise<void>) => {
      try {
        await action();
      } catch (error) {
        get().showError(error);
      }
    };
    return {
      modelsTab: 'installed',
      catalogue: [],
      catalogueStatus: 'idle',
      downloadProgress: {},
      downloadIntent: {},
      downloadErrors: {},
      cacheScan: null,
      cacheScanStatus: 'idle',
      importPreview: null,
      libraryNotice: null,
      usage: {},
      fileChecks: {},

      setModelsTab: (modelsTab) => set({ modelsTab }),

      async loadCatalogue() {
        set({ catalogueStatus: 'loading' });
        try {
          set({ catalogue: (await api.listCatalogue()).items, catalogueStatus: 'ready' });
        } catch (error) {
          set({ catalogueStatus: 'error' });
          get().showError(error);
        }
      },

      installFromCatalogue: (catalogueId, acceptLicence) =>
        run(async () => {
          set((s) => ({ downloadErrors: without(s.downloadErrors, catalogueId), downloadIntent: without(s.downloadIntent, catalogueId) }));
          // The host stores the acceptance in the data folder (per licence), so it is asked once.
          await api.installModel({ catalogueId, ...(acceptLicence ? { acceptLicence: true } : {}) });
          // The row's licenceAccepted follows the host.
          await Promise.all([get().loadJobs(), acceptLicence ? get().loadCatalogue() : Promise.resolve()]);
        }),

      pauseInstall: (catalogueId) =>
        run(async () => {
          const job = activeInstallJob(get(), catalogueId);
          if (!job) return;
          set((s) => ({ downloadIntent: { ...s.downloadIntent, [catalogueId]: 'pause' } }));
          await api.cancel({ jobId: job.jobId });
        }),

      cancelInstall: (catalogueId) =>
        run(async () => {
          const job = activeInstallJob(get(), catalogueId);
          if (job) {
            // The partial files are discarded once the job has stopped writing them (handleInstallJobUpdate).
            set((s) => ({ downloadIntent: { ...s.downloadIntent, [catalogueId]: 'cancel' } }));
            await api.cancel({ jobId: job.jobId });
            return;
          }
          await api.discardInstall({ catalogueId });
          set((s) => ({ downloadProgress: without(s.downloadProgress, catalogueId) }));
          await get().loadCatalogue();
        }),

      handleDownloadProgress: (event) => set((s) => ({ downloadProgress: { ...s.downloadProgress, [event.modelId]: event } })),

      handleInstallJobUpdate(event) {
        if (event.kind !== 'install' || event.state === 'queued' || event.state === 'running') return;
        const id = event.modelId;
        const intent = get().downloadIntent[id];
        if (event.state === 'failed' && event.error) set((s) => ({ downloadErrors: { ...s.downloadErrors, [id]: { code: event.error!.code, message: event.error!.message } } }));
        if (event.state === 'done') set((s) => ({ downloadProgress: without(s.downloadProgress, id) }));
        if (event.state === 'cancelled' && intent === 'cancel') {
          void run(async () => {
            await api.discardInstall({ catalogueId: id });
            set((s) => ({ downloadProgress: without(s.downloadProgress, id), downloadIntent: without(s.downloadIntent, id) }));
            await get().loadCatalogue();
          });
          return;
        }
        void get().loadCatalogue();
      },

      async scanCaches() {
        set({ cacheScanStatus: 'loading' });
        try {
          set({ cacheScan: await api.scanModelCaches(), cacheScanStatus: 'ready' });
        } catch (error) {
          set({ cacheScanStatus: 'error' });
          get().showError(error);
        }
      },

      previewImport: (path) =>
        run(async () => {
          set({ importPreview: null, libraryNotice: null });
          set({ importPreview: { path, report: await api.checkModel({ path }) } });
        }),

      clearImportPreview: () => set({ importPreview: null }),

      async importModel(path, mode, name, latentFamily) {
        try {
          const model = await api.importModel({ path, mode, ...(name ? { name } : {}), ...(latentFamily ? { latentFamily } : {}) });
          set({ importPreview: null, libraryNotice: `Added ${model.id} (${mode === 'link' ? 'linked in place, nothing copied' : 'copied'})` });
          await Promise.all([get().loadModels(), get().cacheScan ? get().scanCaches() : Promise.resolve()]);
          return true;
        } catch (error) {
          get().showError(error);
          return false;
        }
      },

      loadUsage: () =>
        run(async () => {
          const { usage } = await api.listModelUsage();
          set({ usage: Object.fromEntries(usage.map((u) => [u.modelId, u])) });
        }),

      async checkFiles(modelId) {
        try {
          const result = await api.checkModelFiles({ modelId });
          set((s) => ({ fileChecks: { ...s.fileChecks, [modelId]: result } }));
        } catch (error) {
          set((s) => ({ fileChecks: { ...s.fileChecks, [modelId]: describeError(error) } }));
        }
      },

      removeModel: (modelId) =>
        run(async () => {
          const result = await api.deleteModel({ modelId });
          set({ libraryNotice: result.unlinked ? `Removed the link ${modelId}; the files it pointed to are untouched` : result.trashedTo ? `Moved ${modelId} to the trash (${result.trashedTo})` : `Removed ${modelId}` });
          await Promise.all([get().loadModels(), get().loadUsage()]);
        }),

      setDefaultModel: (kind, modelId) =>
        run(async () => {
          const current = get().settings ?? (await api.getSettings());
          set({ settings: await api.updateSettings({ defaultModels: { ...current.settings.defaultModels, [kind]: modelId } }) });
          await get().loadUsage();
        }),
    };
  };
}
