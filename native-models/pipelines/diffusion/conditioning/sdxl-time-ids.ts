// SDXL's micro-conditioning ids (diffusers StableDiffusionXLPipeline._get_add_time_ids), in pixels:
// base/Turbo/inpainting: original size + crop top-left + target size (6); refiner: original size + crop + aesthetic score (5).

/** diffusers' defaults: original = target = the requested size, crop (0, 0); refiner scores 6.0 and 2.5 (negative). */
export const SDXL_AESTHETIC_SCORE = 6;
export const SDXL_NEGATIVE_AESTHETIC_SCORE = 2.5;

export interface TimeIdsInput {
  width: number;
  height: number;
  /** 6 for base/Turbo/inpainting UNets, 5 for the refiner's. */
  length: 5 | 6;
  /** Refiner only: the score for this prompt (positive or negative). */
  aestheticScore?: number;
}

/** [orig_h, orig_w, crop_top, crop_left, target_h, target_w] (or [..., aesthetic_score]) as float32 [1, 5|6]. */
export function sdxlTimeIds({ width, height, length, aestheticScore }: TimeIdsInput): Float32Array {
  const original = [height, width];
  const cropTopLeft = [0, 0];
  const tail = length === 5 ? [aestheticScore ?? SDXL_AESTHETIC_SCORE] : [height, width];
  return Float32Array.from([...original, ...cropTopLeft, ...tail]);
}
