// A TAESD-class tiny decoder installed as a model of its own (kind `tiny-decoder`): a folder holding
// `vae_decoder/model.onnx` as the public exports ship it (deinferno/taesd-onnx, julienkay/taesd[xl]) and no UNet or
// text encoder, plus the latent family it serves, recorded at install (catalogue entry) or given on import — never
// guessed from the folder's name, since taesd and taesdxl graphs look the same.
import fs from 'node:fs/promises';
import path from 'node:path';
import { LATENT_FAMILY_LABELS, LATENT_FAMILY_NAMES, type LatentFamilyName } from '../api/model-schemas.ts';
import type { FolderProblem } from './model-folder-report.ts';
import { readOnnxHeader, type OnnxHeader } from './onnx-header-reader.ts';

/** Where the decoder sits in a tiny-decoder folder: the layout the exports ship. */
export const TINY_DECODER_PART = 'vae_decoder/model.onnx';
/** Where a diffusion folder's own tiny decoder sits, when it ships one (it wins over an installed one). */
export const FOLDER_PREVIEW_DECODER_PART = 'preview_decoder/model.onnx';
/** The record of the latent family, written by the installer or by an import that was told it. */
export const LATENT_FAMILY_FILE = 'tessera-latent-family.json';

/** VAE latent spaces, named once in the API (api/model-schemas.ts) so the CLI and the Studio offer the same list. */
export const LATENT_FAMILIES = LATENT_FAMILY_NAMES;
export type LatentFamily = LatentFamilyName;
export function isLatentFamily(value: unknown): value is LatentFamily {
  return (LATENT_FAMILIES as readonly unknown[]).includes(value);
}
export { LATENT_FAMILY_LABELS };

export interface TinyDecoderDetails {
  decoderFile: string;
  inputName: string;
  /** [-1, 1] for a diffusers AutoencoderTiny export (input `latent_sample`), else TAESD's own [0, 1]. */
  outputRange: 'signed' | 'unit';
  latentFamily?: LatentFamily;
}

/** The latent space of a diffusion model family; undefined when the family is unknown. */
export function latentFamilyOf(diffusionFamily: 'sd1' | 'sd2' | 'sdxl' | 'unknown' | undefined): LatentFamily | undefined {
  if (diffusionFamily === 'sd1' || diffusionFamily === 'sd2') return 'sd';
  return diffusionFamily === 'sdxl' ? 'sdxl' : undefined;
}

/**
 * The output range of a tiny decoder, told by its input's name: a diffusers AutoencoderTiny export through
 * Optimum's VaeDecoderOnnxConfig names it `latent_sample`, and its DecoderTiny ends with x·2 − 1 "to match diffusers
 * convention"; TAESD's own decoder (and the demo pack's folder part) gives [0, 1].
 */
export function tinyDecoderOutputRange(inputName: string | undefined): 'signed' | 'unit' {
  return inputName === 'latent_sample' ? 'signed' : 'unit';
}

/** What only a diffusion folder has: with any of them, a folder missing its UNet is a broken diffusion folder. */
const DIFFUSION_ONLY_ENTRIES = ['model_index.json', 'unet', 'text_encoder', 'text_encoder_2', 'tokenizer', 'tokenizer_2', 'scheduler'];

/** A folder with `vae_decoder/` (and perhaps the export's `vae_encoder/`) and nothing only a diffusion folder has. */
export function looksLikeTinyDecoderFolder(entries: ReadonlySet<string>): boolean {
  return entries.has('vae_decoder') && !DIFFUSION_ONLY_ENTRIES.some((m) => entries.has(m));
}

export async function readLatentFamily(dir: string): Promise<LatentFamily | undefined> {
  const text = await fs.readFile(path.join(dir, LATENT_FAMILY_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const family = (JSON.parse(text) as { latentFamily?: unknown }).latentFamily;
    return isLatentFamily(family) ? family : undefined;
  } catch {
    return undefined;
  }
}

export async function writeLatentFamily(dir: string, family: LatentFamily): Promise<void> {
  await fs.writeFile(path.join(dir, LATENT_FAMILY_FILE), JSON.stringify({ latentFamily: family }, null, 2) + '\n');
}

/** One float [B, 4, h, w] input and one [B, 3, H, W] output, as `preview` decoding needs. */
function contractProblem(file: string, header: OnnxHeader): string | undefined {
  const [input] = header.inputs;
  const [output] = header.outputs;
  if (header.inputs.length !== 1 || !input || !output) return `${file}: a tiny decoder has one input and one output, got ${header.inputs.length} inputs and ${header.outputs.length} outputs`;
  if (input.shape.length !== 4 || input.shape[1] !== 4) return `${file}: input ${input.name} is [${input.shape.join(', ')}], expected [B, 4, h, w] latents`;
  if (output.shape.length !== 4 || output.shape[1] !== 3) return `${file}: output ${output.name} is [${output.shape.join(', ')}], expected [B, 3, H, W] RGB`;
  return undefined;
}

export async function inspectTinyDecoderFolder(dir: string): Promise<{ details?: TinyDecoderDetails; headers: OnnxHeader[]; problems: FolderProblem[] }> {
  const file = path.join(dir, ...TINY_DECODER_PART.split('/'));
  let header: OnnxHeader;
  try {
    header = await readOnnxHeader(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return { headers: [], problems: [{ code: missing ? 'MODEL_NOT_FOUND' : 'MODEL_FILE_CORRUPT', message: missing ? `${file}: missing (a tiny-decoder folder holds ${TINY_DECODER_PART})` : error instanceof Error ? error.message : String(error) }] };
  }
  const problems: FolderProblem[] = [];
  const wrong = contractProblem(file, header);
  if (wrong) problems.push({ code: 'MODEL_INVALID', message: wrong });
  const latentFamily = await readLatentFamily(dir);
  if (!latentFamily) {
    problems.push({
      code: 'MODEL_INVALID',
      message: `${dir}: the latent family this tiny decoder serves is not recorded (${LATENT_FAMILY_FILE}); install it from the catalogue, or import it with --latent-family ${LATENT_FAMILIES.join('|')}`,
      solvedByImportOption: 'latentFamily',
    });
  }
  const inputName = header.inputs[0]?.name ?? '';
  const details: TinyDecoderDetails = { decoderFile: TINY_DECODER_PART, inputName, outputRange: tinyDecoderOutputRange(inputName), ...(latentFamily ? { latentFamily } : {}) };
  return { details, headers: [header], problems };
}
