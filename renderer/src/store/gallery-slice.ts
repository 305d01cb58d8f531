// Gallery slice: the history of results (newest first) with thumbnails and parameters; re-use parameters, open
// in the canvas, reveal the file (desktop only), delete to the system trash. Refreshed on history events.
import type { StateCreator } from 'zustand/vanilla';
import type { HistoryItem, TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, GallerySlice } from './app-state.ts';

/** Results fetched per page; "Show more" asks for the next one. */
export const GALLERY_PAGE = 60;

/** A one-line summary of an item's parameters for its card. */
export function describeHistoryItem(item: Pick<HistoryItem, 'parameters' | 'width' | 'height'>): string {
  const p = item.parameters;
  return `${item.width}×${item.height} · seed ${p.seed} · ${p.sampler} · ${p.steps} steps · guidance ${p.guidance}${p.strength !== undefined ? ` · strength ${p.strength}` : ''}`;
}

export function createGallerySlice(api: TesseraApi): StateCreator<AppState, [], [], GallerySlice> {
  const find = (get: () => AppState, id: string) => get().galleryItems.find((i) => i.id === id);

  return (set, get) => ({
    galleryItems: [],
    galleryTotal: 0,
    galleryStatus: 'idle',
    galleryNotice: null,

    async loadHistory(more = false) {
      const offset = more ? get().galleryItems.length : 0;
      const limit = more ? GALLERY_PAGE : Math.max(GALLERY_PAGE, get().galleryItems.length);
      set({ galleryStatus: 'loading' });
      try {
        const { items, total } = await api.listHistory({ offset, limit });
        set((s) => ({ galleryItems: more ? [...s.galleryItems, ...items] : items, galleryTotal: total, galleryStatus: 'ready' }));
      } catch (error) {
        set({ galleryStatus: 'error' });
        get().showError(error);
      }
    },

    reuseHistoryParameters(id) {
      const item = find(get, id);
      if (!item) return;
      if (get().models.some((m) => m.id === item.modelId)) void get().selectModel(item.modelId);
      get().restoreParameters(item.parameters);
      get().showScreen('studio');
    },

    async openHistoryInCanvas(id) {
      try {
        const opened = await api.getHistoryImage({ id });
        const item = find(get, id);
        get().loadCanvasImage(opened, { label: `Gallery image, seed ${item?.parameters.seed ?? '?'}`, name: `tessera-${item?.parameters.seed ?? id}` });
        get().showScreen('studio');
      } catch (error) {
        get().showError(error);
      }
    },

    async revealHistoryItem(id) {
      try {
        const { file } = await api.revealHistoryItem({ id });
        set({ galleryNotice: `Shown in the file manager: ${file}` });
      } catch (error) {
        get().showError(error);
      }
    },

    async historyFileForDownload(id) {
      try {
        const { image } = await api.getHistoryImage({ id });
        const file = find(get, id)?.file ?? `${id}.png`;
        // The host's path may use either separator; the browser only wants the last part.
        return { name: file.split(/[\\/]/).pop() || `${id}.png`, mimeType: image.mimeType, base64: image.base64 };
      } catch (error) {
        get().showError(error);
        return null;
      }
    },

    async deleteHistoryItem(id) {
      try {
        const { trashedTo } = await api.deleteHistoryItem({ id });
        set((s) => ({
          galleryItems: s.galleryItems.filter((i) => i.id !== id),
          galleryTotal: Math.max(0, s.galleryTotal - 1),
          galleryNotice: trashedTo ? `Moved to the trash: ${trashedTo}` : 'Removed from the gallery (its file was already gone)',
        }));
      } catch (error) {
        get().showError(error);
      }
    },
  });
}
