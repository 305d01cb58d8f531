// What a model folder can do, task by task, with the reason when it cannot: the model list carries it so every
// host disables (and explains) what a model cannot do instead of letting the run fail.
import type { ModelCapability, ModelTask } from '../api/index.ts';
import type { ModelFolderReport } from './model-folder-report.ts';

function capability(task: ModelTask, reason: string | undefined): ModelCapability {
  return reason === undefined ? { task, available: true } : { task, available: false, reason };
}

/** One entry per task (txt2img, img2img, inpaint, segment), in that order. */
export function capabilitiesOf(report: ModelFolderReport): ModelCapability[] {
  if (!report.usable) {
    const why = `the model folder has problems (${report.problems[0]?.message ?? 'see models check'})`;
    return (['txt2img', 'img2img', 'inpaint', 'segment'] as const).map((task) => capability(task, why));
  }
  if (report.kind === 'sam') {
    const notDiffusion = 'a segmentation (SAM) model, expected a diffusion model for this';
    return [capability('txt2img', notDiffusion), capability('img2img', notDiffusion), capability('inpaint', notDiffusion), capability('segment', undefined)];
  }
  const d = report.diffusion;
  const supports = d?.supports ?? { textToImage: false, imageToImage: false, inpainting: false };
  const inpaintOnly = 'an inpainting-only model (9-channel UNet): it repaints the masked part of an image, expected a text-to-image model for this';
  const noEncoder = 'the folder has no VAE encoder (vae_encoder/model.onnx), expected one to start from an image';
  return [
    capability('txt2img', supports.textToImage ? undefined : inpaintOnly),
    capability('img2img', supports.imageToImage ? undefined : d?.inpainting ? inpaintOnly : noEncoder),
    capability('inpaint', supports.inpainting ? undefined : noEncoder),
    capability('segment', 'a diffusion model, expected a segmentation (SAM) model for this'),
  ];
}
