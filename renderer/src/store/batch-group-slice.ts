// Batch group slice: the Gallery's batch runs (listBatchGroups), refetched when the Gallery opens and when a batch
// job ends; opening an output puts it on the canvas, as opening a gallery result does.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, BatchGroupSlice } from './app-state.ts';

/** A group's counts as the Gallery says them: "12/20 done · 1 failed". */
export function describeBatchGroupCounts(group: { counts: { done: number; failed: number }; total: number | null }): string {
  return `${group.counts.done}/${group.total ?? '?'} done · ${group.counts.failed} failed`;
}

export function createBatchGroupSlice(api: TesseraApi): StateCreator<AppState, [], [], BatchGroupSlice> {
  return (set, get) => ({
    batchGroups: [],
    batchGroupsLoaded: false,

    async loadBatchGroups() {
      try {
        const { groups } = await api.listBatchGroups();
        set({ batchGroups: groups, batchGroupsLoaded: true });
      } catch (error) {
        get().showError(error);
      }
    },

    async openBatchGroupItem(id, output) {
      try {
        const opened = await api.openBatchGroupItem({ id, output });
        const name = output.split('/').at(-1)!.replace(/\.[^.]+$/, '');
        get().loadCanvasImage(opened, { label: `Batch output: ${output}`, name });
        get().showScreen('studio');
      } catch (error) {
        get().showError(error);
      }
    },
  });
}
