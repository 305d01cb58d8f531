// Batch review slice: a subject batch's entries below its review threshold (listed for the Batch panel's output
// folder when a run ends or the folder is checked), one opened in the Studio with the batch's mask as the
// selection (so SAM clicks refine it, as after "Select subject"), and "Save to batch" writing it back.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../native-models/api/index.ts';
import type { AppState, BatchReviewSlice } from './app-state.ts';
import { chosenCandidate } from './canvas/canvas-state.ts';

export function createBatchReviewSlice(api: TesseraApi): StateCreator<AppState, [], [], BatchReviewSlice> {
  return (set, get) => ({
    batchReview: null,
    batchReviewOpen: null,
    batchReviewSaving: false,

    async loadBatchReview() {
      const { inputDir, outputDir } = get().batchForm;
      if (outputDir.trim() === '') return set({ batchReview: null });
      try {
        const { items } = await api.listBatchReview({ outputDir: outputDir.trim() });
        if (get().batchForm.outputDir !== outputDir) return; // another folder was typed meanwhile
        set({ batchReview: { inputDir: inputDir.trim(), outputDir: outputDir.trim(), items } });
      } catch {
        set({ batchReview: null }); // like the summary: a folder without a readable manifest has nothing to review
      }
    },

    async openBatchReviewItem(input) {
      const review = get().batchReview;
      if (!review) return;
      try {
        const opened = await api.openBatchReviewItem({ inputDir: review.inputDir, outputDir: review.outputDir, input });
        const name = input.split('/').at(-1)!.replace(/\.[^.]+$/, '');
        get().loadCanvasImage({ imageId: opened.imageId, image: opened.image, width: opened.width, height: opened.height }, { label: `Batch review: ${input}`, name });
        get().editCanvas({ candidates: [{ kind: 'Subject', mask: opened.mask, score: opened.confidence, area: opened.area }], chosen: 0, subjectMask: opened.mask });
        set({ batchReviewOpen: { inputDir: review.inputDir, outputDir: review.outputDir, input, imageId: opened.imageId } });
        get().setCanvasTool('segment');
        get().showScreen('studio');
      } catch (error) {
        get().showError(error);
      }
    },

    async saveBatchReview() {
      const open = get().batchReviewOpen;
      const candidate = chosenCandidate(get().canvas);
      if (!open || !candidate || get().batchReviewSaving || get().canvas.image?.imageId !== open.imageId) return;
      set({ batchReviewSaving: true });
      try {
        const { inputDir, outputDir, input } = open;
        await api.saveBatchReview({ inputDir, outputDir, input, mask: { image: candidate.mask } });
        set({ batchReviewOpen: null });
        await get().loadBatchReview();
        get().showScreen('batch');
      } catch (error) {
        get().showError(error);
      } finally {
        set({ batchReviewSaving: false });
      }
    },
  });
}
