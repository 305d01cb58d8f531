// UI slice: the screen shown, theme (dark by default) and the error banner. Errors arrive as anything thrown; the banner shows
// the contract's code and message, never a stack.
import type { StateCreator } from 'zustand/vanilla';
import type { AppState } from './create-app-store.ts';

export type Theme = 'dark' | 'light';

/** The app's screens, in the order the header lists them. */
export const SCREENS = ['studio', 'gallery', 'batch', 'models', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface ShownError {
  code: string;
  message: string;
}

export interface UiSlice {
  screen: Screen;
  theme: Theme;
  error: ShownError | null;
  showScreen(screen: Screen): void;
  toggleTheme(): void;
  showError(error: unknown): void;
  dismissError(): void;
}

export function describeError(error: unknown): ShownError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return { code: String((error as { code: unknown }).code), message: String((error as { message: unknown }).message) };
  }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  screen: 'studio',
  theme: 'dark',
  error: null,
  showScreen: (screen) => set({ screen }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
  showError: (error) => set({ error: describeError(error) }),
  dismissError: () => set({ error: null }),
});
