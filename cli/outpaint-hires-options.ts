// The `--outpaint` and `--hires-*` flags of `tessera generate` (and batch generate's hires flags): parsed here once,
// checked by the API's own schemas so the CLI refuses exactly what the API refuses, defaults from HIRES_DEFAULTS.
import type { z } from 'zod';
import { HIRES_DEFAULTS, HiresFixSchema, OUTPAINT_DEFAULTS, OutpaintSchema, type HiresFixSpec, type OutpaintSpec } from '../native-models/index.ts';
import { CliUsageError } from './usage-error.ts';
import { parseNumberOption } from './parse-number-option.ts';

export const OUTPAINT_OPTIONS = {
  outpaint: { type: 'string' },
  'outpaint-overlap': { type: 'string' },
} as const;

export const HIRES_OPTIONS = {
  hires: { type: 'boolean' },
  'hires-scale': { type: 'string' },
  'hires-width': { type: 'string' },
  'hires-height': { type: 'string' },
  'hires-steps': { type: 'string' },
  'hires-strength': { type: 'string' },
  'hires-upscaler': { type: 'string' },
} as const;

export const OUTPAINT_USAGE = `[--outpaint left=L,right=R,top=T,bottom=B [--outpaint-overlap PX (default ${OUTPAINT_DEFAULTS.overlap})]]`;
export const HIRES_USAGE =
  `[--hires] [--hires-scale X (default ${HIRES_DEFAULTS.scale}) | --hires-width W --hires-height H] [--hires-steps N (0 = the base steps)] ` +
  `[--hires-strength S (default ${HIRES_DEFAULTS.strength})] [--hires-upscaler latent|latent-nearest-exact|lanczos|MODEL (default ${HIRES_DEFAULTS.upscaler})]`;

/** A flag's value parsed by the API's own schema; its first issue becomes the usage error. */
export function checked<S extends z.ZodType>(flag: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new CliUsageError(`${flag}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}

/** "left=64,bottom=32" → the sides (others 0); undefined without --outpaint. */
export function parseOutpaintOptions(v: { outpaint?: string; 'outpaint-overlap'?: string }): OutpaintSpec | undefined {
  if (v.outpaint === undefined) {
    if (v['outpaint-overlap'] !== undefined) throw new CliUsageError('--outpaint-overlap needs --outpaint');
    return undefined;
  }
  const sides: Record<string, number> = {};
  for (const part of v.outpaint.split(',')) {
    const m = /^\s*(left|right|top|bottom)\s*=\s*(\d+)\s*$/.exec(part);
    if (!m) throw new CliUsageError(`--outpaint: got "${part}", expected SIDE=PIXELS with SIDE one of left, right, top, bottom (e.g. left=64,right=64)`);
    if (m[1]! in sides) throw new CliUsageError(`--outpaint: got ${m[1]} twice, expected each side once`);
    sides[m[1]!] = Number(m[2]);
  }
  const overlap = parseNumberOption('outpaint-overlap', v['outpaint-overlap'], OUTPAINT_DEFAULTS.overlap, undefined);
  return checked('--outpaint', OutpaintSchema, { ...sides, overlap });
}

type HiresFlags = { [K in keyof typeof HIRES_OPTIONS]?: (typeof HIRES_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** The hires fix when --hires or any --hires-* flag is given; undefined otherwise. */
export function parseHiresOptions(v: HiresFlags): HiresFixSpec | undefined {
  const given = Object.keys(HIRES_OPTIONS).some((k) => v[k as keyof HiresFlags] !== undefined && v[k as keyof HiresFlags] !== false);
  if (!given) return undefined;
  const number = (flag: 'hires-scale' | 'hires-width' | 'hires-height' | 'hires-steps' | 'hires-strength') =>
    v[flag] === undefined ? undefined : parseNumberOption(flag, v[flag], 0, undefined);
  return checked('--hires', HiresFixSchema, {
    upscaler: v['hires-upscaler'],
    scale: number('hires-scale'),
    width: number('hires-width'),
    height: number('hires-height'),
    steps: number('hires-steps'),
    strength: number('hires-strength'),
  });
}
