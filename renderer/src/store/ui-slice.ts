// UI slice: the screen shown, theme (dark by default) and the error banner. Errors arrive as anything thrown; the banner shows
// the contract's code and message, never a stack.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState, UiSlice } from './app-state.ts';
import { describeError } from './shown-error.ts';

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  screen: 'studio',
  theme: 'dark',
  error: null,
  showScreen: (screen) => set({ screen }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  showError: (error) => set({ error: describeError(error) }),
  dismissError: () => set({ error: null }),
});
