// InvokeAI's `invokeai_metadata` PNG chunk (InvokeAI 3 and later): one flat JSON object such as
// { "positive_prompt": "…", "negative_prompt": "…", "seed": 1, "steps": 30, "cfg_scale": 7.5,
//   "scheduler": "dpmpp_2m_k", "width": 768, "height": 512, "model": { "name": "…" } }.
// InvokeAI 3 names the model `model.model_name`, later versions `model.name`.

import type { PartialGenerationParameters } from '../../api/generation-parameters.ts';
import { fromInvokeScheduler } from './sampler-names.ts';

const EXTRA_KEYS = ['generation_mode', 'app_version', 'rand_device', 'cfg_rescale_multiplier'];

/** Parameters from the JSON text, or null when it is not an InvokeAI metadata object. */
export function parseInvokeMetadata(json: string): PartialGenerationParameters | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const m = raw as Record<string, unknown>;
  if (!('positive_prompt' in m) && !('seed' in m)) return null;
  const p: PartialGenerationParameters = {};
  if (typeof m.positive_prompt === 'string') p.prompt = m.positive_prompt;
  if (typeof m.negative_prompt === 'string') p.negativePrompt = m.negative_prompt;
  if (typeof m.seed === 'number') p.seed = m.seed;
  if (typeof m.steps === 'number') p.steps = m.steps;
  if (typeof m.cfg_scale === 'number') p.guidance = m.cfg_scale;
  if (typeof m.scheduler === 'string') p.sampler = fromInvokeScheduler(m.scheduler);
  if (typeof m.width === 'number') p.width = m.width;
  if (typeof m.height === 'number') p.height = m.height;
  if (typeof m.strength === 'number') p.strength = m.strength;
  // InvokeAI counts skipped layers from 0 (none); A1111's "Clip skip" counts from 1.
  if (typeof m.clip_skip === 'number') p.clipSkip = m.clip_skip + 1;
  if (typeof m.model === 'object' && m.model !== null) {
    const model = m.model as Record<string, unknown>;
    const name = model.name ?? model.model_name;
    if (typeof name === 'string') p.model = name;
  }
  const extra: Record<string, string> = {};
  for (const key of EXTRA_KEYS) if (m[key] !== undefined && m[key] !== null) extra[key] = String(m[key]);
  if (Object.keys(extra).length > 0) p.extra = extra;
  return p;
}
