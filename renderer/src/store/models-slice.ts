// Models slice: the installed models (with their check reports), the selected one, and its loading state.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, ModelsSlice } from './app-state.ts';

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
