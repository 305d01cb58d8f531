// The SDXL half of a diffusion folder check: text_encoder_2 + tokenizer_2, the penultimate hidden-state outputs
// both encoders must export, the UNet's text_embeds/time_ids, and which SDXL model it is (base/Turbo/inpainting/refiner).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblem } from './model-folder-report.ts';
import type { OnnxHeader } from './onnx-header-reader.ts';
import { checkOnnxPart } from './onnx-part-check.ts';
import { SDXL_PARTS, TEXT_ENCODER_2_CONTRACT, hiddenWidth, penultimateHiddenState } from './sdxl-contracts.ts';
import { checkTokenizerFolder } from './tokenizer-check.ts';

export type SdxlRole = 'base' | 'turbo' | 'inpainting' | 'refiner';

export interface SdxlEncoderPart {
  part: 'text_encoder' | 'text_encoder_2';
  tokenizer: 'tokenizer' | 'tokenizer_2';
  /** The output fed to the UNet: the penultimate layer (`hidden_states.{N-1}`), never `last_hidden_state`. */
  hiddenState: string;
  width: number | undefined;
}

export interface SdxlDetails {
  role: SdxlRole;
  /** In concatenation order (CLIP-L first, then bigG); the refiner has bigG only. */
  encoders: SdxlEncoderPart[];
  /** model_index.json: an empty negative prompt is all-zero embeddings, not the encoded "". */
  forceZerosForEmptyPrompt: boolean;
  /** UNet `time_ids` length: 6 (original size, crop top-left, target size) or 5 (refiner: …, aesthetic score). */
  timeIdsLength: 5 | 6;
}

export interface SdxlInspection {
  details: SdxlDetails;
  headers: OnnxHeader[];
  problems: FolderProblem[];
}

async function isFile(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false;
}

/** An SDXL folder has text_encoder_2, or a UNet taking SDXL's added conditioning, or an XL pipeline class. */
export async function looksLikeSdxlFolder(dir: string, modelIndex: Record<string, unknown> | undefined, unet: OnnxHeader | undefined): Promise<boolean> {
  if (await isFile(path.join(dir, SDXL_PARTS.textEncoder2))) return true;
  if (unet?.inputs.some((i) => i.name === 'text_embeds' || i.name === 'time_ids')) return true;
  return typeof modelIndex?._class_name === 'string' && /StableDiffusionXL/.test(modelIndex._class_name);
}

/** The refiner conditions on an aesthetic score (5 time ids) and has no CLIP-L text encoder. */
export function isSdxlRefiner(modelIndex: Record<string, unknown> | undefined, unet: OnnxHeader | undefined): boolean {
  return modelIndex?.requires_aesthetics_score === true || unet?.inputs.find((i) => i.name === 'time_ids')?.shape[1] === 5;
}

export interface SdxlInspectInput {
  dir: string;
  modelIndex: Record<string, unknown> | undefined;
  textEncoder: OnnxHeader | undefined;
  unet: OnnxHeader | undefined;
  inpainting: boolean;
  trailingSpacing: boolean;
}

function encoderPart(part: SdxlEncoderPart['part'], header: OnnxHeader | undefined, file: string, problems: FolderProblem[]): SdxlEncoderPart | undefined {
  if (!header) return undefined;
  const hiddenState = penultimateHiddenState(header);
  if (!hiddenState) {
    problems.push({
      code: 'MODEL_INVALID',
      message: `${file}: has no "hidden_states.N" outputs (outputs: ${header.outputs.map((o) => o.name).join(', ')}), expected the per-layer states SDXL conditions on (export with output_hidden_states=True, as Optimum does)`,
    });
    return undefined;
  }
  const tokenizer = part === 'text_encoder' ? 'tokenizer' : 'tokenizer_2';
  return { part, tokenizer, hiddenState, width: hiddenWidth(header, hiddenState) };
}

export async function inspectSdxlParts(input: SdxlInspectInput): Promise<SdxlInspection> {
  const { dir, modelIndex, unet } = input;
  const problems: FolderProblem[] = [];
  const headers: OnnxHeader[] = [];
  const file2 = path.join(dir, SDXL_PARTS.textEncoder2);
  let header2: OnnxHeader | undefined;
  if (await isFile(file2)) {
    const check = await checkOnnxPart(file2, TEXT_ENCODER_2_CONTRACT);
    problems.push(...check.problems);
    header2 = check.header;
    if (header2) headers.push(header2);
  } else {
    problems.push({ code: 'MODEL_FILE_MISSING', message: `${file2}: missing (SDXL's second text encoder, OpenCLIP bigG with projection)` });
  }
  problems.push(...(await checkTokenizerFolder(path.join(dir, SDXL_PARTS.tokenizer2))));

  const encoders = [
    encoderPart('text_encoder', input.textEncoder, path.join(dir, 'text_encoder/model.onnx'), problems),
    encoderPart('text_encoder_2', header2, file2, problems),
  ].filter((e): e is SdxlEncoderPart => e !== undefined);

  for (const name of ['text_embeds', 'time_ids']) {
    if (unet && !unet.inputs.some((i) => i.name === name)) {
      problems.push({ code: 'MODEL_INVALID', message: `${path.join(dir, 'unet/model.onnx')}: missing input "${name}", expected an SDXL UNet (addition_embed_type "text_time")` });
    }
  }
  const refiner = isSdxlRefiner(modelIndex, unet);
  const crossWidth = unet?.inputs.find((i) => i.name === 'encoder_hidden_states')?.shape[2];
  const total = encoders.reduce((sum, e) => sum + (e.width ?? 0), 0);
  if (typeof crossWidth === 'number' && encoders.every((e) => e.width !== undefined) && encoders.length > 0 && total !== crossWidth) {
    problems.push({
      code: 'MODEL_INVALID',
      message: `${path.join(dir, 'unet/model.onnx')}: "encoder_hidden_states" is ${crossWidth} wide, but the text encoders' penultimate states give ${encoders.map((e) => `${e.part} ${e.width}`).join(' + ')} = ${total} (expected the same width)`,
    });
  }
  const role: SdxlRole = refiner ? 'refiner' : input.inpainting ? 'inpainting' : input.trailingSpacing ? 'turbo' : 'base';
  return {
    problems,
    headers,
    details: {
      role,
      encoders,
      forceZerosForEmptyPrompt: modelIndex?.force_zeros_for_empty_prompt === true,
      timeIdsLength: refiner ? 5 : 6,
    },
  };
}
