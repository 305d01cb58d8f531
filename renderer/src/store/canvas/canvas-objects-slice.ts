// Segment everything and the objects list: the host's automatic masks shown as regions, hover and picking by
// their outlines (no host call per pointer move), and kept masks as named objects. Every document change is one
// undoable edit; the objects leave as COCO / YOLO files built by the host's annotation builders.
import type { StateCreator } from 'zustand/vanilla';
import { EVERYTHING_DEFAULTS, EVERYTHING_LIMITS, type TesseraApi } from '../../../../native-models/api/index.ts';
import type { AppState } from '../app-state.ts';
import { documentEdit } from './canvas-edit.ts';
import { appendObjects, pickRegion, regionAt } from './canvas-objects.ts';
import { chosenCandidate, type CanvasDocument, type CanvasObjectsSlice } from './canvas-state.ts';
import { segmentModelOf } from './segment-prompts.ts';

export function createCanvasObjectsSlice(api: TesseraApi): StateCreator<AppState, [], [], CanvasObjectsSlice> {
  return (set, get) => {
    const edit = (change: Partial<CanvasDocument>) => set((s) => documentEdit(s, change));
    const changeObject = (id: number, change: (o: CanvasDocument['objects'][number]) => CanvasDocument['objects'][number] | null) => {
      const objects = get().canvas.objects.flatMap((o) => (o.id === id ? (change(o) ?? []) : [o]));
      edit({ objects });
    };
    return {
      everythingBusy: false,
      everythingPointsPerSide: EVERYTHING_DEFAULTS.pointsPerSide,
      setEverythingPointsPerSide(value) {
        const { min, max } = EVERYTHING_LIMITS.pointsPerSide;
        set({ everythingPointsPerSide: Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : EVERYTHING_DEFAULTS.pointsPerSide });
      },
      hoverRegion: null,

      async segmentEverything() {
        const state = get();
        const image = state.canvas.image;
        const modelId = segmentModelOf(state);
        if (!image || state.everythingBusy) return;
        if (!modelId) {
          state.showError({ code: 'MODEL_NOT_FOUND', message: 'no usable segmentation model installed, expected a Segment Anything model (the demo pack has demo-sam)' });
          return;
        }
        set({ everythingBusy: true, hoverMask: null, hoverRegion: null });
        try {
          // The thresholds are left out: the contract's EVERYTHING_DEFAULTS apply, as for the CLI and batches.
          const result = await api.segmentEverything({ modelId, image: { imageId: image.imageId }, pointsPerSide: state.everythingPointsPerSide });
          // A different image arrived meanwhile: these regions are not its.
          if (get().canvas.image?.imageId !== result.imageId) return;
          edit({ regions: result.regions, picked: [] });
        } catch (error) {
          get().showError(error);
        } finally {
          set({ everythingBusy: false });
        }
      },
      hoverRegionAt(point) {
        const index = point ? regionAt(get().canvas.regions, point) : null;
        if (index !== get().hoverRegion) set({ hoverRegion: index });
      },
      pickRegionAt(point, additive) {
        const { canvas } = get();
        const index = regionAt(canvas.regions, point);
        if (index === null) {
          if (!additive && canvas.picked.length > 0) edit({ picked: [] });
          return;
        }
        edit({ picked: pickRegion(canvas.picked, index, additive) });
      },
      keepRegions(which) {
        const { canvas } = get();
        const kept = which === 'all' ? canvas.regions : canvas.picked.map((i) => canvas.regions[i]!).filter(Boolean);
        if (kept.length === 0) return;
        edit({ objects: appendObjects(canvas.objects, kept), regions: [], picked: [] });
        set({ hoverRegion: null });
      },
      dismissRegions() {
        if (get().canvas.regions.length === 0) return;
        edit({ regions: [], picked: [] });
        set({ hoverRegion: null });
      },
      addSelectionAsObject() {
        const { canvas } = get();
        const candidate = chosenCandidate(canvas);
        if (!candidate) return;
        edit({ objects: appendObjects(canvas.objects, [candidate]), points: [], box: null, candidates: [], chosen: 0, subjectMask: null });
        set({ hoverMask: null });
      },
      renameObject(id, name) {
        const trimmed = name.trim();
        const current = get().canvas.objects.find((o) => o.id === id);
        // An empty name would not export (COCO categories and YOLO classes need one): the old name stays.
        if (!current || trimmed === '' || trimmed === current.name) return;
        changeObject(id, (o) => ({ ...o, name: trimmed }));
      },
      setObjectVisible(id, visible) {
        changeObject(id, (o) => ({ ...o, visible }));
      },
      removeObject(id) {
        changeObject(id, () => null);
      },
      async exportObjects(format) {
        const { canvas } = get();
        if (!canvas.image || canvas.objects.length === 0) return null;
        try {
          const result = await api.exportAnnotations({
            image: { imageId: canvas.image.imageId },
            fileName: `${canvas.image.name}.png`,
            objects: canvas.objects.map((o) => ({ name: o.name, mask: o.mask })),
            format,
          });
          // The COCO file is named after the image, so exports of several images do not overwrite one another.
          return format === 'coco' ? result.files.map((f) => ({ ...f, path: `${canvas.image!.name}-${f.path}` })) : result.files;
        } catch (error) {
          get().showError(error);
          return null;
        }
      },
    };
  };
}
