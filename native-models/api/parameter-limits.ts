// The numeric limits of generation and cut-out parameters, in one place: the API schemas, the batch spec and the
// CLI's flags all read them, so `--feather 1e6` is refused where the API refuses featherPx 1000000.
export interface NumberLimit {
  min: number;
  max: number;
  integer: boolean;
  /** `min` itself is excluded (strength: (0, 1]). */
  exclusiveMin?: boolean;
  multipleOf?: number;
}

export const PARAMETER_LIMITS = {
  steps: { min: 1, max: 1000, integer: true },
  guidance: { min: 0, max: 100, integer: false },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true },
  /** Width and height: latents are 1/8 of the image size. */
  size: { min: 64, max: 4096, integer: true, multipleOf: 8 },
  /** Images of one generate call. */
  count: { min: 1, max: 64, integer: true },
  /** Images per prompt of a generate batch. */
  batchCount: { min: 1, max: 1000, integer: true },
  /** img2img: fraction of the schedule run. */
  strength: { min: 0, max: 1, integer: false, exclusiveMin: true },
  /** Feather radius of a cut-out's alpha, pixels. */
  featherPx: { min: 0, max: 256, integer: true },
  threads: { min: 0, max: 256, integer: true },
} as const satisfies Record<string, NumberLimit>;

/** "an integer from 0 to 256", "a number > 0 and ≤ 1", "a multiple of 8 from 64 to 4096". */
export function describeLimit(limit: NumberLimit): string {
  const kind = limit.multipleOf ? `a multiple of ${limit.multipleOf}` : limit.integer ? 'an integer' : 'a number';
  return limit.exclusiveMin ? `${kind} > ${limit.min} and ≤ ${limit.max}` : `${kind} from ${limit.min} to ${limit.max}`;
}

/** Whether `value` lies within `limit`. */
export function withinLimit(limit: NumberLimit, value: number): boolean {
  if (!Number.isFinite(value) || value > limit.max) return false;
  if (limit.exclusiveMin ? value <= limit.min : value < limit.min) return false;
  if (limit.integer && !Number.isInteger(value)) return false;
  return limit.multipleOf === undefined || value % limit.multipleOf === 0;
}
