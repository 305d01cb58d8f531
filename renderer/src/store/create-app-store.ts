// The renderer's one store, composed from typed slices (zustand slices pattern). Vanilla, so bridge events can
// write to it outside React; tests build a fresh one with a fake TesseraApi.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import { createHealthSlice, type HealthSlice } from './health-slice.ts';
import { createModelsSlice, type ModelsSlice } from './models-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type AppState = ModelsSlice & HealthSlice & UiSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: TesseraApi): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createModelsSlice(api)(...a),
    ...createHealthSlice(api)(...a),
    ...createUiSlice(...a),
  }));
}

/** Keeps the store in step with the host: model list changes reload the list. Returns the unsubscribe. */
export function connectStoreToEvents(store: AppStore, api: TesseraApi): () => void {
  return api.onModelsChanged(() => {
    void store.getState().loadModels();
  });
}
