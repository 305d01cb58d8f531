// Sharpens a background-removal result with Segment Anything: SAM is prompted with the subject's box and its
// alpha as the low-res mask prompt, and SAM's (crisper) mask replaces the subject mask only when the two agree.
import { maskFromGray, maskBoundingBox } from '../../core/mask/binary-mask.ts';
import { maskIou } from '../../core/mask/mask-scores.ts';
import { resizeLongestSide, type Size } from '../../core/geometry/resize-longest-side.ts';
import { resizeGray } from '../../image/resize-image.ts';
import type { GrayImage } from '../../image/rgb-image.ts';
import type { SamSegmenter } from '../segment/sam-segmenter.ts';
import type { SubjectMask } from './subject-segmenter.ts';

/** SAM's low-res mask prompt side (256 = the 1024 encoder frame / 4). */
const LOW_RES = 256;
/** Logit magnitude given to sure subject / background in the mask prompt (SAM's own low-res logits are of this order). */
const PROMPT_LOGIT = 10;
/** Default IoU between SAM's mask and the subject mask above which SAM's mask is kept. */
export const DEFAULT_MIN_AGREEMENT = 0.8;

export interface RefinedSubject extends SubjectMask {
  /** Whether SAM's mask was kept. */
  refined: boolean;
  /** IoU of SAM's mask with the subject mask (0 when the subject was empty and SAM was not asked). */
  agreement: number;
}

/**
 * An image-size alpha (uint8, ≥ 128 inside) as SAM's `mask_input`: [256, 256] logits in the encoder frame —
 * `frame` is where the image lies in the 256² grid (SAM 1: long side 256, top-left, the rest background; SAM 2:
 * stretched over all of it, SamFamily.maskFrame) — +PROMPT_LOGIT for 255 down to −PROMPT_LOGIT for 0.
 */
export async function alphaMaskPrompt(alpha: GrayImage, frame: Size = resizeLongestSide(alpha.width, alpha.height, LOW_RES)): Promise<Float32Array> {
  const size = frame;
  const small = await resizeGray(alpha, Math.max(1, size.width), Math.max(1, size.height), 'linear');
  const logits = new Float32Array(LOW_RES * LOW_RES).fill(-PROMPT_LOGIT);
  for (let y = 0; y < small.height; y++) {
    for (let x = 0; x < small.width; x++) logits[y * LOW_RES + x] = (small.data[y * small.width + x]! / 255 - 0.5) * 2 * PROMPT_LOGIT;
  }
  return logits;
}

/** The subject alpha as SAM's mask prompt in `sam`'s family frame (see alphaMaskPrompt). */
export function subjectMaskPrompt(subject: SubjectMask, sam?: SamSegmenter): Promise<Float32Array> {
  const { width, height } = subject.alpha;
  return alphaMaskPrompt(subject.alpha, sam?.family.maskFrame({ width, height }));
}

/** `sam` must have the same image set (setImage) as the one `subject` was cut from. */
export async function refineWithSam(sam: SamSegmenter, subject: SubjectMask, minAgreement = DEFAULT_MIN_AGREEMENT): Promise<RefinedSubject> {
  const bounds = maskBoundingBox(subject.mask);
  if (bounds === null) return { ...subject, refined: false, agreement: 0 };
  const box = { x0: bounds.x, y0: bounds.y, x1: bounds.x + bounds.width, y1: bounds.y + bounds.height };
  const { best } = await sam.predict({ box, previousMask: await subjectMaskPrompt(subject, sam) });
  const agreement = maskIou(best.mask, subject.mask);
  if (agreement < minAgreement) return { ...subject, refined: false, agreement };
  const alphaData = new Uint8Array(best.mask.data.length);
  for (let i = 0; i < alphaData.length; i++) alphaData[i] = best.mask.data[i] ? 255 : 0;
  const alpha = { width: best.mask.width, height: best.mask.height, data: alphaData };
  return { ...subject, alpha, mask: maskFromGray(alpha.width, alpha.height, alphaData, 128), refined: true, agreement };
}
