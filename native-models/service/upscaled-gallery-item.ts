// An upscaled image as a gallery item. Its parameters are the source's own when the source carries them (so "Use
// these parameters" still reproduces what was upscaled), with A1111's Extras keys for the upscale added; a source
// with none (an opened photo) gets a record that says only that: no prompt, no steps run, the upscaler as model.
import { readGenerationParameters } from '../image/png-metadata/generation-metadata.ts';
import { GenerationParametersSchema, type GenerationParameters } from '../api/generation-parameters.ts';

/** A1111's keys for an upscale made in its Extras tab ("Postprocess upscale by: 4, Postprocess upscaler: …"). */
export const UPSCALE_EXTRA_KEYS = { scale: 'Postprocess upscale by', upscaler: 'Postprocess upscaler' } as const;

export interface UpscaleFacts {
  /** The upscaler model's name (its folder). */
  upscaler: string;
  scale: number;
  width: number;
  height: number;
}

function sourceParameters(sourcePng: Uint8Array): GenerationParameters | undefined {
  const found = readGenerationParameters(sourcePng);
  if (!found) return undefined;
  // A foreign tool's record is used when it is complete enough to stand as ours.
  const complete = GenerationParametersSchema.safeParse(found.parameters);
  return complete.success ? complete.data : undefined;
}

export function upscaledParameters(sourcePng: Uint8Array | undefined, facts: UpscaleFacts): GenerationParameters {
  const base: GenerationParameters = (sourcePng && sourceParameters(sourcePng)) || {
    prompt: '',
    negativePrompt: '',
    // the schema's minimum: nothing was denoised
    steps: 1,
    sampler: 'none',
    guidance: 0,
    seed: 0,
    width: facts.width,
    height: facts.height,
    model: facts.upscaler,
  };
  return { ...base, extra: { ...base.extra, [UPSCALE_EXTRA_KEYS.scale]: String(facts.scale), [UPSCALE_EXTRA_KEYS.upscaler]: facts.upscaler } };
}
