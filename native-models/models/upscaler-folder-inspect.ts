// Inspects an image upscaler (Real-ESRGAN-style: a folder holding one .onnx, or the .onnx itself): tensor names,
// element type and, where the graph declares fixed sizes, the scale. Told from the graph alone: one RGB image in,
// one RGB image out (a background-removal model outputs one channel, SAM and diffusion parts are told apart first).
import path from 'node:path';
import type { FolderProblem } from './model-folder-report.ts';
import type { OnnxHeader } from './onnx-header-reader.ts';

/** The scales an upscaler may have (Real-ESRGAN / ESRGAN / SwinIR exports: ×2, ×4; ×1 is a restorer, ×3, ×8 are rare). */
export const UPSCALER_SCALES = [2, 3, 4, 8] as const;

export interface UpscalerDetails {
  /** The .onnx file, relative to the report's path (its base name; the path itself for a single file). */
  modelFile: string;
  inputName: string;
  outputName: string;
  /** Element type of the image input and output (fp16 exports take and give float16). */
  dtype: 'float32' | 'float16';
  /** Output / input side, when both are declared as numbers; otherwise measured by a probe run when opened. */
  scale?: number;
  /** Input height and width when the export fixed them (tiles must then be exactly this size). */
  fixedSize?: [number, number];
}

export interface UpscalerInspection {
  details?: UpscalerDetails;
  problems: FolderProblem[];
}

function isFloat(type: string): type is 'float32' | 'float16' {
  return type === 'float32' || type === 'float16';
}

/** One float [N, 3, H, W] input and a float [N, 3, H', W'] first output: image in, image out. */
export function looksLikeUpscalerModel(header: OnnxHeader): boolean {
  const input = header.inputs[0];
  const output = header.outputs[0];
  if (header.inputs.length !== 1 || !input || !output) return false;
  const channelsIn = input.shape[1];
  return isFloat(input.type) && isFloat(output.type) && input.shape.length === 4 && output.shape.length === 4 && (channelsIn === 3 || typeof channelsIn === 'string') && output.shape[1] === 3;
}

export function inspectUpscalerModel(modelFile: string, header: OnnxHeader): UpscalerInspection {
  const input = header.inputs[0]!;
  const output = header.outputs[0]!;
  const label = path.basename(modelFile);
  const problems: FolderProblem[] = [];
  if (input.type !== output.type) {
    problems.push({ code: 'MODEL_INVALID', message: `${label}: input "${input.name}" is ${input.type} but output "${output.name}" is ${output.type}, expected one float type for both` });
  }
  const [, , h, w] = input.shape;
  const [, , oh, ow] = output.shape;
  const fixedSize: [number, number] | undefined = typeof h === 'number' && typeof w === 'number' ? [h, w] : undefined;
  let scale: number | undefined;
  if (typeof h === 'number' && typeof w === 'number' && typeof oh === 'number' && typeof ow === 'number') {
    const sy = oh / h;
    const sx = ow / w;
    if (sy !== sx || !(UPSCALER_SCALES as readonly number[]).includes(sy)) {
      problems.push({ code: 'MODEL_INVALID', message: `${label}: input [${input.shape.join(', ')}] → output [${output.shape.join(', ')}] is ×${sy} by ×${sx}, expected one of ×${UPSCALER_SCALES.join(', ×')} on both axes` });
    } else {
      scale = sy;
    }
  }
  const dtype = isFloat(input.type) ? input.type : 'float32';
  return { problems, details: { modelFile: label, inputName: input.name, outputName: output.name, dtype, ...(scale !== undefined ? { scale } : {}), ...(fixedSize ? { fixedSize } : {}) } };
}
