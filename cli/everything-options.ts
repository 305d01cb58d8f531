// `--everything`'s tunables: the API's option names kebab-cased, parsed and checked by the API's own schema so the
// CLI, the engine API and the Studio share one set of names, limits and defaults (EVERYTHING_DEFAULTS).
import { EverythingOptionsSchema, type EverythingOptionValues } from '../native-models/index.ts';
import { CliUsageError } from './usage-error.ts';

const FLAGS = {
  pointsPerSide: 'points-per-side',
  predIouThreshold: 'pred-iou-threshold',
  stabilityThreshold: 'stability-threshold',
  nmsThreshold: 'nms-threshold',
  minArea: 'min-area',
} as const satisfies Record<keyof EverythingOptionValues, string>;

export const EVERYTHING_OPTIONS = Object.fromEntries(Object.values(FLAGS).map((flag) => [flag, { type: 'string' }])) as Record<(typeof FLAGS)[keyof typeof FLAGS], { type: 'string' }>;

export const EVERYTHING_USAGE = Object.values(FLAGS).map((flag) => `[--${flag} N]`).join(' ');

export function parseEverythingOptions(values: Partial<Record<(typeof FLAGS)[keyof typeof FLAGS], string | undefined>>): EverythingOptionValues {
  const raw: Record<string, number> = {};
  for (const [key, flag] of Object.entries(FLAGS)) {
    const text = values[flag];
    if (text === undefined) continue;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value)) throw new CliUsageError(`--${flag}: got "${text}", expected a number`);
    raw[key] = value;
  }
  const parsed = EverythingOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliUsageError(`--${FLAGS[issue.path[0] as keyof typeof FLAGS]}: got ${raw[issue.path[0] as string]}, expected ${issue.message}`);
  }
  return parsed.data;
}
