// Segment everything, as SAM's automatic mask generator does: prompt a grid of points, keep masks with a high
// predicted IoU and a stable threshold, and de-duplicate them by mask non-maximum suppression.
import type { BinaryMask, PixelBox } from '../../core/mask/binary-mask.ts';
import { maskNms } from '../../core/mask/mask-nms.ts';
import { stabilityScore } from '../../core/mask/mask-scores.ts';
import { TesseraError } from '../../api/errors.ts';
import { EVERYTHING_DEFAULTS as D } from '../../api/segment-everything-schemas.ts';
import type { SamSegmenter } from './sam-segmenter.ts';

/** Each option's meaning and default: EVERYTHING_DEFAULTS (api/segment-everything-schemas.ts). */
export interface EverythingOptions {
  pointsPerSide?: number;
  predIouThreshold?: number;
  stabilityThreshold?: number;
  nmsThreshold?: number;
  minArea?: number;
  signal?: AbortSignal;
}

export interface EverythingMask {
  mask: BinaryMask;
  score: number;
  stability: number;
  area: number;
  box: PixelBox;
  /** The grid point (image pixels) that found it. */
  point: { x: number; y: number };
}

/**
 * Runs the decoder once per grid point (the official decoder export takes one prompt set per run, so the
 * points cannot be batched into one call) with multimask output, and keeps the survivors sorted by score.
 */
export async function segmentEverything(segmenter: SamSegmenter, options: EverythingOptions = {}): Promise<EverythingMask[]> {
  const size = segmenter.imageSize;
  if (!size) throw new TesseraError('INVALID_ARGUMENT', 'segment everything: no image set (call setImage first)');
  const perSide = options.pointsPerSide ?? D.pointsPerSide;
  const candidates: EverythingMask[] = [];
  for (let j = 0; j < perSide; j++) {
    for (let i = 0; i < perSide; i++) {
      if (options.signal?.aborted) throw new TesseraError('CANCELLED', 'segment everything was cancelled');
      const point = { x: ((i + 0.5) / perSide) * size.width, y: ((j + 0.5) / perSide) * size.height };
      const { masks } = await segmenter.predict({ points: [{ ...point, label: 1 }], multimask: true });
      for (const m of masks) {
        if (m.score < (options.predIouThreshold ?? D.predIouThreshold)) continue;
        const stability = stabilityScore(m.logits, 0, 1);
        if (stability < (options.stabilityThreshold ?? D.stabilityThreshold)) continue;
        const { area, box } = m; // measured by predict in its thresholding pass
        if (!box || area < (options.minArea ?? D.minArea)) continue;
        candidates.push({ mask: m.mask, score: m.score, stability, area, box, point });
      }
    }
  }
  // maskNms returns the kept indices best score first
  const kept = maskNms(
    candidates.map((c) => c.mask),
    candidates.map((c) => c.score),
    options.nmsThreshold ?? D.nmsThreshold,
  );
  return kept.map((k) => candidates[k]!);
}
