// One VAE decode of a 1024² image (a [1, 4, 128, 128] latent) on the full-compute VAE decoder, untiled or tiled, in
// a process of its own so its peak RSS is that decode's alone. Run by bench/memory-fields.ts; as a script:
// vae-tiling-child.ts <sdDir> <tiled 0|1> <size>.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeLatents } from '../native-models/pipelines/diffusion/vae-codec.ts';
import { DEFAULT_VAE_TILING } from '../native-models/pipelines/diffusion/tiled-vae.ts';
import { OnnxModel } from '../native-models/runtime/index.ts';
import { runJsonChild } from './json-child.ts';
import { peakRssMb } from './stats.ts';

export interface VaeDecodeChildResult {
  tiled: boolean;
  decodeMs: number;
  peakRssMb: number;
}

async function childMain(sdDir: string, tiled: boolean, size: number): Promise<VaeDecodeChildResult> {
  const vae = await OnnxModel.load(path.join(sdDir, 'vae_decoder', 'model.onnx'), { provider: 'cpu' });
  const cells = size / 8;
  let state = 7;
  const latents = Float32Array.from({ length: 4 * cells * cells }, () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.5);
  const started = performance.now();
  await decodeLatents(vae, latents, [1, 4, cells, cells], 0.18215, tiled ? DEFAULT_VAE_TILING : undefined);
  const decodeMs = performance.now() - started;
  await vae.release();
  return { tiled, decodeMs, peakRssMb: peakRssMb() };
}

/** Parent side: one decode in a fresh Node process. */
export function runVaeDecodeChild(sdDir: string, tiled: boolean, size: number): Promise<VaeDecodeChildResult> {
  return runJsonChild(fileURLToPath(import.meta.url), [sdDir, tiled ? '1' : '0', String(size)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sdDir, tiled, size] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await childMain(sdDir!, tiled === '1', Number(size))) + '\n');
}
