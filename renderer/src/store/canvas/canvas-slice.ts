// Canvas slice: the document on the canvas (image, inpainting mask, segment clicks and their candidate masks),
// the tool, zoom/pan, and undo/redo over document edits. Files, runs and exports live in canvas-io-slice.ts.
import type { StateCreator } from 'zustand/vanilla';
import type { TesseraApi } from '../../../../native-models/api/index.ts';
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import { growMask, shrinkMask } from '../../../../native-models/core/mask/mask-morphology.ts';
import type { AppState } from '../app-state.ts';
import { chosenCandidate, type CanvasDocument, type CanvasImage, type CanvasSlice, type CanvasTool } from './canvas-state.ts';
import { emptyHistory, redo, undo } from './action-history.ts';
import { documentEdit } from './canvas-edit.ts';
import { actualSizeView, fitView, panBy, resizeView, zoomAt } from './canvas-view.ts';
import { paintStroke } from './mask-brush.ts';
import type { MaskCodec } from './mask-codec.ts';
import { runSegmentRequests, type SegmentRunner } from './segment-requests.ts';
import { subjectModelOf } from './segment-prompts.ts';

export const CANVAS_TOOLS: readonly CanvasTool[] = ['hand', 'segment', 'brush', 'eraser'];

export const EMPTY_DOCUMENT: CanvasDocument = { image: null, mask: null, points: [], box: null, candidates: [], chosen: 0, subjectMask: null, regions: [], picked: [], objects: [] };

export const BRUSH_SIZE = { min: 1, max: 256, initial: 24 } as const;
export const GROW_LIMIT_PX = 64;

const clampInt = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number.isFinite(v) ? v : 0)));

export function createCanvasSlice(api: TesseraApi, codec: MaskCodec): StateCreator<AppState, [], [], CanvasSlice> {
  return (set, get) => {
    const segments: SegmentRunner = runSegmentRequests(api, get, set);
    const edit = (change: Partial<CanvasDocument>) => set((s) => documentEdit(s, change));
    /** A document change of the segment prompts, then the request for it. */
    const segmentEdit = async (change: Partial<CanvasDocument>) => {
      edit(change);
      await segments.click();
    };
    return {
      canvas: EMPTY_DOCUMENT,
      canvasHistory: emptyHistory(),
      canvasTool: 'segment',
      brushSize: BRUSH_SIZE.initial,
      maskGrowPx: 0,
      canvasView: { zoom: 1, x: 0, y: 0 },
      canvasStage: { width: 800, height: 600 },
      segmentModelId: null,
      segmentBusy: false,
      hoverMask: null,
      maskVisible: true,
      setMaskVisible: (visible) => set({ maskVisible: visible }),

      loadCanvasImage(source, names) {
        segments.forget();
        const image: CanvasImage = { ...source, label: names?.label ?? `Image ${source.width}×${source.height}`, name: names?.name ?? 'tessera-image' };
        set((s) => ({ canvas: { ...EMPTY_DOCUMENT, image }, canvasHistory: emptyHistory(), hoverMask: null, hoverRegion: null, canvasView: fitView(image, s.canvasStage) }));
      },
      setCanvasTool: (tool) => set({ canvasTool: tool, hoverMask: null }),
      setBrushSize: (size) => set({ brushSize: clampInt(size, BRUSH_SIZE.min, BRUSH_SIZE.max) }),
      setMaskGrowPx: (px) => set({ maskGrowPx: clampInt(px, -GROW_LIMIT_PX, GROW_LIMIT_PX) }),
      setSegmentModel: (modelId) => set({ segmentModelId: modelId }),

      setCanvasStage(size) {
        const { canvasStage, canvas, canvasView } = get();
        if (size.width === canvasStage.width && size.height === canvasStage.height) return;
        // A fitted image is refitted (the first real measurement fits it); a zoomed or panned one keeps its view.
        set({ canvasStage: size, ...(canvas.image ? { canvasView: resizeView(canvasView, canvas.image, canvasStage, size) } : {}) });
      },
      fitCanvas() {
        const { canvas, canvasStage } = get();
        if (canvas.image) set({ canvasView: fitView(canvas.image, canvasStage) });
      },
      actualSizeCanvas() {
        const { canvas, canvasStage } = get();
        if (canvas.image) set({ canvasView: actualSizeView(canvas.image, canvasStage) });
      },
      zoomCanvas(factor, at) {
        const { canvasView, canvasStage } = get();
        set({ canvasView: zoomAt(canvasView, factor, at?.x ?? canvasStage.width / 2, at?.y ?? canvasStage.height / 2) });
      },
      panCanvas: (dx, dy) => set((s) => ({ canvasView: panBy(s.canvasView, dx, dy) })),

      addSegmentPoint: (point) => segmentEdit({ points: [...get().canvas.points, point] }),
      setSegmentBox: (box) => segmentEdit({ box }),
      chooseCandidate(index) {
        const { canvas } = get();
        if (index !== canvas.chosen && canvas.candidates[index]) edit({ chosen: index });
      },
      clearSegment() {
        const { canvas } = get();
        segments.forget();
        if (canvas.points.length > 0 || canvas.box || canvas.candidates.length > 0 || canvas.subjectMask) edit({ points: [], box: null, candidates: [], chosen: 0, subjectMask: null });
        set({ hoverMask: null });
      },
      async selectSubject() {
        const { canvas, models } = get();
        const modelId = subjectModelOf(models);
        if (!canvas.image) return;
        if (!modelId) {
          get().showError({ code: 'MODEL_NOT_FOUND', message: 'no usable background-removal model installed, expected one (the demo pack has demo-rembg-u2net)' });
          return;
        }
        segments.forget();
        set({ segmentBusy: true, hoverMask: null });
        try {
          const result = await api.segmentSubject({ modelId, image: { imageId: canvas.image.imageId } });
          // One undo step back to the selection before; clicks from here on refine this mask.
          edit({ points: [], box: null, candidates: [{ kind: 'Subject', mask: result.mask, score: result.confidence, area: result.area }], chosen: 0, subjectMask: result.mask });
        } catch (error) {
          get().showError(error);
        } finally {
          set({ segmentBusy: false });
        }
      },
      hoverSegment: (point) => segments.hover(point),

      beginStroke(at) {
        const { canvas, canvasTool, brushSize } = get();
        if (!canvas.image || (canvasTool !== 'brush' && canvasTool !== 'eraser')) return;
        // The snapshot keeps the old buffer; the stroke paints into a copy made here, once.
        const mask: BinaryMask = canvas.mask ? { ...canvas.mask, data: canvas.mask.data.slice() } : { width: canvas.image.width, height: canvas.image.height, data: new Uint8Array(canvas.image.width * canvas.image.height) };
        paintStroke(mask, at, at, brushSize, canvasTool === 'brush' ? 1 : 0);
        edit({ mask });
        set({ maskVisible: true });
      },
      continueStroke(from, to) {
        const { canvas, canvasTool, brushSize } = get();
        if (!canvas.mask || (canvasTool !== 'brush' && canvasTool !== 'eraser')) return;
        paintStroke(canvas.mask, from, to, brushSize, canvasTool === 'brush' ? 1 : 0);
        // Same buffer, new wrapper: subscribers see a change without a copy per pointer event.
        set({ canvas: { ...canvas, mask: { ...canvas.mask } } });
      },
      clearMask() {
        if (get().canvas.mask) edit({ mask: null });
      },
      async useSegmentAsMask() {
        const { canvas, maskGrowPx } = get();
        const candidate = chosenCandidate(canvas);
        if (!candidate) {
          get().showError({ code: 'INVALID_ARGUMENT', message: 'no segment selected, expected a click on an object with the Segment tool first' });
          return;
        }
        try {
          const decoded = await codec.decode(candidate.mask);
          const mask = maskGrowPx >= 0 ? growMask(decoded, maskGrowPx) : shrinkMask(decoded, -maskGrowPx);
          segments.forget();
          // The selection becomes the mask: one overlay, one undo step back to the selection.
          edit({ mask, points: [], box: null, candidates: [], chosen: 0, subjectMask: null });
          set({ canvasTool: 'brush', hoverMask: null, maskVisible: true });
        } catch (error) {
          get().showError(error);
        }
      },

      undoCanvas() {
        const step = undo(get().canvasHistory, get().canvas);
        if (!step) return;
        segments.forget();
        set({ canvas: step.document, canvasHistory: step.history, hoverMask: null, hoverRegion: null });
      },
      redoCanvas() {
        const step = redo(get().canvasHistory, get().canvas);
        if (!step) return;
        segments.forget();
        set({ canvas: step.document, canvasHistory: step.history, hoverMask: null, hoverRegion: null });
      },
      editCanvas: edit,
    };
  };
}
