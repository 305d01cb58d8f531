// Mask ↔ polygons in the COCO `segmentation` layout: a list of rings `[[x0, y0, x1, y1, ...], ...]`.
//
// Coordinates are in pixel-corner units: pixel (x, y) covers the square [x, x+1] × [y, y+1], so a single
// foreground pixel at (2, 3) is the ring [2,3, 3,3, 3,4, 2,4]. Outer boundaries run clockwise on screen
// (y down) and holes anticlockwise; `polygonsToMask` fills with the even-odd rule, so holes survive a
// round trip (pycocotools' own rasteriser unions rings and would fill them).

import { TesseraError } from '../../api/errors.ts';
import type { BinaryMask } from './binary-mask.ts';
import { ringSignedArea2, traceMaskBoundaries } from './contour-trace.ts';
import { simplifyRing } from './douglas-peucker.ts';

export interface MaskToPolygonsOptions {
  /** Douglas–Peucker tolerance in pixels; 0 keeps the exact pixel outline. Default 1. */
  tolerance?: number;
  /** Drop rings whose enclosed area is below this many pixels (outer and holes alike). Default 0. */
  minRingArea?: number;
}

/** Outer boundaries and holes of every region, simplified within `tolerance` pixels. */
export function maskToPolygons(mask: BinaryMask, options: MaskToPolygonsOptions = {}): number[][] {
  const tolerance = options.tolerance ?? 1;
  const minRingArea = options.minRingArea ?? 0;
  if (!(tolerance >= 0)) {
    throw new TesseraError('INVALID_ARGUMENT', `polygon tolerance: got ${tolerance}, expected a number >= 0`);
  }
  const rings: number[][] = [];
  for (const exact of traceMaskBoundaries(mask)) {
    if (Math.abs(ringSignedArea2(exact)) / 2 < minRingArea) continue;
    const ring = simplifyRing(exact, tolerance);
    if (ring.length >= 6) rings.push(ring);
  }
  return rings;
}

/** True when the ring is an outer boundary (clockwise on screen), false for a hole. */
export function isOuterRing(ring: readonly number[]): boolean {
  return ringSignedArea2(ring) > 0;
}

/** Rasterises rings with the even-odd rule, sampling each pixel at its centre (x + 0.5, y + 0.5). */
export function polygonsToMask(rings: readonly (readonly number[])[], width: number, height: number): BinaryMask {
  const data = new Uint8Array(width * height);
  const crossings: number[] = [];
  for (let y = 0; y < height; y++) {
    const yc = y + 0.5;
    crossings.length = 0;
    for (const ring of rings) {
      const n = ring.length / 2;
      for (let i = 0; i < n; i++) {
        const j = (i + 1) % n;
        const y0 = ring[2 * i + 1];
        const y1 = ring[2 * j + 1];
        // Half-open test so a vertex exactly on the scanline counts once.
        if ((y0 <= yc && yc < y1) || (y1 <= yc && yc < y0)) {
          const x0 = ring[2 * i];
          const x1 = ring[2 * j];
          crossings.push(x0 + ((yc - y0) / (y1 - y0)) * (x1 - x0));
        }
      }
    }
    crossings.sort((a, b) => a - b);
    for (let k = 0; k + 1 < crossings.length; k += 2) {
      // Pixels whose centre lies in [left, right).
      const from = Math.max(0, Math.ceil(crossings[k] - 0.5));
      const to = Math.min(width, Math.ceil(crossings[k + 1] - 0.5));
      for (let x = from; x < to; x++) data[y * width + x] = 1;
    }
  }
  return { width, height, data };
}
