// Where an outpainted image's original sits on the extended canvas. The canvas must be a multiple of 8 (latents are
// 1/8 of the image), so the few pixels of rounding are added to a side that is being extended anyway (the right or
// bottom first); the original is placed pixel for pixel, never resampled, at the origin this layout names.

export interface OutpaintSides {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface OutpaintLayout {
  /** Canvas size, multiples of `multiple`. */
  width: number;
  height: number;
  /** Top-left of the original on the canvas (= added.left, added.top). */
  originX: number;
  originY: number;
  /** Pixels actually added per side: the requested ones plus the rounding. */
  added: OutpaintSides;
}

/** Splits the rounding of one axis: onto the far side when it grows, else the near side, else the far side. */
function roundAxis(size: number, near: number, far: number, multiple: number): [number, number] {
  const remainder = (multiple - ((size + near + far) % multiple)) % multiple;
  if (far > 0 || near === 0) return [near, far + remainder];
  return [near + remainder, far];
}

export function outpaintLayout(sourceWidth: number, sourceHeight: number, sides: OutpaintSides, multiple = 8): OutpaintLayout {
  const [left, right] = roundAxis(sourceWidth, sides.left, sides.right, multiple);
  const [top, bottom] = roundAxis(sourceHeight, sides.top, sides.bottom, multiple);
  return {
    width: sourceWidth + left + right,
    height: sourceHeight + top + bottom,
    originX: left,
    originY: top,
    added: { left, right, top, bottom },
  };
}
