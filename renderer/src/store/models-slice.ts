// Models slice: the installed models (with their check reports), the selected one, and its loading state.
import type { StateCreator } from 'zustand/vanilla';
import type { InstalledModelInfo, TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState } from './create-app-store.ts';

export interface ModelsSlice {
  models: InstalledModelInfo[];
  modelsRoot: string | null;
  selectedModelId: string | null;
  modelsStatus: 'idle' | 'loading' | 'ready' | 'error';
  loadModels(): Promise<void>;
  selectModel(modelId: string): Promise<void>;
}

export function createModelsSlice(api: TesseraApi): StateCreator<AppState, [], [], ModelsSlice> {
  return (set, get) => ({
    models: [],
    modelsRoot: null,
    selectedModelId: null,
    modelsStatus: 'idle',
    async loadModels() {
      set({ modelsStatus: 'loading' });
      try {
        const { models, selectedId, modelsRoot } = await api.listModels();
        set({ models, selectedModelId: selectedId, modelsRoot, modelsStatus: 'ready' });
      } catch (error) {
        set({ modelsStatus: 'error' });
        get().showError(error);
      }
    },
    async selectModel(modelId) {
      // Optimistic: the radio follows the click at once and reverts if the host refuses.
      const previous = get().selectedModelId;
      set({ selectedModelId: modelId });
      try {
        const { selectedId } = await api.selectModel({ modelId });
        set({ selectedModelId: selectedId });
      } catch (error) {
        set({ selectedModelId: previous });
        get().showError(error);
      }
    },
  });
}
