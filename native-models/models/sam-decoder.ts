// The official SAM prompt decoder (prompt encoder + mask decoder + post-processing), fed exactly as the
// official notebook/demo do: points in the 1024 frame, a (0,0)/−1 padding point unless a box is given.
import { TesseraError } from '../api/errors.ts';
import { makeTensor } from '../core/tensor.ts';
import type { Size } from '../core/geometry/resize-longest-side.ts';
import type { OnnxModel } from '../runtime/index.ts';
import { featureNamed, type ImageEmbedding } from './sam-family.ts';

export const LOW_RES_MASK_SIZE = 256;

/** A prompt point already in the 1024 frame; label 1 positive, 0 negative, 2/3 box corners. */
export interface ModelPoint {
  x: number;
  y: number;
  label: 0 | 1 | 2 | 3;
}

export interface SamDecoderOutput {
  /** [M, H, W] logits at the original image size (M = 4 for the multimask export, 1 for single-mask). */
  masks: Float32Array;
  scores: number[];
  /** [M, 256, 256] logits, reusable as the next prompt's mask_input. */
  lowRes: Float32Array;
  maskCount: number;
}

/** mask_input when there is no previous mask: ONNX Runtime only reads feeds, so one zero buffer serves every click. */
const NO_MASK_INPUT = new Float32Array(LOW_RES_MASK_SIZE * LOW_RES_MASK_SIZE);

export class SamDecoder {
  constructor(readonly model: OnnxModel) {}

  async decode(embedding: ImageEmbedding, points: readonly ModelPoint[], original: Size, previousLowRes?: Float32Array): Promise<SamDecoderOutput> {
    const hasBox = points.some((p) => p.label === 2 || p.label === 3);
    // The notebook's rule: without a box, one (0, 0) point labelled −1 marks the end of the prompt.
    const all = hasBox ? [...points] : [...points, { x: 0, y: 0, label: -1 }];
    const coords = new Float32Array(all.length * 2);
    all.forEach((p, i) => coords.set([p.x, p.y], i * 2));
    const labels = Float32Array.from(all, (p) => p.label);
    if (previousLowRes && previousLowRes.length !== LOW_RES_MASK_SIZE * LOW_RES_MASK_SIZE) {
      throw new TesseraError('INVALID_ARGUMENT', `previous mask: got ${previousLowRes.length} values, expected ${LOW_RES_MASK_SIZE}×${LOW_RES_MASK_SIZE} low-res logits`);
    }
    const image = featureNamed(embedding, 'image_embeddings');
    const out = await this.model.run({
      image_embeddings: makeTensor('float32', image.data, image.dims),
      point_coords: makeTensor('float32', coords, [1, all.length, 2]),
      point_labels: makeTensor('float32', labels, [1, all.length]),
      mask_input: makeTensor('float32', previousLowRes ?? NO_MASK_INPUT, [1, 1, LOW_RES_MASK_SIZE, LOW_RES_MASK_SIZE]),
      has_mask_input: makeTensor('float32', Float32Array.of(previousLowRes ? 1 : 0), [1]),
      orig_im_size: makeTensor('float32', Float32Array.of(original.height, original.width), [2]),
    });
    const masks = out.masks;
    const scores = out.iou_predictions;
    const lowRes = out.low_res_masks;
    if (!masks || !scores || !lowRes) {
      throw new TesseraError('MODEL_INVALID', `${this.model.path}: expected outputs masks, iou_predictions, low_res_masks, got ${Object.keys(out).join(', ')}`);
    }
    const [, maskCount, h, w] = masks.dims as [number, number, number, number];
    if (h !== original.height || w !== original.width) {
      throw new TesseraError('TENSOR_MISMATCH', `${this.model.path}: masks are ${w}×${h}, expected the original ${original.width}×${original.height}`);
    }
    return { masks: masks.data as Float32Array, scores: Array.from(scores.data as Float32Array), lowRes: lowRes.data as Float32Array, maskCount };
  }
}
