// Brush strokes on the mask: a disc stamp covers the pixels whose centres are within the radius, a drag leaves
// a solid band (no gaps between stamps), the eraser clears.
import { describe, expect, it } from 'vitest';
import { maskArea } from '../../../../native-models/core/mask/binary-mask.ts';
import { paintStroke, stampDisc } from '../../../../renderer/src/store/canvas/mask-brush.ts';

const blank = (w: number, h: number) => ({ width: w, height: h, data: new Uint8Array(w * h) });

describe('mask brush', () => {
  it('stamps a disc: radius 2 at a pixel corner covers the 12 pixel centres within 2 px', () => {
    // Centres at (±0.5, ±0.5), (±1.5, ±0.5), (±0.5, ±1.5) have distance² 0.5 or 2.5 ≤ 4: 4 + 8 = 12;
    // (±1.5, ±1.5) has 4.5 > 4 and stays out.
    const mask = blank(10, 10);
    stampDisc(mask, 5, 5, 2, 1);
    expect(maskArea(mask)).toBe(12);
    expect(mask.data[5 * 10 + 5]).toBe(1);
    expect(mask.data[3 * 10 + 3]).toBe(0);
  });

  it('paints a solid band along a fast drag and erases it again', () => {
    const mask = blank(40, 10);
    paintStroke(mask, { x: 2, y: 5 }, { x: 38, y: 5 }, 4, 1);
    // Every column from 2 to 37 has its row-4 and row-5 pixels (centres 0.5 px from the line) painted.
    for (let x = 2; x < 38; x++) expect([mask.data[4 * 40 + x], mask.data[5 * 40 + x]], `column ${x}`).toEqual([1, 1]);
    expect(mask.data[0]).toBe(0);
    paintStroke(mask, { x: 0, y: 5 }, { x: 40, y: 5 }, 8, 0);
    expect(maskArea(mask)).toBe(0);
  });

  it('a 1 px brush still paints the pixel it is on', () => {
    const mask = blank(5, 5);
    paintStroke(mask, { x: 2.5, y: 2.5 }, { x: 2.5, y: 2.5 }, 1, 1);
    expect(maskArea(mask)).toBe(1);
  });
});
