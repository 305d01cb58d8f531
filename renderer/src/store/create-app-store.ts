// The renderer's one store, composed from typed slices (zustand slices pattern). Vanilla, so bridge events can
// write to it outside React; tests build a fresh one with a fake TesseraApi. The store's shape lives in app-state.ts.
import { createStore } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, AppStore } from './app-state.ts';
import { createCanvasIoSlice, syncCanvasWithGeneration } from './canvas/canvas-io-slice.ts';
import { createCanvasSlice } from './canvas/canvas-slice.ts';
import { createCanvasObjectsSlice } from './canvas/canvas-objects-slice.ts';
import { browserMaskCodec, type MaskCodec } from './canvas/mask-codec.ts';
import { createBatchSlice } from './batch-slice.ts';
import { createConnectionSlice } from './connection-slice.ts';
import { createBatchReviewSlice } from './batch-review-slice.ts';
import { createFolderBrowserSlice } from './folder-browser-slice.ts';
import { createBatchGroupSlice } from './batch-group-slice.ts';
import { createGallerySlice } from './gallery-slice.ts';
import { createGenerateSlice } from './generate-slice.ts';
import { createHealthSlice } from './health-slice.ts';
import { createModelsSlice } from './models-slice.ts';
import { createModelLibrarySlice } from './model-library-slice.ts';
import { createQueueSlice } from './queue-slice.ts';
import { createSettingsSlice } from './settings-slice.ts';
import { createUiSlice } from './ui-slice.ts';

/** `maskCodec`: mask PNG ↔ pixels; the browser's by default, a fake in Node tests. */
export function createAppStore(api: TesseraApi, options: { maskCodec?: MaskCodec } = {}): AppStore {
  const maskCodec = options.maskCodec ?? browserMaskCodec;
  const store = createStore<AppState>()((...a) => ({
    ...createConnectionSlice(api)(...a),
    ...createModelsSlice(api)(...a),
    ...createModelLibrarySlice(api)(...a),
    ...createHealthSlice(api)(...a),
    ...createUiSlice(...a),
    ...createGenerateSlice(api)(...a),
    ...createCanvasSlice(api, maskCodec)(...a),
    ...createCanvasIoSlice(api, maskCodec)(...a),
    ...createCanvasObjectsSlice(api, maskCodec)(...a),
    ...createQueueSlice(api)(...a),
    ...createGallerySlice(api)(...a),
    ...createBatchGroupSlice(api)(...a),
    ...createSettingsSlice(api)(...a),
    ...createBatchSlice(api)(...a),
    ...createBatchReviewSlice(api)(...a),
    ...createFolderBrowserSlice(api)(...a),
  }));
  // Picking a model (or the host's first choice arriving) applies the settings it implies, once per change;
  // a value the user typed in the meantime (steps typed before the list arrived) stays.
  store.subscribe((state, previous) => {
    if (state.selectedModelId !== previous.selectedModelId) state.applyModelDefaults(state.selectedModelId, previous.selectedModelId);
  });
  // Results land on the canvas; a canvas run that failed or was cancelled stops waiting.
  store.subscribe(syncCanvasWithGeneration);
  return store;
}

/** Keeps the store in step with the host: model list changes, generation progress and job updates. Returns the unsubscribe. */
export function connectStoreToEvents(store: AppStore, api: TesseraApi): () => void {
  const stops = [
    api.onModelsChanged(() => {
      void store.getState().loadModels();
      // The Models screen's lists follow only once they have been opened.
      if (store.getState().catalogueStatus !== 'idle') void store.getState().loadCatalogue();
    }),
    api.onDownloadProgress((event) => store.getState().handleDownloadProgress(event)),
    api.onJobUpdate((event) => store.getState().handleInstallJobUpdate(event)),
    api.onGenerationProgress((event) => store.getState().handleGenerationProgress(event)),
    api.onJobUpdate((event) => store.getState().handleJobUpdate(event)),
    api.onJobUpdate((event) => store.getState().handleQueueUpdate(event)),
    api.onGenerationProgress((event) => store.getState().handleQueueProgress(event)),
    api.onBatchProgress((event) => store.getState().handleQueueProgress(event)),
    api.onBatchProgress((event) => store.getState().handleBatchProgress(event)),
    api.onJobUpdate((event) => store.getState().handleBatchJobUpdate(event)),
    // The gallery refetches only once it has been opened.
    api.onHistoryChanged(() => {
      if (store.getState().galleryStatus !== 'idle') void store.getState().loadHistory();
    }),
    // A batch run that ended changes its group (state, counts, outputs).
    api.onJobUpdate((event) => {
      if (event.kind === 'batch' && event.state !== 'queued' && store.getState().batchGroupsLoaded) void store.getState().loadBatchGroups();
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
