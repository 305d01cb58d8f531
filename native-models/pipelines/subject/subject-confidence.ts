// How sure a background-removal result looks, so that a batch can queue the doubtful ones for review.
import { labelComponents } from '../../core/mask/connected-components.ts';
import type { GrayImage } from '../../image/rgb-image.ts';

/** Alpha at or below this is clearly background, at or above 255 − this clearly subject (10 % of the range). */
export const CLEAR_MARGIN = 25;

export interface SubjectConfidence {
  /** clearShare × mainShare, in [0, 1]. */
  confidence: number;
  /** Share of pixels whose alpha is clearly background or clearly subject (not a grey, undecided edge or haze). */
  clearShare: number;
  /** Share of the subject (alpha ≥ 128) in its largest 8-connected region: 1 for one connected main subject. */
  mainShare: number;
}

/**
 * Scores the model-size alpha (before resizing back, so it costs the same for every image size). A result with
 * no subject, or one covering every pixel, scores 0: there is nothing cut out.
 */
export function subjectConfidence(alpha: GrayImage): SubjectConfidence {
  const n = alpha.data.length;
  const fg = new Uint8Array(n);
  let clear = 0;
  let area = 0;
  for (let i = 0; i < n; i++) {
    const a = alpha.data[i]!;
    if (a <= CLEAR_MARGIN || a >= 255 - CLEAR_MARGIN) clear++;
    if (a >= 128) {
      fg[i] = 1;
      area++;
    }
  }
  const clearShare = n === 0 ? 0 : clear / n;
  if (area === 0 || area === n) return { confidence: 0, clearShare, mainShare: 0 };
  const { areas } = labelComponents({ width: alpha.width, height: alpha.height, data: fg }, 8);
  let largest = 0;
  for (const a of areas) if (a > largest) largest = a; // a loop: a speckled map has too many regions to spread
  const mainShare = largest / area;
  return { confidence: clearShare * mainShare, clearShare, mainShare };
}
