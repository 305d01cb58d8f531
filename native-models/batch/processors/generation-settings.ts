// Settings shared by the generate and img2img batch jobs, and their seed rule: an explicit seed is used as
// given; without one, the seed is derived from the item's content (sha256 → 32 bits), so that a resumed
// or repeated run makes the same images and the item's content hash never depends on chance.

import { sha256Hex } from '../content-hash.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import type { HiresFixSpec, OutpaintSpec } from '../../api/outpaint-hires-schemas.ts';
import { generationDefaultsFor } from '../../api/generation-defaults.ts';

export interface GenerationSettings {
  /** The model folder's name, recorded in PNG metadata. */
  modelName: string;
  negativePrompt?: string;
  steps: number;
  guidance: number;
  /** Scheduler short name; default: the model's own. */
  scheduler?: string;
  /** Base seed; image k (1-based) of an item uses seed + k − 1. Default: derived from the content. */
  seed?: number;
  width?: number;
  height?: number;
  /** The tiny decoder instead of the VAE (fast-decode.ts). */
  fastDecode?: boolean;
  /** Hires fix of each image (generate batches). */
  hires?: HiresFixSpec;
  /** Outpainting of each image (img2img batches). */
  outpaint?: OutpaintSpec;
}

/** A seed in [0, 2³²) from some text (a prompt line, an input's hash). */
export function derivedSeed(content: string): number {
  return Number.parseInt(sha256Hex(content).slice(0, 8), 16);
}

/** Steps and guidance when the user did not choose: the engine's defaults for the model's regime, as everywhere. */
export function defaultStepsAndGuidance(model: DiffusionModel): { steps: number; guidance: number } {
  const { steps, guidance } = generationDefaultsFor(model.report.diffusion);
  return { steps, guidance };
}
