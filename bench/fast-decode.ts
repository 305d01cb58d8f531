// The few-step path (issue 21): a 1-step SD-Turbo-regime 512² text-to-image (guidance 0: one UNet evaluation at
// batch 1) end to end, with the full VAE and with fast decode (the tiny decoder), each ÷ that generation's own UNet
// run. Both forms alternate within one child process, every session loaded first, as in a running app.
// Run by bench/run.ts; as a script: fast-decode.ts <sdDir> <reps>.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiffusionModel, generateImages } from '../native-models/pipelines/diffusion/index.ts';
import { SessionCache } from '../native-models/runtime/index.ts';
import { runJsonChild } from './json-child.ts';
import { RunTimer } from './run-timer.ts';
import { median } from './stats.ts';
import { ms, ratio, type Row } from './results-table.ts';

interface FewStepRun {
  fastDecode: boolean;
  wallMs: number;
  unetMs: number;
}

export interface FewStepTimes {
  runs: FewStepRun[];
  /** Median of wall ÷ UNet run, per form. */
  vaeRatio: number;
  fastRatio: number;
  vaeWallMs: number;
  fastWallMs: number;
  unetMs: number;
}

const PROMPT = 'a lighthouse on a cliff at sunset';

async function childMain(sdDir: string, reps: number): Promise<FewStepRun[]> {
  const timer = new RunTimer().install();
  const sessions = new SessionCache({ provider: 'cpu' });
  const model = await DiffusionModel.open(sdDir, sessions, { availableBytes: Number.POSITIVE_INFINITY }); // the mode asked for: the guard is not measured here
  await model.loadSessions();
  // one untimed image first: the text encoder is loaded per new prompt (≈ 0.3–0.5 s for this pack's CLIP-L), and the
  // rounds below measure the regenerate-with-another-seed case, where the prompt's conditioning is reused
  await generateImages(model, { prompt: PROMPT, steps: 1, guidance: 0, seed: 0, width: 512, height: 512, fastDecode: true });
  const runs: FewStepRun[] = [];
  for (let rep = 0; rep < reps; rep++) {
    // the order flips each round, so neither form always runs first after the other's caches
    for (const fastDecode of rep % 2 === 0 ? [false, true] : [true, false]) {
      timer.reset();
      const started = performance.now();
      await generateImages(model, { prompt: PROMPT, steps: 1, guidance: 0, seed: 1 + rep, width: 512, height: 512, fastDecode });
      const wallMs = performance.now() - started;
      runs.push({ fastDecode, wallMs, unetMs: timer.runsOf(`${path.sep}unet${path.sep}`).reduce((a, b) => a + b, 0) });
      process.stderr.write(`  1-step 512² ${fastDecode ? 'fast decode' : 'VAE'}: ${(wallMs / 1000).toFixed(1)} s\n`);
    }
  }
  await sessions.releaseAll();
  return runs;
}

export async function measureFewStep(sdDir: string, reps: number): Promise<FewStepTimes> {
  const runs = await runJsonChild<FewStepRun[]>(fileURLToPath(import.meta.url), [sdDir, String(reps)]);
  const of = (fast: boolean) => runs.filter((r) => r.fastDecode === fast);
  return {
    runs,
    vaeRatio: median(of(false).map((r) => r.wallMs / r.unetMs)),
    fastRatio: median(of(true).map((r) => r.wallMs / r.unetMs)),
    vaeWallMs: median(of(false).map((r) => r.wallMs)),
    fastWallMs: median(of(true).map((r) => r.wallMs)),
    unetMs: median(runs.map((r) => r.unetMs)),
  };
}

export function fewStepFields(t: FewStepTimes): Record<string, number> {
  return {
    few_step_1_step_vae_ms: t.vaeWallMs,
    few_step_1_step_fast_decode_ms: t.fastWallMs,
    few_step_unet_ms: t.unetMs,
    few_step_vae_vs_unet: t.vaeRatio,
    few_step_fast_decode_vs_unet: t.fastRatio,
    few_step_samples: t.runs.length / 2,
  };
}

export function fewStepRows(t: FewStepTimes): Row[] {
  return [
    ['1 step 512², SD-Turbo regime, full VAE', `${ms(t.vaeWallMs)} = ${ratio(t.vaeRatio)} one UNet evaluation (${ms(t.unetMs)})`],
    ['1 step 512², fast decode (TAESD-sized)', `${ms(t.fastWallMs)} = ${ratio(t.fastRatio)} one UNet evaluation (goal ≤ 1.25×; ${t.runs.length / 2} runs each)`],
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sdDir, reps] = process.argv.slice(2);
  process.stdout.write(JSON.stringify(await childMain(sdDir!, Number(reps))) + '\n');
}
