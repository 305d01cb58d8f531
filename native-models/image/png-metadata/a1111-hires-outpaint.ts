// The infotext keys of hires fix (A1111's own: "Hires upscale", "Hires resize", "Hires steps", "Hires upscaler"; its
// strength is the ordinary "Denoising strength") and of outpainting (Tessera's "Outpaint", which A1111 keeps as text).
import type { GenerationParameters } from '../../api/generation-parameters.ts';

type Outpaint = NonNullable<GenerationParameters['outpaint']>;
const OUTPAINT_KEYS = ['left', 'right', 'top', 'bottom', 'overlap'] as const;

/** Tessera's own key (A1111 has none for outpainting): "left=64 right=0 top=0 bottom=0 overlap=16". */
export function formatOutpaint(o: Outpaint): string {
  return OUTPAINT_KEYS.map((k) => `${k}=${o[k]}`).join(' ');
}

export function parseOutpaint(text: string): Outpaint | undefined {
  const m = /^left=(\d+) right=(\d+) top=(\d+) bottom=(\d+) overlap=(\d+)$/.exec(text.trim());
  if (!m) return undefined;
  const [left, right, top, bottom, overlap] = m.slice(1).map(Number) as [number, number, number, number, number];
  return { left, right, top, bottom, overlap };
}

/** The "Hires …" keys as one record; undefined without "Hires upscaler" (A1111 always writes it with hires fix). */
export function parseHires(values: Map<string, string>, extra: Record<string, string>): GenerationParameters['hires'] {
  const upscaler = values.get('Hires upscaler');
  if (upscaler === undefined) return undefined;
  const hires: NonNullable<GenerationParameters['hires']> = { upscaler };
  const upscale = Number(values.get('Hires upscale'));
  if (values.has('Hires upscale') && Number.isFinite(upscale) && upscale > 0) hires.upscale = upscale;
  const resize = /^(\d+)x(\d+)$/.exec(values.get('Hires resize') ?? '');
  if (resize && Number(resize[1]) > 0 && Number(resize[2]) > 0) {
    hires.resizeWidth = Number(resize[1]);
    hires.resizeHeight = Number(resize[2]);
  }
  const rawSteps = values.get('Hires steps');
  const steps = Number(rawSteps);
  if (Number.isInteger(steps) && steps > 0) hires.steps = steps;
  // keep what could not be read rather than dropping it (Hires steps 0 = the base steps is read fine)
  const unread: [string, boolean][] = [
    ['Hires upscale', hires.upscale === undefined],
    ['Hires resize', hires.resizeWidth === undefined],
    ['Hires steps', !(Number.isInteger(steps) && steps >= 0) || rawSteps?.trim() === ''],
  ];
  for (const [key, failed] of unread) if (values.has(key) && failed) extra[key] = values.get(key)!;
  return hires;
}
