// Which tiny decoder a diffusion model's fast decode and live previews use: the folder's own part
// (`preview_decoder/model.onnx`) wins, else an installed tiny-decoder model of the same latent family. One rule,
// read by the engine when it opens a model and by the model list's `fast-decode` capability, so a Studio checkbox
// that is enabled works and one that is disabled says the engine's reason.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEMO_PACK_MARKER } from './demo-pack-marker.ts';
import { inspectModelFolder } from './inspect-model-folder.ts';
import type { DiffusionDetails, ModelFolderReport } from './model-folder-report.ts';
import { FOLDER_PREVIEW_DECODER_PART, LATENT_FAMILIES, LATENT_FAMILY_LABELS, latentFamilyOf, looksLikeTinyDecoderFolder, TINY_DECODER_PART, type LatentFamily } from './tiny-decoder-folder.ts';

export interface InstalledTinyDecoder {
  /** The model id (its folder name in the models root). */
  id: string;
  file: string;
  latentFamily: LatentFamily;
}

export type TinyDecoderChoice = { source: 'folder'; file: string } | { source: 'installed'; id: string; file: string } | { source: 'none'; reason: string };

/** A usable tiny-decoder model's entry; undefined for any other report. */
export function installedTinyDecoderOf(id: string, report: ModelFolderReport): InstalledTinyDecoder | undefined {
  const family = report.tinyDecoder?.latentFamily;
  if (report.kind !== 'tiny-decoder' || !report.usable || !family) return undefined;
  return { id, file: path.join(report.path, ...TINY_DECODER_PART.split('/')), latentFamily: family };
}

/** The models folder a model folder sits in: its parent, or the demo pack's parent for a demo model. */
export async function modelsRootOf(modelDir: string): Promise<string> {
  const parent = path.dirname(path.resolve(modelDir));
  const inDemoPack = (await fs.stat(path.join(parent, DEMO_PACK_MARKER)).catch(() => undefined)) !== undefined;
  return inDemoPack ? path.dirname(parent) : parent;
}

/** The usable tiny decoders installed in a models folder, by id. */
export async function installedTinyDecoders(root: string): Promise<InstalledTinyDecoder[]> {
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const found: InstalledTinyDecoder[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.') || !(entry.isDirectory() || entry.isSymbolicLink())) continue;
    const dir = path.join(root, entry.name);
    const names = new Set(await fs.readdir(dir).catch(() => []));
    if (!looksLikeTinyDecoderFolder(names)) continue;
    const decoder = installedTinyDecoderOf(entry.name, await inspectModelFolder(dir));
    if (decoder) found.push(decoder);
  }
  return found;
}

/** The folder's own part, else the first installed one of the model's latent family, else why there is none. */
export function chooseTinyDecoder(model: { dir: string; diffusion: DiffusionDetails | undefined }, installed: readonly InstalledTinyDecoder[]): TinyDecoderChoice {
  if (model.diffusion?.hasPreviewDecoder) return { source: 'folder', file: path.join(model.dir, ...FOLDER_PREVIEW_DECODER_PART.split('/')) };
  const family = latentFamilyOf(model.diffusion?.family);
  const match = family ? installed.find((d) => d.latentFamily === family) : undefined;
  if (match) return { source: 'installed', id: match.id, file: match.file };
  const ways = `install taesd (SD 1.x/2.x) or taesdxl (SDXL) from the catalogue, or put a tiny decoder at ${FOLDER_PREVIEW_DECODER_PART} in the model folder`;
  const others = installed.map((d) => `${d.id} serves ${LATENT_FAMILY_LABELS[d.latentFamily]} latents`);
  const mismatch = others.length > 0 ? `; installed: ${others.join(', ')} — a tiny decoder of another latent family paints garbage, so it is not used` : '';
  const what = family
    ? `no tiny decoder for ${LATENT_FAMILY_LABELS[family]} latents is installed${mismatch}`
    : `the model's latent family is unknown (expected one of ${LATENT_FAMILIES.map((f) => LATENT_FAMILY_LABELS[f]).join(', ')}), so no installed tiny decoder can be matched to it`;
  return { source: 'none', reason: `fast decode needs a tiny decoder: the folder has no ${FOLDER_PREVIEW_DECODER_PART} and ${what}; ${ways}` };
}
