// Folder browser slice: the web host's folder picker for the Batch panel (no native dialog there). It shows
// one listing from the host's listFolders at a time; choosing puts the listed folder into the batch field.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, FolderBrowserSlice } from './app-state.ts';
import { describeError } from './shown-error.ts';

export function createFolderBrowserSlice(api: TesseraApi): StateCreator<AppState, [], [], FolderBrowserSlice> {
  return (set, get) => {
    /** Lists `path` (null: the roots); a refusal stays in the dialog and the last listing stays shown. */
    const show = async (path: string | null): Promise<boolean> => {
      const open = get().folderBrowser;
      if (!open) return false;
      set({ folderBrowser: { ...open, loading: true, error: null } });
      try {
        const listing = await api.listFolders(path === null ? {} : { path });
        const now = get().folderBrowser;
        if (now?.field === open.field) set({ folderBrowser: { ...now, listing, loading: false } });
        return true;
      } catch (error) {
        const now = get().folderBrowser;
        if (now?.field === open.field) set({ folderBrowser: { ...now, loading: false, error: describeError(error) } });
        return false;
      }
    };

    return {
      folderBrowser: null,

      async openFolderBrowser(field) {
        set({ folderBrowser: { field, listing: null, loading: true, error: null } });
        // Start where the field points, when the host lets us look there; else at the roots.
        const typed = get().batchForm[field].trim();
        if (typed && (await show(typed))) return;
        const keptError = get().folderBrowser?.error ?? null;
        await show(null);
        if (keptError && get().folderBrowser) set({ folderBrowser: { ...get().folderBrowser!, error: keptError } });
      },

      async browseFolder(path) {
        await show(path);
      },

      async chooseBrowsedFolder() {
        const open = get().folderBrowser;
        const path = open?.listing?.path;
        if (!open || !path) return;
        set({ folderBrowser: null });
        get().setBatchField(open.field, path);
        if (open.field === 'outputDir') await get().checkBatchOutput();
      },

      closeFolderBrowser() {
        set({ folderBrowser: null });
      },
    };
  };
}
