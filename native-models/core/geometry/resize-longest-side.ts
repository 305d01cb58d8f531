// SAM's ResizeLongestSide: one transform object for the image and the prompts drawn on it (style rule 8).

export interface Size {
  width: number;
  height: number;
}

export interface PointXY {
  x: number;
  y: number;
}

/** New size with the longest side = target: new = int(old · target / max(w, h) + 0.5), as SAM rounds. */
export function resizeLongestSide(width: number, height: number, target = 1024): Size {
  const scale = target / Math.max(width, height);
  return { width: Math.floor(width * scale + 0.5), height: Math.floor(height * scale + 0.5) };
}

/** Boxes [x0, y0, x1, y1] mapped corner by corner with a transform's applyCoords (every transform here is per-axis). */
export function boxesByCorners(
  transform: { applyCoords(pointsXY: readonly PointXY[], original: Size): PointXY[] },
  boxes: readonly (readonly [number, number, number, number])[],
  original: Size,
): [number, number, number, number][] {
  return boxes.map(([x0, y0, x1, y1]) => {
    const [a, b] = transform.applyCoords([{ x: x0, y: y0 }, { x: x1, y: y1 }], original);
    return [a!.x, a!.y, b!.x, b!.y];
  });
}

/** Maps image pixels to the encoder's 1024 frame: x·(new_w/w), y·(new_h/h) with the rounded new size. */
export class ResizeLongestSideTransform {
  constructor(readonly target = 1024) {}

  /** The size the image is resized to before padding. */
  applyImageSize(original: Size): Size {
    return resizeLongestSide(original.width, original.height, this.target);
  }

  applyCoords(pointsXY: readonly PointXY[], original: Size): PointXY[] {
    const resized = this.applyImageSize(original);
    const sx = resized.width / original.width;
    const sy = resized.height / original.height;
    return pointsXY.map((p) => ({ x: p.x * sx, y: p.y * sy }));
  }

  /** Boxes as [x0, y0, x1, y1] in image pixels → the same in the 1024 frame. */
  applyBoxes(boxes: readonly (readonly [number, number, number, number])[], original: Size): [number, number, number, number][] {
    return boxesByCorners(this, boxes, original);
  }
}
