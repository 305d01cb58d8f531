// Writes the full-compute model folders on demand into a cache folder (default .cache/full-compute, gitignored):
// an SD 1.5-sized diffusion folder in Optimum's layout and a SAM ViT-B-sized encoder/decoder pair. A marker
// file makes later calls free; the random weights are seeded, so a rewrite gives the same bytes.
import fs from 'node:fs/promises';
import path from 'node:path';
import { DEMO_SD_VARIANTS } from '../sd/demo-sd-variants.ts';
import { CLIP_TOKENIZER_DIR } from '../sd/demo-vocabulary.ts';
import { modelIndex, partConfigs, schedulerConfig, specialTokensMap, tokenizerConfig } from '../sd/sd-folder-configs.ts';
import type { NetBuilder } from './net-builder.ts';
import { buildSamDecoder, type SamDecoderOptions } from './sam-decoder-graph.ts';
import { buildSam2Encoder } from './sam2-encoder-graph.ts';
import { buildSamEncoder } from './sam-encoder-graph.ts';
import { buildTextEncoder } from './text-encoder-graph.ts';
import { buildUnet } from './unet-graph.ts';
import { buildSdxlUnet } from './sdxl-unet-graph.ts';
import { buildVaeDecoder } from './vae-decoder-graph.ts';
import { BIREFNET_LITE_FULL, U2NET_FULL, buildSubjectNet } from './subject-net-graph.ts';

export const DEFAULT_FULL_COMPUTE_DIR = path.join('.cache', 'full-compute');
/** Bumped whenever a generator changes, so stale caches are rewritten. */
const PACK_VERSION = 1;
/** The decoder variants' own version (2: uint8 weights in the int8 form), so that they are rewritten without the pack. */
const DECODER_VARIANT_VERSION = 2;
const DOC = 'Tessera full-compute benchmark model: real architecture and cost, random (seeded) weights; not trained.';

export interface FullComputeModelInfo {
  file: string;
  flopsPerRun: number;
  parameters: number;
  weightBytes: number;
}

export interface FullComputePack {
  sdDir: string;
  samDir: string;
  models: Record<'textEncoder' | 'unet' | 'vaeDecoder' | 'samEncoder' | 'samDecoder', FullComputeModelInfo>;
}

async function writeJson(file: string, value: unknown): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(value, null, 2) + '\n');
}

async function writeNet(net: NetBuilder, dir: string, modelFile: string, log: (m: string) => void): Promise<FullComputeModelInfo> {
  const started = performance.now();
  const weightBytes = await net.w.write(net.g, dir, modelFile, `${modelFile}_data`, DOC);
  const file = path.join(dir, modelFile);
  log(`  ${path.relative(process.cwd(), file)}: ${(net.w.parameters / 1e6).toFixed(1)} M parameters, ${(net.flops.flops / 1e9).toFixed(1)} GFLOPs/run (batch 1), ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { file, flopsPerRun: net.flops.flops, parameters: net.w.parameters, weightBytes };
}

/** The SAM pairs the SAM 2.1 bench rows compare, each in its own folder (no diffusion models written for them). */
const SAM_FULL_PAIRS = {
  // SAM 1 ViT-B-sized, the same seeded graphs as the pack's sam-vit-b-full
  'sam-vit-b-full': { file: 'sam_vit_b_full', encoder: () => buildSamEncoder(), decoder: () => buildSamDecoder() },
  // SAM 2.1-tiny-sized in samexporter's contract (sam2-encoder-graph.ts, the SAM decoder with SAM 2's high-res path)
  'sam2.1-tiny-full': { file: 'sam2.1_tiny_full', encoder: () => buildSam2Encoder(), decoder: () => buildSamDecoder(5, { sam2: true }) },
} as const;
const SAM_PAIR_VERSION = 1;

/** Writes a SAM pair once under `cacheDir/sam-pairs/<name>`, kept while its version stands. */
export async function ensureSamFullPair(name: keyof typeof SAM_FULL_PAIRS, cacheDir: string = DEFAULT_FULL_COMPUTE_DIR, log: (m: string) => void = () => {}): Promise<{ samDir: string; encoder: FullComputeModelInfo; decoder: FullComputeModelInfo }> {
  const samDir = path.resolve(cacheDir, 'sam-pairs', name);
  const marker = path.join(samDir, 'pair.json');
  const existing = await fs.readFile(marker, 'utf8').then((t) => JSON.parse(t) as { version: number; encoder: FullComputeModelInfo; decoder: FullComputeModelInfo }, () => undefined);
  if (existing?.version === SAM_PAIR_VERSION) return { samDir, encoder: existing.encoder, decoder: existing.decoder };
  await fs.rm(samDir, { recursive: true, force: true });
  const pair = SAM_FULL_PAIRS[name];
  const encoder = await writeNet(pair.encoder(), samDir, `${pair.file}.encoder.onnx`, log);
  const decoder = await writeNet(pair.decoder(), samDir, `${pair.file}.decoder.onnx`, log);
  await writeJson(marker, { version: SAM_PAIR_VERSION, encoder, decoder });
  return { samDir, encoder, decoder };
}

/** The SAM decoder's other exports the bench measures: `--return-single-mask`, and that quantised (the web demo's). */
export const SAM_DECODER_VARIANTS = {
  'single-mask': { singleMask: true },
  'single-mask-int8': { singleMask: true, int8: true },
} as const satisfies Record<string, SamDecoderOptions>;
export type SamDecoderVariant = keyof typeof SAM_DECODER_VARIANTS;

/**
 * A SAM folder beside the pack's whose decoder is another export of the same seeded weights; its encoder files
 * are links to the pack's. Written once; `samDir` must be the pack's SAM folder.
 */
export async function ensureSamDecoderVariant(samDir: string, name: SamDecoderVariant, log: (m: string) => void = () => {}): Promise<{ samDir: string; decoder: FullComputeModelInfo }> {
  const dir = `${samDir}-${name}`;
  const marker = path.join(dir, 'decoder.json');
  const existing = await fs.readFile(marker, 'utf8').then((t) => JSON.parse(t) as { version: number; decoder: FullComputeModelInfo }, () => undefined);
  if (existing?.version === DECODER_VARIANT_VERSION) return { samDir: dir, decoder: existing.decoder };
  await fs.rm(dir, { recursive: true, force: true });
  const decoder = await writeNet(buildSamDecoder(5, SAM_DECODER_VARIANTS[name]), dir, `sam_vit_b_full_${name.replaceAll('-', '_')}.decoder.onnx`, log);
  for (const file of ['sam_vit_b_full.encoder.onnx', 'sam_vit_b_full.encoder.onnx_data']) await fs.symlink(path.join(samDir, file), path.join(dir, file));
  await writeJson(marker, { version: DECODER_VARIANT_VERSION, decoder });
  return { samDir: dir, decoder };
}

/** The background-removal folders (subject-net-graph.ts): u2net's cost at 320², BiRefNet-lite's assumed cost at 1024². */
export const SUBJECT_FULL_MODELS = {
  u2net: { folder: 'u2net-full', file: 'u2net.onnx', config: U2NET_FULL },
  birefnetLite: { folder: 'birefnet-lite-full', file: 'birefnet-general-lite.onnx', config: BIREFNET_LITE_FULL },
} as const;
export type SubjectFullModel = keyof typeof SUBJECT_FULL_MODELS;

/**
 * One background-removal model folder in `cacheDir` (beside the pack, with its own marker so that adding it
 * does not rewrite the SD/SAM models). Written once.
 */
export async function ensureSubjectFullModel(name: SubjectFullModel, cacheDir: string = DEFAULT_FULL_COMPUTE_DIR, log: (m: string) => void = () => {}): Promise<{ dir: string; model: FullComputeModelInfo }> {
  const spec = SUBJECT_FULL_MODELS[name];
  return ensureSingleModel(path.join(path.resolve(cacheDir), spec.folder), 'subject.json', () => buildSubjectNet(spec.config), spec.file, log);
}

/** A one-model folder with its own marker (beside the pack, not rewriting it), written once from `build`. */
async function ensureSingleModel(dir: string, markerName: string, build: () => NetBuilder, file: string, log: (m: string) => void): Promise<{ dir: string; model: FullComputeModelInfo }> {
  const marker = path.join(dir, markerName);
  const existing = await fs.readFile(marker, 'utf8').then((t) => JSON.parse(t) as { version: number; model: FullComputeModelInfo }, () => undefined);
  if (existing?.version === PACK_VERSION) return { dir, model: existing.model };
  await fs.rm(dir, { recursive: true, force: true });
  const model = await writeNet(build(), dir, file, log);
  await writeJson(marker, { version: PACK_VERSION, model });
  return { dir, model };
}

/**
 * The SDXL-base-sized UNet (sdxl-unet-graph.ts; 2.57 B parameters, 10.3 GB of float32 weights) in `cacheDir`/sdxl-unet-full,
 * its FLOPs counted at 1024². Written once, only by `npm run bench -- --only=sdxl`.
 */
export function ensureSdxlUnetFullModel(cacheDir: string = DEFAULT_FULL_COMPUTE_DIR, log: (m: string) => void = () => {}): Promise<{ dir: string; model: FullComputeModelInfo }> {
  log(`SDXL UNet (full compute) in ${path.join(cacheDir, 'sdxl-unet-full')} (≈ 10 GB of random weights; once)…`);
  return ensureSingleModel(path.join(path.resolve(cacheDir), 'sdxl-unet-full'), 'unet.json', () => buildSdxlUnet(), 'model.onnx', log);
}

/** Returns the pack, writing it first unless `cacheDir` already holds this version. */
export async function ensureFullComputePack(cacheDir: string = DEFAULT_FULL_COMPUTE_DIR, log: (m: string) => void = () => {}): Promise<FullComputePack> {
  const root = path.resolve(cacheDir);
  const marker = path.join(root, 'pack.json');
  const existing = await fs.readFile(marker, 'utf8').then((t) => JSON.parse(t) as { version: number; pack: FullComputePack }, () => undefined);
  if (existing?.version === PACK_VERSION) return existing.pack;

  await fs.rm(root, { recursive: true, force: true });
  log(`writing full-compute models to ${root} (random weights, a few GB; once)…`);
  const sdDir = path.join(root, 'sd15-full');
  const variant = DEMO_SD_VARIANTS.find((v) => v.folder === 'demo-sd')!;
  await writeJson(path.join(sdDir, 'model_index.json'), modelIndex(variant));
  await writeJson(path.join(sdDir, 'scheduler', 'scheduler_config.json'), schedulerConfig(variant));
  const tokenizerDir = path.join(sdDir, 'tokenizer');
  await fs.mkdir(tokenizerDir, { recursive: true });
  for (const file of ['vocab.json', 'merges.txt']) await fs.copyFile(path.join(CLIP_TOKENIZER_DIR, file), path.join(tokenizerDir, file));
  await writeJson(path.join(tokenizerDir, 'tokenizer_config.json'), tokenizerConfig(variant));
  await writeJson(path.join(tokenizerDir, 'special_tokens_map.json'), specialTokensMap(variant));
  const configs = partConfigs(variant);
  for (const part of ['text_encoder', 'unet', 'vae_decoder'] as const) await writeJson(path.join(sdDir, part, 'config.json'), configs[part]);

  const samDir = path.join(root, 'sam-vit-b-full');
  const models = {
    textEncoder: await writeNet(buildTextEncoder(), path.join(sdDir, 'text_encoder'), 'model.onnx', log),
    unet: await writeNet(buildUnet(), path.join(sdDir, 'unet'), 'model.onnx', log),
    vaeDecoder: await writeNet(buildVaeDecoder(), path.join(sdDir, 'vae_decoder'), 'model.onnx', log),
    samEncoder: await writeNet(buildSamEncoder(), samDir, 'sam_vit_b_full.encoder.onnx', log),
    samDecoder: await writeNet(buildSamDecoder(), samDir, 'sam_vit_b_full.decoder.onnx', log),
  };
  const pack: FullComputePack = { sdDir, samDir, models };
  await writeJson(marker, { version: PACK_VERSION, pack });
  return pack;
}
