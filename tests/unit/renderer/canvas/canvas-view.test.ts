// Zoom and pan math of the canvas: fit centres the image inside the stage margin, zoom keeps the point under
// the pointer fixed, stage ↔ image coordinates invert each other.
import { describe, expect, it } from 'vitest';
import { actualSizeView, clampZoom, fitView, MAX_ZOOM, MIN_ZOOM, panBy, resizeView, toImagePoint, zoomAt } from '../../../../renderer/src/store/canvas/canvas-view.ts';

describe('canvas view', () => {
  it('fits a wide image to the stage width minus a 16 px margin each side, centred', () => {
    // 1000×500 into 832×632: room 800×600 → zoom min(800/1000, 600/500) = 0.8; image 800×400 centred.
    expect(fitView({ width: 1000, height: 500 }, { width: 832, height: 632 })).toEqual({ zoom: 0.8, x: 16, y: 116 });
  });

  it('never enlarges a small image past 4× when fitting', () => {
    expect(fitView({ width: 128, height: 128 }, { width: 1200, height: 900 }).zoom).toBe(4);
  });

  it('shows 1:1 centred', () => {
    expect(actualSizeView({ width: 100, height: 50 }, { width: 300, height: 200 })).toEqual({ zoom: 1, x: 100, y: 75 });
  });

  it('zooms round the pointer: the image point under it stays under it', () => {
    const view = { zoom: 2, x: 10, y: 20 };
    const before = toImagePoint(view, 150, 90);
    const after = zoomAt(view, 1.5, 150, 90);
    expect(after.zoom).toBe(3);
    const moved = toImagePoint(after, 150, 90);
    expect(moved.x).toBeCloseTo(before.x, 10);
    expect(moved.y).toBeCloseTo(before.y, 10);
  });

  it('clamps zoom and pans by screen pixels', () => {
    expect(clampZoom(1000)).toBe(MAX_ZOOM);
    expect(clampZoom(0)).toBe(MIN_ZOOM);
    expect(panBy({ zoom: 1, x: 5, y: 5 }, -10, 3)).toEqual({ zoom: 1, x: -5, y: 8 });
    // stage (26, 45) with zoom 2 at offset (10, 20) is image pixel ((26−10)/2, (45−20)/2) = (8, 12.5)
    expect(toImagePoint({ zoom: 2, x: 10, y: 20 }, 26, 45)).toEqual({ x: 8, y: 12.5 });
  });

  it('refits a fitted view when the stage resizes, and keeps a zoomed or panned one (centre point stays)', () => {
    const image = { width: 1000, height: 500 };
    const from = { width: 832, height: 632 };
    const to = { width: 832, height: 560 };
    expect(resizeView(fitView(image, from), image, from, to)).toEqual(fitView(image, to));
    // Zoomed ×2 round the centre, then the stage loses 72 px of height: zoom kept, offset moves by half of it.
    const zoomed = zoomAt(fitView(image, from), 2, 416, 316);
    expect(resizeView(zoomed, image, from, to)).toEqual({ zoom: zoomed.zoom, x: zoomed.x, y: zoomed.y - 36 });
    const panned = panBy(fitView(image, from), 40, 0);
    expect(resizeView(panned, image, from, to)).toEqual({ ...panned, y: panned.y - 36 });
  });
});
