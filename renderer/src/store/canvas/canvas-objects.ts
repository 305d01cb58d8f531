// Segment-everything's regions and the image's named objects, as pure rules: which region is under the pointer
// (by its outline, so hovering needs no host call), what a click or shift-click picks, and how kept masks become
// objects with names and colours. The canvas document holds the results, so undo/redo covers every step.
import type { EncodedImage, EverythingRegion } from '../../../../native-models/api/index.ts';
import { assertSameMaskSize, type BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import type { ImagePoint } from './mask-brush.ts';

/** One named object on the image: its own mask (grey PNG at the image size), colour and visibility. */
export interface CanvasObject {
  /** Unique within the document; never reused, so a list key survives renames and removals. */
  id: number;
  name: string;
  mask: EncodedImage;
  /** Index into OBJECT_PALETTE. */
  colour: number;
  visible: boolean;
  area: number;
}

/** RGB of the objects' tints, in the order new objects take them: distinct hues that read on either theme. */
export const OBJECT_PALETTE: readonly (readonly [number, number, number])[] = [
  [230, 25, 75],
  [60, 180, 75],
  [255, 165, 0],
  [145, 30, 180],
  [70, 240, 240],
  [240, 50, 230],
  [210, 245, 60],
  [0, 128, 128],
];

/** Whether `point` is inside the rings [x0, y0, x1, y1, …] by the even-odd rule (so a hole's ring cuts it out). */
export function insideRings(rings: readonly (readonly number[])[], point: ImagePoint): boolean {
  let inside = false;
  for (const ring of rings) {
    const n = ring.length / 2;
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const xi = ring[2 * i]!;
      const yi = ring[2 * i + 1]!;
      const xj = ring[2 * j]!;
      const yj = ring[2 * j + 1]!;
      if (yi > point.y !== yj > point.y && point.x < ((xj - xi) * (point.y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * The region under the pointer: the smallest one whose outline holds it, so an object lying on a larger region
 * (a cup on a table) is reachable; null over none.
 */
export function regionAt(regions: readonly EverythingRegion[], point: ImagePoint): number | null {
  let best: number | null = null;
  regions.forEach((region, index) => {
    const { bbox } = region;
    if (point.x < bbox.x0 || point.y < bbox.y0 || point.x > bbox.x1 || point.y > bbox.y1) return;
    if (!insideRings(region.outline, point)) return;
    if (best === null || region.area < regions[best]!.area) best = index;
  });
  return best;
}

/** A click picks only `index`; a shift-click adds it to the picked ones, or drops it when it was picked. */
export function pickRegion(picked: readonly number[], index: number, additive: boolean): number[] {
  if (!additive) return [index];
  return picked.includes(index) ? picked.filter((i) => i !== index) : [...picked, index];
}

/** The pixels inside any of `masks` (all at one size): several picked regions as one selection. */
export function unionMasks(masks: readonly BinaryMask[]): BinaryMask {
  const [first] = masks;
  if (!first) throw new Error('unionMasks: got no masks, expected at least one');
  const data = first.data.slice();
  for (const mask of masks.slice(1)) {
    assertSameMaskSize(first, mask, 'picked regions');
    for (let i = 0; i < data.length; i++) data[i] ||= mask.data[i]!;
  }
  return { width: first.width, height: first.height, data };
}

/** An object's name as part of an export's file name: spaces as dashes ("object 1" → "object-1"). */
export function objectFileName(name: string): string {
  return name.trim().replace(/\s+/g, '-');
}

/** The next default name: "object N" with N one past the highest such number in use. */
function nextNumber(objects: readonly CanvasObject[]): number {
  const used = objects.map((o) => /^object (\d+)$/.exec(o.name)?.[1]).filter((n) => n !== undefined).map(Number);
  return Math.max(0, ...used, objects.length) + 1;
}

/** `masks` appended as new visible objects, named "object N" and coloured in turn after the existing ones. */
export function appendObjects(objects: readonly CanvasObject[], masks: readonly { mask: EncodedImage; area: number }[]): CanvasObject[] {
  const firstId = Math.max(0, ...objects.map((o) => o.id)) + 1;
  const firstNumber = nextNumber(objects);
  const added = masks.map((m, i) => ({ id: firstId + i, name: `object ${firstNumber + i}`, mask: m.mask, area: m.area, colour: (objects.length + i) % OBJECT_PALETTE.length, visible: true }));
  return [...objects, ...added];
}

/** An SVG path of the rings in image pixels (even-odd fill keeps the holes open). */
export function outlinePath(rings: readonly (readonly number[])[]): string {
  return rings
    .filter((ring) => ring.length >= 6)
    .map((ring) => {
      let d = `M${ring[0]} ${ring[1]}`;
      for (let i = 2; i < ring.length; i += 2) d += `L${ring[i]} ${ring[i + 1]}`;
      return d + 'Z';
    })
    .join('');
}
