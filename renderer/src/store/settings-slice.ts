// Settings slice: the host's settings and the folders in force; saving sends only what changed and shows the
// host's answer (or its error) in place on the Settings screen.
import type { StateCreator } from 'zustand/vanilla';
import type { Settings, TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, SettingsChange, SettingsSlice } from './app-state.ts';
import { describeError } from './shown-error.ts';

/** The errors the banner answers with "Run on CPU": the provider, not the model, failed. */
export function isProviderError(code: string): boolean {
  return code === 'PROVIDER_FAILED' || code === 'PROVIDER_UNAVAILABLE';
}

/** The fields of `draft` that differ from `current` (what updateSettings is sent). */
export function settingsChange(current: Settings, draft: Settings): SettingsChange {
  const change: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof Settings)[]) if (JSON.stringify(draft[key]) !== JSON.stringify(current[key])) change[key] = draft[key];
  return change as SettingsChange;
}

/** A text field's value as a setting: blank means "the default" (null). */
export function blankToNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

export function createSettingsSlice(api: TesseraApi): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => ({
    settings: null,
    settingsStatus: 'idle',
    settingsError: null,

    async loadSettings() {
      set({ settingsStatus: 'loading' });
      try {
        set({ settings: await api.getSettings(), settingsStatus: 'idle', settingsError: null });
      } catch (error) {
        set({ settingsStatus: 'error', settingsError: describeError(error) });
      }
    },

    async saveSettings(draft) {
      const current = get().settings?.settings;
      if (!current) return;
      set({ settingsStatus: 'saving', settingsError: null });
      try {
        set({ settings: await api.updateSettings(settingsChange(current, draft)), settingsStatus: 'saved' });
        // The provider setting shows on the Models screen's engine panel too.
        void get().loadHealth();
      } catch (error) {
        set({ settingsStatus: 'error', settingsError: describeError(error) });
      }
    },

    async runOnCpu() {
      try {
        set({ settings: await api.updateSettings({ provider: 'cpu' }) });
        get().dismissError();
        void get().loadHealth();
        await get().startGeneration();
      } catch (error) {
        get().showError(error);
      }
    },
  });
}
