// Detects what a model folder holds (SD-family diffusion, a TAESD-class tiny decoder, Segment Anything, or a
// background-removal model or an upscaler, which may also be a single .onnx file) and reports every problem in it.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FolderProblem, ModelFolderReport } from './model-folder-report.ts';
import { inspectDiffusionFolder } from './diffusion-folder.ts';
import { inspectSamFolder, listOnnxFiles, listSamOnnxFiles } from './sam-folder-inspect.ts';
import type { SamDetails } from './model-folder-report.ts';
import { precisionOf } from './onnx-part-check.ts';
import { readOnnxHeader, type OnnxHeader } from './onnx-header-reader.ts';
import { inspectSubjectModel, looksLikeSubjectModel } from './subject-folder-inspect.ts';
import { inspectUpscalerModel, looksLikeUpscalerModel } from './upscaler-folder-inspect.ts';
import { folderSizeBytes } from './folder-size.ts';
import { inspectTinyDecoderFolder, LATENT_FAMILY_LABELS, looksLikeTinyDecoderFolder } from './tiny-decoder-folder.ts';

import { DEMO_PACK_MARKER } from './demo-pack-marker.ts';

const DIFFUSION_MARKERS = ['model_index.json', 'unet', 'text_encoder', 'vae_decoder'];

/** The demo pack's `tessera_demo.json` (written by demo/sd/demo-prompt-facts.ts); absent or malformed = none. */
async function readDemoPrompt(dir: string): Promise<ModelFolderReport['demoPrompt']> {
  const text = await fs.readFile(path.join(dir, 'tessera_demo.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const v = JSON.parse(text) as { words?: unknown; hint?: unknown };
    if (Array.isArray(v.words) && v.words.every((w) => typeof w === 'string') && typeof v.hint === 'string') return { words: v.words as string[], hint: v.hint };
  } catch {
    // a hand-edited file that no longer parses only loses the hint
  }
  return undefined;
}

async function isSynthetic(dir: string): Promise<boolean> {
  const parent = path.dirname(path.resolve(dir));
  return (await fs.stat(path.join(parent, DEMO_PACK_MARKER)).catch(() => undefined)) !== undefined;
}

function diffusionLabel(r: NonNullable<ModelFolderReport['diffusion']>): string {
  const sdxlRole = { base: 'SDXL base', turbo: 'SDXL Turbo', inpainting: 'SDXL inpainting', refiner: 'SDXL refiner' } as const;
  const family = r.sdxl ? sdxlRole[r.sdxl.role] : r.family === 'sd1' ? 'SD 1.x' : r.family === 'sd2' ? 'SD 2.x' : 'SD-family';
  const parts = [family, r.predictionType === 'v_prediction' ? 'v-prediction' : r.predictionType];
  if (r.sdxl) parts.push(`conditioning ${r.sdxl.encoders.map((e) => `${e.part}.${e.hiddenState}`).join(' + ')}`);
  if (r.inpainting) parts.push('inpainting (9-channel UNet)');
  if (r.fewStep === 'lcm') parts.push('LCM few-step');
  if (r.fewStep === 'turbo') parts.push('turbo few-step (trailing spacing)');
  parts.push(`exporter: ${r.exporter}`);
  return parts.join(', ');
}

function subjectReport(
  base: Omit<ModelFolderReport, 'kind' | 'variant' | 'precision' | 'problems' | 'usable'>,
  header: OnnxHeader,
  inspection: Awaited<ReturnType<typeof inspectSubjectModel>>,
): ModelFolderReport {
  const d = inspection.details;
  return {
    ...base,
    kind: 'background-removal',
    variant: d ? `background removal, ${d.family} (${d.size}², ${d.logits ? 'logits' : 'probabilities'}; family from ${d.detectedBy})` : 'background removal (family unknown)',
    precision: precisionOf([header]),
    backgroundRemoval: d,
    problems: inspection.problems,
    usable: inspection.problems.length === 0,
  };
}

function upscalerReport(base: Omit<ModelFolderReport, 'kind' | 'variant' | 'precision' | 'problems' | 'usable'>, file: string, header: OnnxHeader): ModelFolderReport {
  const { details: d, problems } = inspectUpscalerModel(file, header);
  const scale = d?.scale !== undefined ? `×${d.scale}` : 'scale measured when opened';
  const size = d?.fixedSize ? `, fixed ${d.fixedSize[1]}×${d.fixedSize[0]} input` : '';
  return { ...base, kind: 'upscaler', variant: `upscaler, ${scale}${size}`, precision: precisionOf([header]), upscaler: d, problems, usable: problems.length === 0 };
}

/** A single .onnx file given as the model: only background-removal models and upscalers come as one file. */
async function inspectModelFile(file: string, base: Omit<ModelFolderReport, 'kind' | 'variant' | 'precision' | 'problems' | 'usable'>): Promise<ModelFolderReport> {
  let header: OnnxHeader | undefined;
  let problem: FolderProblem | undefined;
  try {
    header = await readOnnxHeader(file);
  } catch (error) {
    problem = { code: 'MODEL_FILE_CORRUPT', message: error instanceof Error ? error.message : String(error) };
  }
  // Upscalers first: an RGB output tells them from background-removal models, whose input looks the same.
  if (header && looksLikeUpscalerModel(header)) return upscalerReport(base, file, header);
  if (header && looksLikeSubjectModel(header)) return subjectReport(base, header, await inspectSubjectModel(path.dirname(file), file, header));
  problem ??= { code: 'MODEL_INVALID', message: `${file}: not a background-removal model or upscaler (expected one float32 [N, 3, H, W] image input; SAM and diffusion models are folders)` };
  return { ...base, kind: 'unknown', variant: 'unknown', precision: 'unknown', problems: [problem], usable: false };
}

function samLabel(details: SamDetails | undefined): string {
  if (!details) return 'Segment Anything (incomplete)';
  return details.family === 'sam' ? `Segment Anything, encoder layout ${details.encoderLayout}` : `Segment Anything 2, ${details.family} export (stretched 1024² input)`;
}

export async function inspectModelFolder(dir: string): Promise<ModelFolderReport> {
  const base: Omit<ModelFolderReport, 'kind' | 'variant' | 'precision' | 'problems' | 'usable'> = {
    path: dir,
    sizeBytes: 0,
    synthetic: false,
  };
  const stat = await fs.stat(dir).catch(() => undefined);
  if (stat?.isFile() && dir.toLowerCase().endsWith('.onnx')) {
    base.sizeBytes = stat.size;
    base.synthetic = await isSynthetic(path.dirname(dir));
    return inspectModelFile(dir, base);
  }
  if (!stat?.isDirectory()) {
    const problem: FolderProblem = { code: 'MODEL_NOT_FOUND', message: `${dir}: ${stat ? 'is not a folder' : 'folder not found'}` };
    return { ...base, kind: 'unknown', variant: 'unknown', precision: 'unknown', problems: [problem], usable: false };
  }
  base.sizeBytes = await folderSizeBytes(dir);
  base.synthetic = await isSynthetic(dir);
  if (base.synthetic) {
    const demoPrompt = await readDemoPrompt(dir);
    if (demoPrompt) base.demoPrompt = demoPrompt;
  }
  const entries = new Set(await fs.readdir(dir));
  // Before the diffusion check: a tiny decoder ships as `vae_decoder/`, one of a diffusion folder's markers.
  if (looksLikeTinyDecoderFolder(entries)) {
    const t = await inspectTinyDecoderFolder(dir);
    const family = t.details?.latentFamily ? `for ${LATENT_FAMILY_LABELS[t.details.latentFamily]} latents` : 'latent family not recorded';
    const range = t.details ? `, output ${t.details.outputRange === 'signed' ? '[-1, 1]' : '[0, 1]'}` : '';
    return { ...base, kind: 'tiny-decoder', variant: `tiny decoder (TAESD-class), ${family}${range}`, precision: precisionOf(t.headers), tinyDecoder: t.details, problems: t.problems, usable: t.problems.length === 0 };
  }
  if (DIFFUSION_MARKERS.some((m) => entries.has(m))) {
    const d = await inspectDiffusionFolder(dir);
    return {
      ...base,
      kind: 'diffusion',
      variant: diffusionLabel(d.details),
      precision: precisionOf(d.headers),
      diffusion: d.details,
      problems: d.problems,
      usable: d.problems.length === 0,
    };
  }
  const onnxFiles = await listOnnxFiles(dir);
  const upscalers = onnxFiles.filter((f) => f.header && looksLikeUpscalerModel(f.header));
  if (onnxFiles.length === 1 && upscalers.length === 1) {
    const [only] = upscalers as [{ file: string; header: OnnxHeader }];
    return upscalerReport(base, only.file, only.header);
  }
  const subjects = onnxFiles.filter((f) => f.header && !looksLikeUpscalerModel(f.header) && looksLikeSubjectModel(f.header));
  if (onnxFiles.length === 1 && subjects.length === 1) {
    const [only] = subjects as [{ file: string; header: OnnxHeader }];
    return subjectReport(base, only.header, await inspectSubjectModel(dir, only.file, only.header));
  }
  // onnx-community keeps a SAM pair in onnx/; one model alone there (a background-removal export) is that
  // sub-folder's to report, not a broken SAM folder here.
  if (onnxFiles.length > 0 || (await listSamOnnxFiles(dir)).length >= 2) {
    const s = await inspectSamFolder(dir);
    return {
      ...base,
      kind: 'sam',
      variant: samLabel(s.details),
      precision: precisionOf(s.headers),
      sam: s.details,
      problems: s.problems,
      usable: s.problems.length === 0,
    };
  }
  const problem: FolderProblem = {
    code: 'MODEL_INVALID',
    message: `${dir}: not a model folder (expected a diffusers ONNX layout with model_index.json, unet/, text_encoder/, vae_decoder/ — or a SAM encoder/decoder .onnx pair, or one background-removal or upscaler .onnx)`,
  };
  return { ...base, kind: 'unknown', variant: 'unknown', precision: 'unknown', problems: [problem], usable: false };
}
