// Settings shared by the generate and img2img batch jobs, and their seed rule: an explicit seed is used as
// given; without one, the seed is derived from the item's content (sha256 → 32 bits), so that a resumed
// or repeated run makes the same images and the item's content hash never depends on chance.

import { sha256Hex } from '../content-hash.ts';
import type { DiffusionModel } from '../../pipelines/diffusion/diffusion-model.ts';
import type { HiresFixSpec, OutpaintSpec } from '../../api/outpaint-hires-schemas.ts';
import { generationDefaultsFor } from '../../api/generation-defaults.ts';
import { modelNameOf } from '../batch-job-spec.ts';

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
  /** The refiner stage of each image (`model`: its folder or name; the opened model comes with the job). */
  refiner?: { model: string; switchAt: number };
}

/** The refiner as an item's request records it (part of its content hash: another refiner or switch redoes it). */
export function refinerOfRequest(settings: GenerationSettings): { refiner?: { title: string; switchAt: number } } {
  return settings.refiner ? { refiner: { title: modelNameOf(settings.refiner.model), switchAt: settings.refiner.switchAt } } : {};
}

/** A seed in [0, 2³²) from some text (a prompt line, an input's hash). */
export function derivedSeed(content: string): number {
  return Number.parseInt(sha256Hex(content).slice(0, 8), 16);
}

/** Steps, guidance and text-to-image size when the user did not choose: the engine's defaults for the model's regime (SDXL 1024²), as everywhere. */
export function defaultStepsAndGuidance(model: DiffusionModel): { steps: number; guidance: number; width: number; height: number } {
  const { steps, guidance, width, height } = generationDefaultsFor(model.report.diffusion);
  return { steps, guidance, width, height };
}
