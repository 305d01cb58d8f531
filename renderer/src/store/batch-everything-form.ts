// The Batch form's segment-everything fields, for the cut-out modes that run SAM's automatic mask generator
// (`everything`: every mask into x.regions.json; `everything-largest`): the API's option names (EverythingOptionsSchema,
// as `batch cutout --points-per-side …`), blank meaning EVERYTHING_DEFAULTS, their checks and the `everything` option.
import { EVERYTHING_DEFAULTS, EVERYTHING_LIMITS, type EverythingOptionValues } from '../../../native-models/api/index.ts';

export type EverythingOption = keyof EverythingOptionValues;

/** The form field of each option. */
export const EVERYTHING_FIELDS = {
  pointsPerSide: 'everythingPointsPerSide',
  predIouThreshold: 'everythingPredIouThreshold',
  stabilityThreshold: 'everythingStabilityThreshold',
  nmsThreshold: 'everythingNmsThreshold',
  minArea: 'everythingMinArea',
} as const satisfies Record<EverythingOption, string>;

export type EverythingForm = { [K in EverythingOption as (typeof EVERYTHING_FIELDS)[K]]: string };
export type EverythingField = keyof EverythingForm;

export const DEFAULT_EVERYTHING_FORM: EverythingForm = { everythingPointsPerSide: '', everythingPredIouThreshold: '', everythingStabilityThreshold: '', everythingNmsThreshold: '', everythingMinArea: '' };

export const EVERYTHING_LABELS: Record<EverythingOption, { label: string; hint: string }> = {
  pointsPerSide: { label: 'Grid points per side', hint: 'SAM is prompted at this grid: fewer is faster, more finds smaller objects' },
  predIouThreshold: { label: 'Min predicted IoU', hint: 'masks SAM itself rates below this are dropped' },
  stabilityThreshold: { label: 'Min stability', hint: 'masks that change when the threshold moves are dropped' },
  nmsThreshold: { label: 'Overlap to drop (IoU)', hint: 'of two masks overlapping more than this, the lower-scored goes' },
  minArea: { label: 'Min area (px)', hint: 'smaller masks are dropped' },
};

/** What a blank field means: the engine's default. */
export const EVERYTHING_PLACEHOLDERS = Object.fromEntries(Object.entries(EVERYTHING_DEFAULTS).map(([k, v]) => [k, String(v)])) as Record<EverythingOption, string>;

export const EVERYTHING_OPTIONS = Object.keys(EVERYTHING_FIELDS) as EverythingOption[];

function optionError(option: EverythingOption, raw: string): string | undefined {
  if (raw.trim() === '') return undefined;
  const value = Number(raw);
  if (option === 'pointsPerSide') {
    const { min, max } = EVERYTHING_LIMITS.pointsPerSide;
    return Number.isInteger(value) && value >= min && value <= max ? undefined : `got ${raw}, expected a whole number from ${min} to ${max}`;
  }
  if (option === 'minArea') return Number.isInteger(value) && value >= 1 ? undefined : `got ${raw}, expected a whole number of pixels, 1 or more`;
  return Number.isFinite(value) && value >= 0 && value <= 1 ? undefined : `got ${raw}, expected a number from 0 to 1`;
}

export function validateEverythingForm(form: EverythingForm): Partial<Record<EverythingField, string>> {
  const errors: Partial<Record<EverythingField, string>> = {};
  for (const option of EVERYTHING_OPTIONS) {
    const error = optionError(option, form[EVERYTHING_FIELDS[option]]);
    if (error) errors[EVERYTHING_FIELDS[option]] = error;
  }
  return errors;
}

/** The `everything` option of the request: only the fields filled in (none: the defaults, nothing sent). */
export function everythingParams(form: EverythingForm): { everything?: Partial<EverythingOptionValues> } {
  const given = EVERYTHING_OPTIONS.filter((o) => form[EVERYTHING_FIELDS[o]].trim() !== '').map((o) => [o, Number(form[EVERYTHING_FIELDS[o]])]);
  return given.length > 0 ? { everything: Object.fromEntries(given) as Partial<EverythingOptionValues> } : {};
}
