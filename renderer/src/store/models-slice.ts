// Models slice: the installed models (with their check reports), the selected one, and its loading state.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, ModelsSlice } from './app-state.ts';

export function createModelsSlice(api: TesseraApi): StateCreator<AppState, [], [], ModelsSlice> {
  // The list request in flight, so an action that needs the host's choice (a Generate pressed while the page is
  // still starting) waits for it instead of acting on the empty list.
  let loading: Promise<void> | undefined;
  return (set, get) => ({
    models: [],
    modelsRoot: null,
    selectedModelId: null,
    modelsStatus: 'idle',
    loadModels() {
      set({ modelsStatus: 'loading' });
      const load: Promise<void> = api.listModels().then(
        ({ models, selectedId, modelsRoot }) => set({ models, selectedModelId: selectedId, modelsRoot, modelsStatus: 'ready' }),
        (error: unknown) => {
          set({ modelsStatus: 'error' });
          get().showError(error);
        },
      );
      loading = load;
      void load.finally(() => {
        if (loading === load) loading = undefined;
      });
      return load;
    },
    whenModelsLoaded() {
      if (loading) return loading;
      return get().modelsStatus === 'idle' ? get().loadModels() : Promise.resolve();
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
