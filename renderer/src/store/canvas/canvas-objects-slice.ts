// Segment everything and the objects list: the host's automatic masks shown as regions, hover and picking by
// their outlines (no host call per pointer move), and kept masks as named objects. Every document change is one
// undoable edit; the objects leave as COCO / YOLO files built by the host's annotation builders.
import type { StateCreator } from 'zustand/vanilla';
import { EVERYTHING_DEFAULTS, EVERYTHING_LIMITS, type EverythingRegion, type TesseraApi } from '../../../../native-models/api/index.ts';
import { maskArea } from '../../../../native-models/core/mask/binary-mask.ts';
import type { AppState } from '../app-state.ts';
import { documentEdit } from './canvas-edit.ts';
import { appendObjects, objectFileName, pickRegion, regionAt, unionMasks } from './canvas-objects.ts';
import { chosenCandidate, type CanvasDocument, type CanvasObjectsSlice } from './canvas-state.ts';
import type { MaskCodec } from './mask-codec.ts';
import { segmentModelOf, type SegmentCandidate } from './segment-prompts.ts';

/** The document change that makes `candidate` the current selection, as a SAM click's answer does (none: cleared). */
function selectionChange(candidate: SegmentCandidate | null): Partial<CanvasDocument> {
  return { points: [], box: null, candidates: candidate ? [candidate] : [], chosen: 0, subjectMask: null };
}

export function createCanvasObjectsSlice(api: TesseraApi, codec: MaskCodec): StateCreator<AppState, [], [], CanvasObjectsSlice> {
  return (set, get) => {
    const edit = (change: Partial<CanvasDocument>) => set((s) => documentEdit(s, change));
    /** The picked regions' union as the selection; one region's own PNG goes as it is (no decode / encode). */
    const pickedSelection = async (regions: readonly EverythingRegion[], picked: readonly number[]): Promise<SegmentCandidate | null> => {
      const chosen = picked.map((i) => regions[i]!);
      if (chosen.length === 0) return null;
      if (chosen.length === 1) return { kind: 'Picked', mask: chosen[0]!.mask, score: chosen[0]!.score, area: chosen[0]!.area };
      const union = unionMasks(await Promise.all(chosen.map((r) => codec.decode(r.mask))));
      return { kind: 'Picked', mask: await codec.encode(union), score: Math.min(...chosen.map((r) => r.score)), area: maskArea(union) };
    };
    /** Putting the regions away also drops the selection made of them; any other selection stays. */
    const pickedSelectionCleared = (canvas: CanvasDocument): Partial<CanvasDocument> => (chosenCandidate(canvas)?.kind === 'Picked' ? selectionChange(null) : {});
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
      async pickRegionAt(point, additive) {
        const { canvas } = get();
        const index = regionAt(canvas.regions, point);
        if (index === null && (additive || canvas.picked.length === 0)) return;
        const picked = index === null ? [] : pickRegion(canvas.picked, index, additive);
        try {
          const selection = await pickedSelection(canvas.regions, picked);
          // Another pick, an undo or a new run came first: this union is of picks no longer on show.
          if (get().canvas.regions !== canvas.regions || get().canvas.picked !== canvas.picked) return;
          // One undo step: the picks and the selection they make, the same selection a SAM click gives.
          edit({ picked, ...(selection ? selectionChange(selection) : pickedSelectionCleared(canvas)) });
          set({ hoverMask: null });
        } catch (error) {
          get().showError(error);
        }
      },
      keepRegions(which) {
        const { canvas } = get();
        const kept = which === 'all' ? canvas.regions : canvas.picked.map((i) => canvas.regions[i]!).filter(Boolean);
        if (kept.length === 0) return;
        edit({ objects: appendObjects(canvas.objects, kept), regions: [], picked: [], ...pickedSelectionCleared(canvas) });
        set({ hoverRegion: null });
      },
      dismissRegions() {
        const { canvas } = get();
        if (canvas.regions.length === 0) return;
        edit({ regions: [], picked: [], ...pickedSelectionCleared(canvas) });
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
      selectObject(id) {
        const object = get().canvas.objects.find((o) => o.id === id);
        if (!object) return;
        edit(selectionChange({ kind: 'Object', mask: object.mask, score: 1, area: object.area }));
        set({ hoverMask: null });
      },
      async exportObjectCutout(id) {
        const object = get().canvas.objects.find((o) => o.id === id);
        // The canvas's own cut-out export (crop and feather options included), with this object's mask.
        return object ? get().exportCanvas('cutout', { mask: object.mask, name: objectFileName(object.name) }) : null;
      },
      removeObject(id) {
        changeObject(id, () => null);
      },
      async exportObjects(format, objectId) {
        const { canvas } = get();
        const objects = objectId === undefined ? canvas.objects : canvas.objects.filter((o) => o.id === objectId);
        if (!canvas.image || objects.length === 0) return null;
        try {
          const result = await api.exportAnnotations({
            image: { imageId: canvas.image.imageId },
            fileName: `${canvas.image.name}.png`,
            objects: objects.map((o) => ({ name: o.name, mask: o.mask })),
            format,
          });
          // The COCO file is named after the image (and the one object), so exports do not overwrite one another.
          const stem = objectId === undefined ? canvas.image.name : `${canvas.image.name}-${objectFileName(objects[0]!.name)}`;
          return format === 'coco' ? result.files.map((f) => ({ ...f, path: `${stem}-${f.path}` })) : result.files;
        } catch (error) {
          get().showError(error);
          return null;
        }
      },
    };
  };
}
