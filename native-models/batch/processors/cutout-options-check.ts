// The rules of a cut-out batch's options, model aside: the prompt mode, review-below only with `subject`,
// segment-everything's options only with the modes that run it, and no cut-out settings with `everything` (it writes
// no cut-out). One function, so the job (cutout-job.ts) and the app's startBatch preflight refuse the same requests
// with the same words: the Studio says it on the call, not when the queued job opens.
import { TesseraError } from '../../api/errors.ts';
import { CUTOUT_PROMPTS } from '../../api/batch-schemas.ts';
import { EVERYTHING_DEFAULTS, type EverythingOptionValues } from '../../api/segment-everything-schemas.ts';

/** The API's list (api/batch-schemas.ts) is the one list: the CLI, the Studio and Redis workers take the same names. */
export const CUTOUT_PROMPT_MODES = CUTOUT_PROMPTS;
export type CutoutPromptMode = (typeof CUTOUT_PROMPT_MODES)[number];
/** The modes that run segment-everything, and so take its options. */
export const EVERYTHING_MODES: readonly CutoutPromptMode[] = ['everything-largest', 'everything'];

export interface CutoutOptionValues {
  /** Left out: `subject` with a background-removal model, else `center`. */
  prompt?: CutoutPromptMode;
  /** `subject` mode: results whose confidence is below this are marked `review: true` in the manifest. */
  reviewBelow?: number;
  /** Crop each cut-out to its object's bounding box (widened by the feather). Default false. */
  crop?: boolean;
  /** Feather radius of the cut-out's alpha in pixels (see composeCutout). Default 0. */
  featherPx?: number;
  /** Write the mask PNG beside each cut-out. Default true. */
  writeMask?: boolean;
  /** Segment-everything's options (modes everything and everything-largest); left out = EVERYTHING_DEFAULTS. */
  everything?: Partial<EverythingOptionValues>;
}

export interface CheckedCutoutOptions {
  mode: CutoutPromptMode;
  reviewBelow: number | undefined;
  crop: boolean;
  featherPx: number;
  writeMask: boolean;
  /** Only the segment-everything options that differ from EVERYTHING_DEFAULTS (only those go into the manifest). */
  everything: Partial<EverythingOptionValues>;
}

function everythingChanges(given: Partial<EverythingOptionValues> | undefined): Partial<EverythingOptionValues> {
  return Object.fromEntries(Object.entries(given ?? {}).filter(([key, value]) => value !== undefined && value !== EVERYTHING_DEFAULTS[key as keyof EverythingOptionValues]));
}

/** `subjectModel`: the model is a background-removal one (the default mode then is `subject`). */
export function checkCutoutOptions(options: CutoutOptionValues, subjectModel: boolean): CheckedCutoutOptions {
  const mode = options.prompt ?? (subjectModel ? 'subject' : 'center');
  if (!CUTOUT_PROMPT_MODES.includes(mode)) {
    throw new TesseraError('INVALID_ARGUMENT', `prompt mode: got "${mode}", expected one of ${CUTOUT_PROMPT_MODES.join(', ')}`);
  }
  const reviewBelow = options.reviewBelow;
  if (reviewBelow !== undefined && (!(reviewBelow >= 0 && reviewBelow <= 1) || mode !== 'subject')) {
    throw new TesseraError('INVALID_ARGUMENT', `review below: got ${reviewBelow} with prompt mode ${mode}, expected a confidence in [0, 1] with prompt mode subject`);
  }
  const featherPx = options.featherPx ?? 0;
  if (!Number.isInteger(featherPx) || featherPx < 0) throw new TesseraError('INVALID_ARGUMENT', `feather: got ${featherPx}, expected an integer >= 0 (pixels)`);
  const crop = options.crop ?? false;
  const writeMask = options.writeMask ?? true;
  const everything = everythingChanges(options.everything);
  if (Object.keys(everything).length > 0 && !EVERYTHING_MODES.includes(mode)) {
    throw new TesseraError('INVALID_ARGUMENT', `segment-everything options (${Object.keys(everything).join(', ')}): got prompt mode ${mode}, expected ${EVERYTHING_MODES.join(' or ')}`);
  }
  if (mode === 'everything' && (crop || featherPx > 0 || !writeMask)) {
    throw new TesseraError('INVALID_ARGUMENT', `prompt mode everything writes no cut-out: got ${crop ? 'crop' : featherPx > 0 ? 'a feather' : 'no mask'}, expected none of crop, feather, no mask`);
  }
  return { mode, reviewBelow, crop, featherPx, writeMask, everything };
}
