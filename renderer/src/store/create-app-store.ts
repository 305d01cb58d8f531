// The renderer's one store, composed from typed slices (zustand slices pattern). Vanilla, so bridge events can
// write to it outside React; tests build a fresh one with a fake TesseraApi.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import { createGenerateSlice, type GenerateSlice } from './generate-slice.ts';
import { createHealthSlice, type HealthSlice } from './health-slice.ts';
import { createModelsSlice, type ModelsSlice } from './models-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type AppState = ModelsSlice & HealthSlice & UiSlice & GenerateSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: TesseraApi): AppStore {
  const store = createStore<AppState>()((...a) => ({
    ...createModelsSlice(api)(...a),
    ...createHealthSlice(api)(...a),
    ...createUiSlice(...a),
    ...createGenerateSlice(api)(...a),
  }));
  // Picking a model (or the host's first choice arriving) applies the settings it implies, once per change.
  store.subscribe((state, previous) => {
    if (state.selectedModelId !== previous.selectedModelId) state.applyModelDefaults(state.selectedModelId);
  });
  return store;
}

/** Keeps the store in step with the host: model list changes, generation progress and job updates. Returns the unsubscribe. */
export function connectStoreToEvents(store: AppStore, api: TesseraApi): () => void {
  const stops = [
    api.onModelsChanged(() => {
      void store.getState().loadModels();
    }),
    api.onGenerationProgress((event) => store.getState().handleGenerationProgress(event)),
    api.onJobUpdate((event) => store.getState().handleJobUpdate(event)),
  ];
  return () => stops.forEach((stop) => stop());
}
