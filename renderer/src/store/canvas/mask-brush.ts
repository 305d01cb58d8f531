// Brush and eraser strokes on the inpainting mask: discs stamped along the pointer's path. Pure pixel math
// (no DOM), in image pixels; a stroke mutates the mask it is given, which the slice copies once per stroke.
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';

export interface ImagePoint {
  x: number;
  y: number;
}

/** Sets to `value` every pixel whose centre lies within `radius` of (cx, cy). */
export function stampDisc(mask: BinaryMask, cx: number, cy: number, radius: number, value: 0 | 1): void {
  const { width, height, data } = mask;
  const r2 = radius * radius;
  const y0 = Math.max(0, Math.floor(cy - radius));
  const y1 = Math.min(height - 1, Math.ceil(cy + radius));
  const x0 = Math.max(0, Math.floor(cx - radius));
  const x1 = Math.min(width - 1, Math.ceil(cx + radius));
  for (let y = y0; y <= y1; y++) {
    const dy = y + 0.5 - cy;
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - cx;
      if (dx * dx + dy * dy <= r2) data[y * width + x] = value;
    }
  }
}

/**
 * Paints the segment from → to with a round brush of the given diameter. Stamps are at most a quarter of the
 * diameter (and at most 1 px) apart, so a fast drag leaves a solid band, not beads.
 */
export function paintStroke(mask: BinaryMask, from: ImagePoint, to: ImagePoint, diameter: number, value: 0 | 1): void {
  // A 1 px brush still has to cover the pixel it is in: half a pixel's diagonal at least.
  const radius = Math.max(diameter / 2, Math.SQRT1_2);
  const length = Math.hypot(to.x - from.x, to.y - from.y);
  const spacing = Math.min(1, diameter / 4);
  const steps = Math.max(1, Math.ceil(length / spacing));
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    stampDisc(mask, from.x + (to.x - from.x) * t, from.y + (to.y - from.y) * t, radius, value);
  }
}
