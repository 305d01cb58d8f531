// What a model folder can do, task by task, with the reason when it cannot: the model list carries it so every
// host disables (and explains) what a model cannot do instead of letting the run fail.
import type { ModelCapability, ModelTask } from '../api/index.ts';
import type { ModelFolderReport } from './model-folder-report.ts';
import { chooseTinyDecoder, type InstalledTinyDecoder } from './tiny-decoder-choice.ts';

function capability(task: ModelTask, reason: string | undefined): ModelCapability {
  return reason === undefined ? { task, available: true } : { task, available: false, reason };
}

/**
 * One entry per task (txt2img, img2img, inpaint, segment, fast-decode), in that order. `tinyDecoders`: the usable
 * tiny decoders installed beside the model, which a diffusion folder without its own may use for fast decode.
 */
export function capabilitiesOf(report: ModelFolderReport, tinyDecoders: readonly InstalledTinyDecoder[] = []): ModelCapability[] {
  const notDiffusionFast = 'fast decode is a diffusion model\'s option';
  if (!report.usable) {
    const why = `the model folder has problems (${report.problems[0]?.message ?? 'see models check'})`;
    return (['txt2img', 'img2img', 'inpaint', 'segment', 'fast-decode'] as const).map((task) => capability(task, why));
  }
  if (report.kind === 'sam') {
    const notDiffusion = 'a segmentation (SAM) model, expected a diffusion model for this';
    return [capability('txt2img', notDiffusion), capability('img2img', notDiffusion), capability('inpaint', notDiffusion), capability('segment', undefined), capability('fast-decode', notDiffusionFast)];
  }
  if (report.kind !== 'diffusion') {
    // Background removal and upscaling are tasks of their own (cutout, upscale), none of the four listed here.
    const what = report.kind === 'background-removal' ? 'a background-removal model (subject cut-outs with no clicks)' : report.kind === 'upscaler' ? 'an upscaler model' : report.kind === 'tiny-decoder' ? 'a tiny decoder (used by diffusion models of its latent family for fast decode)' : 'a model of unknown kind';
    const forDiffusion = `${what}, expected a diffusion model for this`;
    return [capability('txt2img', forDiffusion), capability('img2img', forDiffusion), capability('inpaint', forDiffusion), capability('segment', `${what}, expected a segmentation (SAM) model for this`), capability('fast-decode', forDiffusion)];
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
    capability('fast-decode', fastDecodeReason(report, tinyDecoders)),
  ];
}

/** The engine's own rule (tiny-decoder-choice.ts), so the list never offers a fast decode the engine refuses. */
function fastDecodeReason(report: ModelFolderReport, tinyDecoders: readonly InstalledTinyDecoder[]): string | undefined {
  const choice = chooseTinyDecoder({ dir: report.path, diffusion: report.diffusion }, tinyDecoders);
  return choice.source === 'none' ? choice.reason : undefined;
}
