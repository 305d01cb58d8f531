// The SDXL row (`npm run bench -- --only=sdxl`, BENCHMARKS.md "SDXL UNet"): the full-compute SDXL-base-sized UNet
// (2.57 B parameters) run through Tessera's runtime in a child process of its own, so its peak RSS is the UNet's
// alone: batch 2 (classifier-free guidance, as a generation runs it) at a given latent side, one untimed warm-up,
// then timed steps with 2048³ MatMuls sampled before and after them (the floor's rate over the same minutes).
// As a script: sdxl-unet-child.ts <modelFile> <latentSide> <steps>.
import { fileURLToPath } from 'node:url';
import { float32Tensor } from '../native-models/core/tensor.ts';
import { loadOnnxModel } from '../native-models/runtime/index.ts';
import { runJsonChild } from './json-child.ts';
import { openMatmulProbe } from './matmul-rate.ts';
import { peakRssMb, timeRuns } from './stats.ts';

export interface SdxlUnetChildResult {
  latentSide: number;
  loadMs: number;
  /** RSS right after the session was created, before any run. */
  loadedRssMb: number;
  warmupMs: number;
  stepMs: number[];
  matmulRunMs: number[];
  peakRssMb: number;
}

const BATCH = 2;
const MATMULS = 3;

async function childMain(modelFile: string, side: number, steps: number): Promise<SdxlUnetChildResult> {
  const started = performance.now();
  const unet = await loadOnnxModel(modelFile, { provider: 'cpu' });
  const loadMs = performance.now() - started;
  const loadedRssMb = process.memoryUsage().rss / 2 ** 20;
  const fill = (dims: number[], value: number) => float32Tensor(new Float32Array(dims.reduce((a, b) => a * b, 1)).fill(value), dims);
  const feed = {
    sample: fill([BATCH, 4, side, side], 0.5),
    timestep: fill([], 500),
    encoder_hidden_states: fill([BATCH, 77, 2048], 0.1),
    text_embeds: fill([BATCH, 1280], 0.1),
    time_ids: float32Tensor(new Float32Array([side * 8, side * 8, 0, 0, side * 8, side * 8, side * 8, side * 8, 0, 0, side * 8, side * 8]), [BATCH, 6]),
  };
  try {
    const warm = performance.now();
    await unet.run(feed);
    const warmupMs = performance.now() - warm;
    process.stderr.write(`  SDXL UNet ${side * 8}²: loaded in ${(loadMs / 1000).toFixed(1)} s, warm-up step ${(warmupMs / 1000).toFixed(1)} s\n`);
    const matmul = await openMatmulProbe();
    const matmulRunMs = await matmul.time(MATMULS);
    const stepMs = await timeRuns(steps, () => unet.run(feed));
    matmulRunMs.push(...(await matmul.time(MATMULS)));
    await matmul.release();
    return { latentSide: side, loadMs, loadedRssMb, warmupMs, stepMs, matmulRunMs, peakRssMb: peakRssMb() };
  } finally {
    await unet.release();
  }
}

export function runSdxlUnetChild(modelFile: string, latentSide: number, steps: number): Promise<SdxlUnetChildResult> {
  return runJsonChild(fileURLToPath(import.meta.url), [modelFile, String(latentSide), String(steps)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [modelFile, side, steps] = process.argv.slice(2);
  const result = await childMain(modelFile!, Number(side), Number(steps));
  process.stdout.write(JSON.stringify(result) + '\n');
}
