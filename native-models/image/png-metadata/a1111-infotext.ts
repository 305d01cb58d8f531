// The A1111 web UI "infotext" held in a PNG `parameters` chunk, which stable-diffusion.cpp also writes:
//
//   a red fox in snow, (highly detailed:1.2)
//   Negative prompt: blurry, lowres
//   Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, Model: v1-5, Version: v1.10.1
//
// Prompt lines come first (newlines kept), then an optional "Negative prompt:" line (and its own further
// lines), then one line of "Key: value" pairs. Values holding ',', ':' or a newline are written as JSON
// strings, as A1111's infotext_utils.quote does; the reader follows its parse_generation_parameters.

import type { GenerationParameters, PartialGenerationParameters } from '../../api/generation-parameters.ts';
import { formatOutpaint, parseHires, parseOutpaint } from './a1111-hires-outpaint.ts';
import { fromA1111Sampler, fromSdCppSampler, toA1111Sampler } from './sampler-names.ts';

/** Formats parameters as A1111 infotext. `version` goes last, as A1111's "Version" does. */
export function formatA1111Infotext(p: GenerationParameters, version?: string): string {
  const label = toA1111Sampler(p.sampler);
  const fields: [string, string | number | undefined][] = [
    ['Steps', p.steps],
    ['Sampler', label.sampler],
    ['Schedule type', p.scheduleType ?? label.scheduleType],
    ['CFG scale', p.guidance],
    ['Seed', p.seed],
    ['Size', `${p.width}x${p.height}`],
    ['Model', p.model || undefined],
    ['Denoising strength', p.strength],
    ['Hires upscale', p.hires?.upscale],
    ['Hires resize', p.hires?.resizeWidth !== undefined ? `${p.hires.resizeWidth}x${p.hires.resizeHeight}` : undefined],
    ['Hires steps', p.hires?.steps],
    ['Hires upscaler', p.hires?.upscaler],
    ['Outpaint', p.outpaint ? formatOutpaint(p.outpaint) : undefined],
    ['Refiner', p.refiner?.model],
    ['Refiner switch at', p.refiner?.switchAt],
    ['Denoise', p.denoise],
    // A1111 leaves "Clip skip" out when it is 1 (no layers skipped).
    ['Clip skip', p.clipSkip !== undefined && p.clipSkip > 1 ? p.clipSkip : undefined],
    ...Object.entries(p.extra ?? {}),
    ['Version', version],
  ];
  const line = fields
    .filter((f): f is [string, string | number] => f[1] !== undefined)
    .map(([k, v]) => `${k}: ${quote(String(v))}`)
    .join(', ');
  const negative = p.negativePrompt ? `\nNegative prompt: ${p.negativePrompt}` : '';
  return `${p.prompt}${negative}\n${line}`.trim();
}

function quote(value: string): string {
  return /[,:\n]/.test(value) ? JSON.stringify(value) : value;
}

export interface ParsedInfotext {
  dialect: 'a1111' | 'stable-diffusion.cpp';
  parameters: PartialGenerationParameters;
}

// A1111's re_param: a key, a colon, then a JSON-quoted string or anything up to the next comma.
const PARAM_PATTERN = /\s*(\w[\w \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/g;

/** Parses infotext; returns null when there is no parameter line (too few "Key: value" pairs). */
export function parseA1111Infotext(text: string): ParsedInfotext | null {
  const lines = text.trim().split('\n');
  const last = lines[lines.length - 1];
  const pairs = [...last.matchAll(PARAM_PATTERN)].map((m) => [m[1], unquote(m[2].trim())] as const);
  if (pairs.length < 3) return null; // A1111's own rule: fewer than 3 pairs means the line is prompt text
  let prompt = '';
  let negative = '';
  let inNegative = false;
  for (let line of lines.slice(0, -1)) {
    line = line.trim();
    if (line.startsWith('Negative prompt:')) {
      inNegative = true;
      line = line.slice('Negative prompt:'.length).trim();
    }
    if (inNegative) negative += (negative === '' ? '' : '\n') + line;
    else prompt += (prompt === '' ? '' : '\n') + line;
  }
  const values = new Map<string, string>(pairs);
  const dialect = values.get('Version') === 'stable-diffusion.cpp' ? 'stable-diffusion.cpp' : 'a1111';
  const p: PartialGenerationParameters = { prompt, negativePrompt: negative };
  const extra: Record<string, string> = {};
  for (const [key, value] of values) {
    switch (key) {
      case 'Steps': setNumber(p, 'steps', value, true); break;
      case 'CFG scale': setNumber(p, 'guidance', value, false); break;
      case 'Seed': setNumber(p, 'seed', value, true); break;
      case 'Denoising strength': setNumber(p, 'strength', value, false); break;
      case 'Denoise': setNumber(p, 'denoise', value, false); break;
      case 'Clip skip': setNumber(p, 'clipSkip', value, true); break;
      case 'Model': p.model = value; break;
      case 'Sampler': break; // mapped below with the schedule type
      case 'Hires upscaler':
      case 'Hires upscale':
      case 'Hires resize':
      case 'Hires steps':
      case 'Refiner':
      case 'Refiner switch at': break; // read together below
      case 'Outpaint': {
        const outpaint = parseOutpaint(value);
        if (outpaint) p.outpaint = outpaint;
        else extra[key] = value;
        break;
      }
      case 'Schedule type': if (value !== 'Automatic') p.scheduleType = value; break;
      case 'Size': {
        const m = /^(\d+)x(\d+)$/.exec(value);
        if (m) {
          p.width = Number(m[1]);
          p.height = Number(m[2]);
        } else extra[key] = value;
        break;
      }
      default: extra[key] = value;
    }
  }
  const hires = parseHires(values, extra);
  if (hires) p.hires = hires;
  else for (const key of ['Hires upscale', 'Hires resize', 'Hires steps']) if (values.has(key)) extra[key] = values.get(key)!;
  const refiner = parseRefiner(values);
  if (refiner) p.refiner = refiner;
  else for (const key of ['Refiner', 'Refiner switch at']) if (values.has(key)) extra[key] = values.get(key)!;
  const sampler = values.get('Sampler');
  if (sampler) {
    p.sampler = dialect === 'stable-diffusion.cpp' ? fromSdCppSampler(sampler) : fromA1111Sampler(sampler, p.scheduleType);
    // A Karras schedule folded into the Tessera name is not a separate fact any more.
    if (p.sampler.endsWith('_karras') && p.scheduleType === 'Karras') delete p.scheduleType;
  }
  if (Object.keys(extra).length > 0) p.extra = { ...p.extra, ...extra };
  return { dialect, parameters: p };
}

/** "Refiner" with its "Refiner switch at" (A1111 writes both, modules/processing_scripts/refiner.py). */
function parseRefiner(values: Map<string, string>): GenerationParameters['refiner'] {
  const model = values.get('Refiner');
  const switchAt = Number(values.get('Refiner switch at'));
  if (!model || !(switchAt > 0 && switchAt < 1)) return undefined;
  return { model, switchAt };
}

function unquote(value: string): string {
  if (value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value; // A1111 keeps the raw text when the quotes do not parse
  }
}

type NumericKey = 'steps' | 'guidance' | 'seed' | 'strength' | 'denoise' | 'clipSkip';

function setNumber(p: PartialGenerationParameters, key: NumericKey, value: string, integer: boolean): void {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || (integer && !Number.isInteger(n))) {
    p.extra = { ...p.extra, [key]: value }; // keep what could not be read rather than dropping it
    return;
  }
  p[key] = n;
}
