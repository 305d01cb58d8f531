// The full-compute SD folder's tiny decoder (tiny-decoder-graph.ts) at `preview_decoder/model.onnx`, the optional
// part fast decode uses: written once beside the pack's parts, with its own marker so the pack is not rewritten.
import fs from 'node:fs/promises';
import path from 'node:path';
import { buildTinyDecoder } from './tiny-decoder-graph.ts';

const VERSION = 1;

export interface TinyDecoderInfo {
  file: string;
  parameters: number;
  /** MatMul/Conv FLOPs of one 512² decode. */
  flopsPerRun: number;
}

export async function ensureFullComputeTinyDecoder(sdDir: string, log: (m: string) => void = () => {}): Promise<TinyDecoderInfo> {
  const dir = path.join(sdDir, 'preview_decoder');
  const marker = path.join(dir, 'tiny-decoder.json');
  const existing = await fs.readFile(marker, 'utf8').then((t) => JSON.parse(t) as { version: number; info: TinyDecoderInfo }, () => undefined);
  if (existing?.version === VERSION) return existing.info;
  await fs.rm(dir, { recursive: true, force: true });
  const net = buildTinyDecoder();
  await net.w.write(net.g, dir, 'model.onnx', 'model.onnx_data', 'Tessera full-compute benchmark model: TAESD decoder architecture, random (seeded) weights; not trained.');
  const info = { file: path.join(dir, 'model.onnx'), parameters: net.w.parameters, flopsPerRun: net.flops.flops };
  log(`  ${path.relative(process.cwd(), info.file)}: ${(info.parameters / 1e6).toFixed(2)} M parameters, ${(info.flopsPerRun / 1e9).toFixed(1)} GFLOPs at 512²`);
  await fs.writeFile(marker, JSON.stringify({ version: VERSION, info }, null, 2) + '\n');
  return info;
}
