// Segment-tool rules as pure functions: the request for the current clicks (multimask for a lone point, as
// the SAM demo does), and the candidates labelled Whole / Part / Sub-part by their area.
import type { EncodedImage, InstalledModelInfo, SegmentParams, SegmentResult } from '../../../../native-models/api/index.ts';

/** A click in image pixels; label 1 = the object, 0 = not this (the contract's point). */
export type SegmentPoint = NonNullable<SegmentParams['points']>[number];
export type SegmentBox = NonNullable<SegmentParams['box']>;

/** 'Picked': segment-everything regions picked by click / shift-click; 'Object': a named object's mask. */
export type CandidateKind = 'Whole' | 'Part' | 'Sub-part' | 'Mask' | 'Subject' | 'Picked' | 'Object';

export interface SegmentCandidate {
  kind: CandidateKind;
  mask: SegmentResult['masks'][number]['mask'];
  score: number;
  area: number;
}

/** A drag shorter than this (CSS px) is a click, not a box. */
export const BOX_DRAG_MIN_PX = 6;

export function segmentRequest(modelId: string, imageId: string, points: readonly SegmentPoint[], box: SegmentBox | null, maskPrompt: EncodedImage | null = null): SegmentParams {
  // One point is ambiguous (whole object, part, sub-part): ask for all three. More prompts pin it down, and
  // SAM's single-mask output is then the better answer (segment-anything predictor.py docstring); so does a
  // selection being refined (the subject mask as the mask prompt).
  const multimask = points.length === 1 && box === null && maskPrompt === null;
  return { modelId, image: { imageId }, points: points.map((p) => ({ ...p })), ...(box ? { box: { ...box } } : {}), multimask, ...(maskPrompt ? { maskPrompt } : {}) };
}

/**
 * The host's masks (best score first) as chooser entries: three candidates ordered by area, largest first, so
 * the labels read whole → part → sub-part whatever order the decoder's tokens came in. `chosen` is the best score.
 */
export function labelCandidates(masks: SegmentResult['masks']): { candidates: SegmentCandidate[]; chosen: number } {
  const entries = masks.map((m) => ({ mask: m.mask, score: m.score, area: m.area }));
  if (entries.length !== 3) return { candidates: entries.map((e) => ({ ...e, kind: 'Mask' as const })), chosen: 0 };
  const byArea = [...entries].sort((a, b) => b.area - a.area);
  const kinds: CandidateKind[] = ['Whole', 'Part', 'Sub-part'];
  const candidates = byArea.map((e, i) => ({ ...e, kind: kinds[i]! }));
  const best = Math.max(...candidates.map((c) => c.score));
  return { candidates, chosen: candidates.findIndex((c) => c.score === best) };
}

/** The box spanned by two corners in either order, clamped to the image; null when it has no area. */
export function boxFromCorners(a: { x: number; y: number }, b: { x: number; y: number }, size: { width: number; height: number }): SegmentBox | null {
  const clampX = (v: number) => Math.min(size.width, Math.max(0, v));
  const clampY = (v: number) => Math.min(size.height, Math.max(0, v));
  const box = { x0: clampX(Math.min(a.x, b.x)), y0: clampY(Math.min(a.y, b.y)), x1: clampX(Math.max(a.x, b.x)), y1: clampY(Math.max(a.y, b.y)) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/** The segmentation model clicks go to: the picked one while it is usable, else the first usable SAM model. */
export function segmentModelOf(state: { models: readonly InstalledModelInfo[]; segmentModelId: string | null }): string | null {
  const usable = state.models.filter((m) => m.report.kind === 'sam' && m.report.usable);
  return (usable.find((m) => m.id === state.segmentModelId) ?? usable[0])?.id ?? null;
}

/** The model "Select subject" uses: the first usable background-removal model. */
export function subjectModelOf(models: readonly InstalledModelInfo[]): string | null {
  return models.find((m) => m.report.kind === 'background-removal' && m.report.usable)?.id ?? null;
}
