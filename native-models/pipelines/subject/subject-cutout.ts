// One image's click-free cut-out, as `tessera cutout` and rembg's `remove()` make it: the subject (optionally
// refined by SAM, optionally alpha-matted) → the mask alone, or the RGBA cut-out (cropped, feathered, over a colour).
import { composeCutout } from '../../image/cutout.ts';
import { flattenOnColor, type RgbaColor } from '../../image/background-color.ts';
import { encodeGrayPng, encodePng } from '../../image/encode-png.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import type { PixelBox } from '../../core/mask/binary-mask.ts';
import { maskFromGray } from '../../core/mask/binary-mask.ts';
import type { SamSegmenter } from '../segment/sam-segmenter.ts';
import { alphaMatting } from './alpha-matting.ts';
import { refineWithSam } from './sam-refine.ts';
import type { SubjectMask, SubjectSegmenter } from './subject-segmenter.ts';

export interface SubjectCutoutOptions {
  /** Write the grey mask (the soft alpha) instead of the cut-out (rembg's only_mask; bgcolor is then ignored). */
  maskOnly?: boolean;
  /** Lay the cut-out over this colour (rembg's bgcolor). */
  bgcolor?: RgbaColor;
  /** Crop to the subject's box (widened by the feather). */
  crop?: boolean;
  featherPx?: number;
  /** Guided-filter alpha matting on a trimap (off by default, as rembg's alpha_matting). */
  alphaMatting?: boolean;
  /** Refine with this SAM model (box + low-res mask prompt; kept where it agrees). */
  refine?: SamSegmenter;
}

export interface SubjectCutout {
  png: Uint8Array;
  subject: SubjectMask;
  /** Where the output sits in the image. */
  box: PixelBox;
  /** With `refine`: whether SAM's mask was kept, and its IoU with the subject mask. */
  refined?: { kept: boolean; agreement: number };
}

/** The subject mask after the optional SAM refinement and alpha matting. */
export async function subjectWithEdges(segmenter: SubjectSegmenter, image: RgbImage, options: Pick<SubjectCutoutOptions, 'alphaMatting' | 'refine'>): Promise<{ subject: SubjectMask; refined?: SubjectCutout['refined'] }> {
  let subject = await segmenter.cutOut(image);
  let refined: SubjectCutout['refined'];
  if (options.refine) {
    await options.refine.setImage(image);
    const r = await refineWithSam(options.refine, subject);
    subject = r;
    refined = { kept: r.refined, agreement: r.agreement };
  }
  if (options.alphaMatting) {
    const alpha = alphaMatting(image, subject.alpha);
    subject = { ...subject, alpha, mask: maskFromGray(alpha.width, alpha.height, alpha.data, 128) };
  }
  return { subject, refined };
}

export async function renderSubjectCutout(image: RgbImage, subject: SubjectMask, options: SubjectCutoutOptions = {}): Promise<Omit<SubjectCutout, 'subject' | 'refined'>> {
  const cutout = composeCutout(image, subject.mask, { alpha: subject.alpha.data, crop: options.crop, featherPx: options.featherPx });
  if (options.maskOnly) {
    const { box } = cutout;
    const alpha = new Uint8Array(box.width * box.height);
    for (let y = 0; y < box.height; y++) for (let x = 0; x < box.width; x++) alpha[y * box.width + x] = cutout.image.data[(y * box.width + x) * 4 + 3]!;
    return { png: await encodeGrayPng({ width: box.width, height: box.height, data: alpha }), box };
  }
  const pixels = options.bgcolor ? flattenOnColor(cutout.image, options.bgcolor) : cutout.image;
  return { png: await encodePng(pixels), box: cutout.box };
}

export async function cutOutSubject(segmenter: SubjectSegmenter, image: RgbImage, options: SubjectCutoutOptions = {}): Promise<SubjectCutout> {
  const { subject, refined } = await subjectWithEdges(segmenter, image, options);
  return { ...(await renderSubjectCutout(image, subject, options)), subject, refined };
}
