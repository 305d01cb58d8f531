// Shapes that must agree ACROSS the parts of a model folder, so a folder whose parts each pass their own contract
// but do not fit together (a 512-wide text encoder feeding a 768-wide UNet) is not called usable.
import type { OnnxHeader } from './onnx-header-reader.ts';
import type { FolderProblem } from './model-folder-report.ts';

/** SAM's image transform: the long side is resized to 1024 and the encoder sees a 1024 × 1024 square. */
export const SAM_ENCODER_INPUT_SIZE = 1024;

function dim(header: OnnxHeader | undefined, kind: 'inputs' | 'outputs', names: string[], axis: number): number | undefined {
  const value = header?.[kind].find((v) => names.includes(v.name))?.shape[axis];
  return typeof value === 'number' ? value : undefined;
}

export interface DiffusionPartHeaders {
  textEncoder?: OnnxHeader;
  unet?: OnnxHeader;
  vaeDecoder?: OnnxHeader;
  files: { textEncoder: string; unet: string; vaeDecoder: string };
}

/** Text encoder width ↔ UNet cross-attention width; UNet latent channels ↔ VAE decoder input channels. */
export function diffusionShapeProblems({ textEncoder, unet, vaeDecoder, files }: DiffusionPartHeaders): FolderProblem[] {
  const problems: FolderProblem[] = [];
  const textWidth = dim(textEncoder, 'outputs', ['last_hidden_state'], 2);
  const crossWidth = dim(unet, 'inputs', ['encoder_hidden_states'], 2);
  if (textWidth !== undefined && crossWidth !== undefined && textWidth !== crossWidth) {
    problems.push({
      code: 'MODEL_INVALID',
      message: `${files.unet}: "encoder_hidden_states" is ${crossWidth} wide, but ${files.textEncoder} gives "last_hidden_state" ${textWidth} wide (expected the same width)`,
    });
  }
  const unetLatent = unet?.outputs[0]?.shape[1];
  const vaeLatent = dim(vaeDecoder, 'inputs', ['latent_sample'], 1);
  if (typeof unetLatent === 'number' && vaeLatent !== undefined && unetLatent !== vaeLatent) {
    problems.push({
      code: 'MODEL_INVALID',
      message: `${files.vaeDecoder}: "latent_sample" has ${vaeLatent} channels, but ${files.unet} predicts ${unetLatent} (expected the same latent channels)`,
    });
  }
  return problems;
}

/** A pre-processed SAM encoder ([1, 3, H, W]) must take the 1024 square the SAM transform produces. */
export function samEncoderSizeProblems(encoder: OnnxHeader | undefined, file: string): FolderProblem[] {
  const shape = encoder?.inputs.find((i) => i.name === 'input_image')?.shape;
  if (!shape || shape.length !== 4) return [];
  const sides = [shape[2], shape[3]].filter((d): d is number => typeof d === 'number');
  if (sides.every((s) => s === SAM_ENCODER_INPUT_SIZE)) return [];
  return [
    {
      code: 'MODEL_INVALID',
      message: `${file}: "input_image" is [${shape.join(', ')}], expected [1, 3, ${SAM_ENCODER_INPUT_SIZE}, ${SAM_ENCODER_INPUT_SIZE}] (the SAM transform resizes the long side to ${SAM_ENCODER_INPUT_SIZE})`,
    },
  ];
}
