// Mask ↔ polygons: exact pixel outlines worked out by hand, holes, simplification, and round trips.
import { describe, expect, it } from 'vitest';
import { isOuterRing, maskToPolygons, polygonsToMask } from '../../../../native-models/core/mask/mask-polygons.ts';
import { maskIou } from '../../../../native-models/core/mask/mask-scores.ts';
import { decodeRle, encodeCompressedRle } from '../../../../native-models/core/mask/coco-rle.ts';
import { discMask, drawMask, maskRows } from './draw-mask.ts';

describe('maskToPolygons', () => {
  it('outlines one pixel as its unit square, clockwise on screen', () => {
    const rings = maskToPolygons(drawMask(['...', '.#.', '...']), { tolerance: 0 });
    expect(rings).toEqual([[1, 1, 2, 1, 2, 2, 1, 2]]);
    expect(isOuterRing(rings[0])).toBe(true);
  });

  it('outlines an L shape by its six corners', () => {
    const rings = maskToPolygons(drawMask(['#.', '##']), { tolerance: 0 });
    expect(rings).toEqual([[0, 0, 1, 0, 1, 1, 2, 1, 2, 2, 0, 2]]);
  });

  it('gives a ring with a hole: outer clockwise, hole anticlockwise', () => {
    const mask = drawMask(['###', '#.#', '###']);
    const rings = maskToPolygons(mask, { tolerance: 0 });
    expect(rings).toHaveLength(2);
    const outer = rings.filter((r) => isOuterRing(r));
    const holes = rings.filter((r) => !isOuterRing(r));
    expect(outer).toEqual([[0, 0, 3, 0, 3, 3, 0, 3]]);
    expect(holes).toHaveLength(1);
    expect([...holes[0]].sort()).toEqual([1, 1, 1, 2, 2, 1, 2, 2].sort());
    expect(polygonsToMask(rings, 3, 3).data).toEqual(mask.data);
  });

  it('keeps pixels touching only at a corner as separate rings', () => {
    const rings = maskToPolygons(drawMask(['#.', '.#']), { tolerance: 0 });
    expect(rings).toEqual([
      [0, 0, 1, 0, 1, 1, 0, 1],
      [1, 1, 2, 1, 2, 2, 1, 2],
    ]);
  });

  it('round-trips drawn shapes exactly at tolerance 0 (mask → polygons → mask)', () => {
    const shapes = [
      drawMask(['#.#.#', '.#.#.', '#.#.#', '.....', '#####']),
      drawMask(['.####.', '##..##', '#.##.#', '##..##', '.####.']),
      discMask(40, 30, 20, 15, 12),
    ];
    for (const mask of shapes) {
      const back = polygonsToMask(maskToPolygons(mask, { tolerance: 0 }), mask.width, mask.height);
      expect(maskRows(back)).toEqual(maskRows(mask));
    }
  });

  it('round-trips RLE → mask → polygons → mask → RLE', () => {
    const mask = discMask(31, 29, 14, 15, 10);
    const rle = encodeCompressedRle(mask);
    const viaPolygons = polygonsToMask(maskToPolygons(decodeRle(rle), { tolerance: 0 }), 31, 29);
    expect(encodeCompressedRle(viaPolygons)).toEqual(rle);
  });

  it('simplifies a staircase disc to far fewer vertices while staying close', () => {
    const mask = discMask(120, 120, 60, 60, 50);
    const exact = maskToPolygons(mask, { tolerance: 0 });
    const simple = maskToPolygons(mask, { tolerance: 1 });
    expect(simple).toHaveLength(1);
    expect(simple[0].length).toBeLessThan(exact[0].length / 3);
    // Vertices move at most 1 px, so only boundary pixels can change: IoU stays near 1.
    expect(maskIou(polygonsToMask(simple, 120, 120), mask)).toBeGreaterThan(0.98);
  });

  it('drops rings below minRingArea', () => {
    const mask = drawMask(['#....', '.....', '..###', '..###']);
    expect(maskToPolygons(mask, { tolerance: 0, minRingArea: 2 })).toEqual([[2, 2, 5, 2, 5, 4, 2, 4]]);
  });
});
