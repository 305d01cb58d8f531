// Inspects a diffusers/Optimum ONNX Stable Diffusion folder: which parts exist, which exporter made them,
// which variant it is (SD1/SD2, epsilon/v, inpainting, turbo/LCM), and every problem in it.
import { parseConfigJson } from './config-json.ts';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DiffusionDetails, FolderProblem } from './model-folder-report.ts';
import { checkOnnxPart, type PartCheck } from './onnx-part-check.ts';
import {
  DIFFUSION_PARTS,
  KNOWN_UNET_INPUTS,
  TEXT_ENCODER_CONTRACT,
  UNET_CONTRACT,
  VAE_DECODER_CONTRACT,
  VAE_ENCODER_CONTRACT,
} from './diffusion-contracts.ts';
import { checkSchedulerConfigFile } from './scheduler-config-check.ts';
import { checkTokenizerFolder } from './tokenizer-check.ts';
import type { OnnxHeader } from './onnx-header-reader.ts';
import { diffusionShapeProblems } from './part-shape-agreement.ts';
import { FOLDER_PREVIEW_DECODER_PART } from './tiny-decoder-folder.ts';
import { inspectSdxlParts, isSdxlRefiner, looksLikeSdxlFolder } from './sdxl-folder-inspect.ts';
import { SDXL_UNET_INPUTS } from './sdxl-contracts.ts';

export interface DiffusionInspection {
  details: DiffusionDetails;
  headers: OnnxHeader[];
  problems: FolderProblem[];
}

async function readJson(file: string, problems: FolderProblem[], label: string): Promise<Record<string, unknown> | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const value: unknown = parseConfigJson(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
    problems.push({ code: 'MODEL_INVALID', message: `${file}: ${label} must be a JSON object` });
  } catch (error) {
    problems.push({ code: 'MODEL_INVALID', message: `${file}: ${label} is not valid JSON (${(error as Error).message})` });
  }
  return undefined;
}

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() ?? false;
}

function guessExporter(idsType: string | undefined, timestep: { type: string; rank: number } | undefined): DiffusionDetails['exporter'] {
  if (!timestep) return 'unknown';
  if (timestep.rank === 0) return 'optimum-1.24+';
  if (timestep.type === 'int64') return 'optimum';
  if (timestep.type === 'float16' && idsType === 'int32') return 'olive';
  if (idsType === 'int32') return 'legacy-diffusers';
  return 'unknown';
}

function crossAttentionWidth(unet: OnnxHeader | undefined): number | undefined {
  const width = unet?.inputs.find((i) => i.name === 'encoder_hidden_states')?.shape[2];
  return typeof width === 'number' ? width : undefined;
}

export async function inspectDiffusionFolder(dir: string): Promise<DiffusionInspection> {
  const problems: FolderProblem[] = [];
  const at = (rel: string) => path.join(dir, rel);

  if (!(await exists(at(DIFFUSION_PARTS.modelIndex)))) {
    problems.push({ code: 'MODEL_FILE_MISSING', message: `${at(DIFFUSION_PARTS.modelIndex)}: missing (every diffusers ONNX folder has model_index.json)` });
  }
  const modelIndex = await readJson(at(DIFFUSION_PARTS.modelIndex), problems, 'model_index.json');

  const check = async (rel: string, contract: typeof UNET_CONTRACT, required: boolean): Promise<PartCheck | undefined> => {
    if (!(await exists(at(rel)))) {
      if (required) problems.push({ code: 'MODEL_FILE_MISSING', message: `${at(rel)}: missing (required ${contract.label} model)` });
      return undefined;
    }
    const result = await checkOnnxPart(at(rel), contract);
    problems.push(...result.problems);
    return result;
  };
  const unet = await check(DIFFUSION_PARTS.unet, UNET_CONTRACT, true);
  const sdxlFolder = await looksLikeSdxlFolder(dir, modelIndex, unet?.header);
  // The SDXL refiner has text_encoder_2 only (its model_index.json names no text_encoder).
  const textEncoder = await check(DIFFUSION_PARTS.textEncoder, TEXT_ENCODER_CONTRACT, !(sdxlFolder && isSdxlRefiner(modelIndex, unet?.header)));
  const vaeDecoder = await check(DIFFUSION_PARTS.vaeDecoder, VAE_DECODER_CONTRACT, true);
  const vaeEncoder = await check(DIFFUSION_PARTS.vaeEncoder, VAE_ENCODER_CONTRACT, false);

  if (textEncoder) problems.push(...(await checkTokenizerFolder(path.join(dir, 'tokenizer'))));
  const scheduler = await checkSchedulerConfigFile(at(DIFFUSION_PARTS.schedulerConfig));
  problems.push(...scheduler.problems);
  const unetConfig = await readJson(at('unet/config.json'), problems, 'unet/config.json');

  const hidden = textEncoder?.header?.outputs.find((o) => o.name === 'last_hidden_state')?.shape[2];
  const hiddenSize = typeof hidden === 'number' ? hidden : undefined;
  const sample = unet?.header?.inputs.find((i) => i.name === 'sample');
  const channelDim = sample?.shape[1];
  const configChannels = typeof unetConfig?.in_channels === 'number' ? unetConfig.in_channels : undefined;
  const className = typeof modelIndex?._class_name === 'string' ? modelIndex._class_name : '';
  const inChannels = typeof channelDim === 'number' ? channelDim : (configChannels ?? (/inpaint/i.test(className) ? 9 : 4));
  const timestepInput = unet?.header?.inputs.find((i) => i.name === 'timestep');
  const timestep = timestepInput ? { type: timestepInput.type, rank: timestepInput.shape.length } : undefined;
  const inputIdsType = textEncoder?.header?.inputs.find((i) => i.name === 'input_ids')?.type;
  const unetInputs = unet?.header?.inputs.map((i) => i.name) ?? [];
  const fillable = new Set<string>([...KNOWN_UNET_INPUTS, ...(sdxlFolder ? SDXL_UNET_INPUTS : [])]);
  const extraUnetInputs = unetInputs.filter((n) => !KNOWN_UNET_INPUTS.has(n));
  const unfillable = unetInputs.filter((n) => !fillable.has(n));
  if (unfillable.length > 0) {
    problems.push({
      code: 'UNSUPPORTED',
      message: `${at(DIFFUSION_PARTS.unet)}: UNet inputs ${unfillable.join(', ')} cannot be filled by Tessera's pipelines (expected only ${[...fillable].join(', ')})`,
    });
  }
  if (inChannels !== 4 && inChannels !== 9) {
    problems.push({ code: 'MODEL_INVALID', message: `${at(DIFFUSION_PARTS.unet)}: UNet "sample" has ${inChannels} channels, expected 4 (text-to-image) or 9 (inpainting)` });
  }
  const schedulerSpacing = scheduler.config?.timestep_spacing;
  const sdxl = sdxlFolder
    ? await inspectSdxlParts({ dir, modelIndex, textEncoder: textEncoder?.header, unet: unet?.header, inpainting: inChannels === 9, trailingSpacing: schedulerSpacing === 'trailing' })
    : undefined;
  if (sdxl) problems.push(...sdxl.problems);
  problems.push(
    ...diffusionShapeProblems({
      // SDXL's cross-attention width is the sum of both encoders' widths (checked by inspectSdxlParts)
      textEncoder: sdxl ? undefined : textEncoder?.header,
      unet: unet?.header,
      vaeDecoder: vaeDecoder?.header,
      files: { textEncoder: at(DIFFUSION_PARTS.textEncoder), unet: at(DIFFUSION_PARTS.unet), vaeDecoder: at(DIFFUSION_PARTS.vaeDecoder) },
    }),
  );
  const vaeOutput = vaeEncoder?.header?.outputs.find((o) => o.name === 'latent_sample' || o.name === 'latent_parameters')?.name as DiffusionDetails['vaeEncoderOutput'];
  const hasLcmInput = unetInputs.includes('timestep_cond');
  const schedulerClass = scheduler.config?._class_name as string | undefined;
  const fewStep = hasLcmInput || schedulerClass === 'LCMScheduler' ? 'lcm' : scheduler.config?.timestep_spacing === 'trailing' ? 'turbo' : undefined;
  const inpainting = inChannels === 9;
  const hasEncoder = vaeEncoder?.header !== undefined;
  const hasPreviewDecoder = (await fs.stat(at(FOLDER_PREVIEW_DECODER_PART)).catch(() => undefined))?.isFile() ?? false;
  return {
    problems,
    headers: [...[textEncoder, unet, vaeDecoder, vaeEncoder].flatMap((p) => (p?.header ? [p.header] : [])), ...(sdxl?.headers ?? [])],
    details: {
      family: sdxl ? 'sdxl' : hiddenSize === 768 ? 'sd1' : hiddenSize === 1024 ? 'sd2' : 'unknown',
      hiddenSize: sdxl ? crossAttentionWidth(unet?.header) : hiddenSize,
      predictionType: (scheduler.config?.prediction_type as DiffusionDetails['predictionType'] | undefined) ?? 'epsilon',
      inpainting,
      fewStep,
      schedulerClass,
      exporter: guessExporter(inputIdsType, timestep),
      inputIdsType,
      timestep,
      vaeEncoderOutput: vaeOutput,
      extraUnetInputs,
      unetTakesTimestepCond: hasLcmInput,
      supports: { textToImage: !inpainting, imageToImage: !inpainting && hasEncoder, inpainting: hasEncoder },
      hasPreviewDecoder,
      ...(sdxl ? { sdxl: sdxl.details } : {}),
    },
  };
}
