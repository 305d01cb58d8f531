// The refiner as the second stage of ONE denoise schedule, as diffusers hands over between
// StableDiffusionXLPipeline(denoising_end) and StableDiffusionXLImg2ImgPipeline(denoising_start): the base runs the
// timesteps at or above the cut-off, the refiner continues from the base's latents over the rest, with the same
// scheduler (its step state carries over, so a multistep solver keeps its history across the hand-over).
import { TesseraError } from '../../api/errors.ts';
import type { DiffusionModel } from './diffusion-model.ts';

export interface RefinerStage {
  model: DiffusionModel;
  /** Fraction of the schedule the base runs, strictly inside (0, 1) (api/refiner-defaults.ts). */
  switchAt: number;
}

const DEFAULT_TRAIN_TIMESTEPS = 1000;

/**
 * diffusers' split: cut-off = round(T − switchAt·T) in training timesteps; the base keeps the timesteps ≥ it, the
 * refiner the remaining tail. Either part may be empty at the ends of a short schedule.
 */
export function splitSchedule(timesteps: readonly number[], switchAt: number, numTrainTimesteps = DEFAULT_TRAIN_TIMESTEPS): { base: number[]; refiner: number[] } {
  const cutoff = Math.round(numTrainTimesteps - switchAt * numTrainTimesteps);
  const baseCount = timesteps.filter((t) => t >= cutoff).length;
  return { base: timesteps.slice(0, baseCount), refiner: timesteps.slice(baseCount) };
}

/** The base model's training timesteps (scheduler_config.json), which the cut-off is measured in. */
export function trainTimestepsOf(model: DiffusionModel): number {
  const n = model.schedulerConfig.num_train_timesteps;
  return typeof n === 'number' && n > 0 ? n : DEFAULT_TRAIN_TIMESTEPS;
}

/** Up-front checks: a refiner continues text-to-image or img2img latents in the base's own latent space. */
export function checkRefinerStage(base: DiffusionModel, stage: RefinerStage, mode: string): void {
  const fail = (message: string): never => {
    throw new TesseraError('INVALID_ARGUMENT', `refiner: ${message}`);
  };
  if (!(stage.switchAt > 0 && stage.switchAt < 1)) fail(`switchAt got ${stage.switchAt}, expected a number strictly between 0 and 1`);
  if (mode === 'inpaint') fail('got an inpainting request, expected text-to-image or image-to-image');
  if (stage.model.isInpaintingModel) fail(`${stage.model.dir} is an inpainting model (9-channel UNet), expected a 4-channel refiner`);
  const baseFamily = base.report.diffusion?.family;
  const refinerFamily = stage.model.report.diffusion?.family;
  if (baseFamily !== refinerFamily) fail(`${stage.model.dir} is a ${refinerFamily ?? 'unknown'} model, expected the base's family (${baseFamily ?? 'unknown'}): the latents are handed over as they are`);
}
