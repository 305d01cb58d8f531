// The demo pack's preview decoder in the layout of a real TAESD ONNX export (deinferno/taesd-onnx):
// `vae_decoder/model.onnx` with input `latent_sample` and output `sample` in [-1, 1], so tests install and use a
// tiny-decoder model as the real one would be, and a wrong range mapping shows in the picture.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TINY_DECODER_PART, writeLatentFamily, type LatentFamily } from '../../models/tiny-decoder-folder.ts';
import { buildPreviewDecoderGraph } from './preview-decoder-graph.ts';

/** The decoder file's bytes (for a local catalogue to serve). */
export function demoTinyDecoderBytes(): Uint8Array {
  return buildPreviewDecoderGraph({ diffusersExport: true }).serialize({ docString: 'Tessera demo tiny decoder, TAESD export layout (synthetic)' }).model;
}

/** Writes the folder; `latentFamily` records what an install would (left out: as a user's download, unrecorded). */
export async function writeDemoTinyDecoderFolder(dir: string, latentFamily?: LatentFamily): Promise<void> {
  const file = path.join(dir, ...TINY_DECODER_PART.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, demoTinyDecoderBytes());
  if (latentFamily) await writeLatentFamily(dir, latentFamily);
}
