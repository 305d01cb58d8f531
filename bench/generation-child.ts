// Text-to-image at 512×512 in a child process of its own, so its peak RSS is the generation's alone:
// wall time of each run against the summed model run times inside it, the UNet step times, and the peak RSS.
// Run by bench/run.ts; as a script: generation-child.ts <sdDir> <steps,steps> <reps> <lowMemory 0|1> [size] [guidance].
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiffusionModel, generateImages } from '../native-models/pipelines/diffusion/index.ts';
import { SessionCache } from '../native-models/runtime/index.ts';
import { runJsonChild } from './json-child.ts';
import { openMatmulProbe } from './matmul-rate.ts';
import { RunTimer } from './run-timer.ts';
import { peakRssMb } from './stats.ts';

export interface GenerationRun {
  steps: number;
  wallMs: number;
  modelRunMs: number;
  unetRunMs: number[];
}

export interface GenerationChildResult {
  lowMemory: boolean;
  runs: GenerationRun[];
  /** 2048³ MatMul times, a few before each generation (normal mode only): the matrix rate over the same minutes. */
  matmulRunMs: number[];
  peakRssMb: number;
}

/** MatMuls timed before each generation. */
const MATMULS_PER_GENERATION = 4;

const PROMPT = 'a lighthouse on a cliff at sunset, oil painting, dramatic sky';

async function childMain(sdDir: string, stepsList: number[], reps: number, lowMemory: boolean, size: number, guidance: number): Promise<GenerationChildResult> {
  const timer = new RunTimer().install();
  const sessions = new SessionCache({ provider: 'cpu', lowMemory });
  // the mode asked for, whatever RAM is free: the bench measures each mode, the guard is not under test here
  const model = await DiffusionModel.open(sdDir, sessions, { availableBytes: Number.POSITIVE_INFINITY });
  // Normal mode: load the sessions it keeps before timing, as a running app has them loaded; low-memory mode loads
  // per use by design, so its wall time includes the loads. The text encoder is loaded per prompt in both modes:
  // the first run pays its load, the later ones (same prompt) reuse the conditioning.
  await model.loadSessions();
  const runs: GenerationRun[] = [];
  const matmul = lowMemory ? undefined : await openMatmulProbe();
  const matmulRunMs: number[] = [];
  for (const steps of stepsList) {
    for (let rep = 0; rep < reps; rep++) {
      if (matmul) matmulRunMs.push(...(await matmul.time(MATMULS_PER_GENERATION)));
      timer.reset(); // the MatMuls above are not part of the generation's model time
      const started = performance.now();
      await generateImages(model, { prompt: PROMPT, negativePrompt: 'blurry', steps, guidance, seed: 1000 + rep, width: size, height: size });
      runs.push({ steps, wallMs: performance.now() - started, modelRunMs: timer.totalMs, unetRunMs: timer.runsOf(`${path.sep}unet${path.sep}`) });
      process.stderr.write(`  generation ${steps} steps${lowMemory ? ' (low-memory)' : ''}: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  }
  if (matmul) matmulRunMs.push(...(await matmul.time(MATMULS_PER_GENERATION)));
  await matmul?.release();
  await sessions.releaseAll();
  return { lowMemory, runs, matmulRunMs, peakRssMb: peakRssMb() };
}

/** Parent side: runs the generations in a fresh Node process and returns its report. */
export function runGenerationChild(sdDir: string, stepsList: number[], reps: number, lowMemory: boolean, size = 512, guidance = 7.5): Promise<GenerationChildResult> {
  return runJsonChild(fileURLToPath(import.meta.url), [sdDir, stepsList.join(','), String(reps), lowMemory ? '1' : '0', String(size), String(guidance)]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sdDir, steps, reps, low, size, guidance] = process.argv.slice(2);
  const result = await childMain(sdDir!, steps!.split(',').map(Number), Number(reps), low === '1', Number(size ?? 512), Number(guidance ?? 7.5));
  process.stdout.write(JSON.stringify(result) + '\n');
}
