// The Studio's segment-everything rules: the region under the pointer by its outline (holes excluded, the smallest
// of nested regions wins), click vs shift-click picking, and kept masks becoming numbered, coloured objects.
import { describe, expect, it } from 'vitest';
import type { EverythingRegion } from '../../../../native-models/api/index.ts';
import { appendObjects, insideRings, outlinePath, pickRegion, regionAt, unionMasks, OBJECT_PALETTE } from '../../../../renderer/src/store/canvas/canvas-objects.ts';

const mask = { mimeType: 'image/png' as const, base64: 'AA==' };
const square = (x0: number, y0: number, x1: number, y1: number) => [x0, y0, x1, y0, x1, y1, x0, y1];
const region = (outline: number[][], area: number): EverythingRegion => {
  const xs = outline.flatMap((r) => r.filter((_, i) => i % 2 === 0));
  const ys = outline.flatMap((r) => r.filter((_, i) => i % 2 === 1));
  return { mask, outline, score: 0.9, stability: 0.96, area, bbox: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) } };
};

describe('regionAt', () => {
  // A frame (outer square with a hole) and a small square lying on it, and one inside the hole.
  const frame = region([square(0, 0, 100, 100), square(40, 40, 60, 60)], 100 * 100 - 20 * 20);
  const onFrame = region([square(10, 10, 20, 20)], 100);
  const inHole = region([square(45, 45, 55, 55)], 100);
  const regions = [frame, onFrame, inHole];

  it('finds the region whose outline holds the point, the smallest of nested ones', () => {
    expect(regionAt(regions, { x: 80, y: 80 })).toBe(0);
    expect(regionAt(regions, { x: 15, y: 15 })).toBe(1);
    expect(regionAt(regions, { x: 50, y: 50 })).toBe(2);
  });

  it("treats a hole's ring as outside (even-odd)", () => {
    expect(insideRings(frame.outline, { x: 42, y: 50 })).toBe(false);
    expect(regionAt([frame], { x: 42, y: 50 })).toBeNull();
    expect(regionAt(regions, { x: 150, y: 50 })).toBeNull();
  });
});

describe('pickRegion', () => {
  it('a click picks only that region; shift-click adds it, or drops it when picked', () => {
    expect(pickRegion([2, 3], 1, false)).toEqual([1]);
    expect(pickRegion([2], 1, true)).toEqual([2, 1]);
    expect(pickRegion([2, 1], 2, true)).toEqual([1]);
  });
});

describe('appendObjects', () => {
  it('numbers new objects after the highest "object N", gives fresh ids and colours in turn', () => {
    const first = appendObjects([], [{ mask, area: 5 }, { mask, area: 6 }]);
    expect(first.map((o) => [o.id, o.name, o.colour, o.visible])).toEqual([
      [1, 'object 1', 0, true],
      [2, 'object 2', 1, true],
    ]);
    const renamed = [{ ...first[0]!, name: 'cat' }, first[1]!];
    const more = appendObjects(renamed, [{ mask, area: 7 }]);
    expect(more[2]).toMatchObject({ id: 3, name: 'object 3', colour: 2, area: 7 });
    const many = appendObjects([], Array.from({ length: OBJECT_PALETTE.length + 1 }, () => ({ mask, area: 1 })));
    expect(many.at(-1)!.colour).toBe(0);
  });
});

describe('outlinePath', () => {
  it('one closed subpath per ring of at least three points', () => {
    expect(outlinePath([square(0, 0, 2, 2), [1, 1, 2, 2]])).toBe('M0 0L2 0L2 2L0 2Z');
  });
});

describe('unionMasks', () => {
  it('keeps every pixel inside any mask, leaves its inputs alone, and refuses a size mismatch', () => {
    const a = { width: 3, height: 1, data: Uint8Array.of(1, 0, 0) };
    const b = { width: 3, height: 1, data: Uint8Array.of(0, 0, 1) };
    expect([...unionMasks([a, b]).data]).toEqual([1, 0, 1]);
    expect([...a.data]).toEqual([1, 0, 0]);
    expect(() => unionMasks([a, { width: 1, height: 3, data: Uint8Array.of(1, 1, 1) }])).toThrow(/sizes must match/);
  });
});
