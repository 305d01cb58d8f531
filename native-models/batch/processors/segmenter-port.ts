// The narrow view of a Segment Anything predictor that cut-out batches need; the SAM pipeline's
// segmenter is adapted to it in sam-segmenter-port.ts. Coordinates are pixels of the upright input image.

import type { BinaryMask } from '../../core/mask/binary-mask.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import type { EverythingOptionValues } from '../../api/segment-everything-schemas.ts';

/** A click, in input-image pixels (x right, y down); label 1 = object, 0 = background. */
export interface ClickPrompt {
  x: number;
  y: number;
  label: 0 | 1;
}

/** [x0, y0, x1, y1] in input-image pixels, x0 < x1, y0 < y1. */
export type BoxXYXY = readonly [number, number, number, number];

export interface ScoredMask {
  /** Same size as the image given to setImage. */
  mask: BinaryMask;
  /** The model's predicted IoU (or stability) score. */
  score: number;
}

export interface SegmenterPort {
  /**
   * Optional: the CPU half of setImage (resize, normalise), done ahead so that a pipeline overlaps it with
   * the model runs of the image before; its result is handed back to setImage as `prepared`.
   */
  prepareImage?(image: RgbImage): Promise<unknown>;
  /** Encodes the image (the expensive call); following calls refer to it. */
  setImage(image: RgbImage, prepared?: unknown): Promise<void>;
  /** The best single mask for clicks and/or a box. */
  predict(prompt: { points?: ClickPrompt[]; box?: BoxXYXY }): Promise<ScoredMask>;
  /** Every mask found by a grid of clicks (segment-everything), after de-duplication, best score first; options left out take EVERYTHING_DEFAULTS. */
  segmentEverything(options?: Partial<EverythingOptionValues>): Promise<ScoredMask[]>;
}
