// Health slice: host version, execution providers with the measured `auto` choices, demo pack state.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, HealthSlice } from './app-state.ts';

export function createHealthSlice(api: TesseraApi): StateCreator<AppState, [], [], HealthSlice> {
  return (set, get) => ({
    health: null,
    async loadHealth() {
      try {
        set({ health: await api.getHealth() });
      } catch (error) {
        get().showError(error);
      }
    },
  });
}
