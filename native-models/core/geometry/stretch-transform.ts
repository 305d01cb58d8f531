// SAM 2's SAM2Transforms: the image is stretched to a square (no aspect kept, no padding), so prompts are
// scaled per axis. Same paired methods as ResizeLongestSideTransform (style rule 8), so a family picks either.
import { boxesByCorners, type PointXY, type Size } from './resize-longest-side.ts';

/** What a segmenter needs from an image transform: prompts in image pixels → the encoder's frame. */
export interface PromptTransform {
  applyCoords(pointsXY: readonly PointXY[], original: Size): PointXY[];
  applyBoxes(boxes: readonly (readonly [number, number, number, number])[], original: Size): [number, number, number, number][];
}

export class StretchTransform implements PromptTransform {
  constructor(readonly target = 1024) {}

  applyImageSize(): Size {
    return { width: this.target, height: this.target };
  }

  /** x·target/W, y·target/H (sam2/utils/transforms.py transform_coords with normalize=True, then ×resolution). */
  applyCoords(pointsXY: readonly PointXY[], original: Size): PointXY[] {
    const sx = this.target / original.width;
    const sy = this.target / original.height;
    return pointsXY.map((p) => ({ x: p.x * sx, y: p.y * sy }));
  }

  applyBoxes(boxes: readonly (readonly [number, number, number, number])[], original: Size): [number, number, number, number][] {
    return boxesByCorners(this, boxes, original);
  }
}
