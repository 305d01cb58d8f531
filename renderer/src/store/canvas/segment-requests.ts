// The Segment tool's traffic with the host: one request per click (a newer click makes older answers stale),
// and hover previews with at most one in flight, the latest point waiting behind it. A hover is never sent
// while a click waits, because the host keeps only the newest waiting request per image.
import type { TesseraApi } from '../../../../native-models/api/index.ts';
import type { AppState } from '../app-state.ts';
import type { ImagePoint } from './mask-brush.ts';
import { labelCandidates, segmentModelOf, segmentRequest } from './segment-prompts.ts';

export interface SegmentRunner {
  /** Sends the current document's prompts; the answer sets the candidates unless something newer happened. */
  click(): Promise<void>;
  hover(point: ImagePoint | null): void;
  /** Makes every answer in flight stale (undo, clear, a new image). */
  forget(): void;
}

/** The host's "superseded by a newer request" is not a failure to show. */
function isSuperseded(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'CANCELLED';
}

export function runSegmentRequests(api: TesseraApi, get: () => AppState, set: (partial: Partial<AppState>) => void): SegmentRunner {
  let generation = 0;
  let hoverInFlight = false;
  let hoverWaiting: ImagePoint | null = null;
  let hoverTarget: ImagePoint | null = null;

  const target = () => {
    const state = get();
    const image = state.canvas.image;
    const modelId = segmentModelOf(state);
    if (!image) return null;
    if (!modelId) {
      state.showError({ code: 'MODEL_NOT_FOUND', message: 'no usable segmentation model installed, expected a Segment Anything model (the demo pack has demo-sam)' });
      return null;
    }
    return { image, modelId };
  };

  const sendHover = async (point: ImagePoint) => {
    const t = target();
    if (!t) return;
    const mine = generation;
    hoverInFlight = true;
    try {
      const { points, box, subjectMask } = get().canvas;
      const result = await api.segment(segmentRequest(t.modelId, t.image.imageId, [...points, { ...point, label: 1 }], box, subjectMask));
      // Shown only while the pointer still rests on that point and nothing newer changed the document.
      if (mine === generation && hoverTarget === point && !get().segmentBusy) set({ hoverMask: result.masks[0]!.mask });
    } catch (error) {
      if (!isSuperseded(error)) get().showError(error);
    } finally {
      hoverInFlight = false;
      const next = hoverWaiting;
      hoverWaiting = null;
      if (next && next === hoverTarget && !get().segmentBusy) void sendHover(next);
    }
  };

  return {
    async click() {
      const mine = ++generation;
      hoverTarget = null;
      hoverWaiting = null;
      const { canvas } = get();
      if (canvas.points.length === 0 && !canvas.box) {
        // Nothing to ask SAM; a subject selection (no clicks yet) stays as it is.
        if (!canvas.subjectMask) set({ segmentBusy: false, hoverMask: null, canvas: { ...canvas, candidates: [], chosen: 0 } });
        return;
      }
      const t = target();
      if (!t) return;
      set({ segmentBusy: true, hoverMask: null });
      try {
        const result = await api.segment(segmentRequest(t.modelId, t.image.imageId, canvas.points, canvas.box, canvas.subjectMask));
        if (mine !== generation) return;
        // The answer completes the edit that asked for it (its undo step was recorded at the click).
        set({ canvas: { ...get().canvas, ...labelCandidates(result.masks) }, segmentBusy: false });
      } catch (error) {
        if (mine === generation) set({ segmentBusy: false });
        if (!isSuperseded(error)) get().showError(error);
      }
    },
    hover(point) {
      hoverTarget = point;
      if (!point) {
        hoverWaiting = null;
        if (get().hoverMask) set({ hoverMask: null });
        return;
      }
      if (get().segmentBusy) return;
      if (hoverInFlight) hoverWaiting = point;
      else void sendHover(point);
    },
    forget() {
      generation++;
      hoverTarget = null;
      hoverWaiting = null;
      if (get().segmentBusy) set({ segmentBusy: false });
    },
  };
}
