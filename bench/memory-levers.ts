// Where a generation's memory goes: one text-to-image generation per lever, each in a process of its own, printing
// peak RSS ÷ the weight bytes on disk. Usage (the folder from `tessera models make-demo --full-compute DIR`):
//   node --import tsx bench/memory-levers.ts DIR/sd15-full [--size=512] [--steps=2] [--only=lever,lever]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiffusionModel, generateImages } from '../native-models/pipelines/diffusion/index.ts';
import { SessionCache, type SessionCacheOptions } from '../native-models/runtime/index.ts';
import { peakRssMb } from './stats.ts';

/**
 * Each lever is session options on top of normal mode; `lowMemory` is the app's low-memory mode (one stage alive).
 * The arena and the memory pattern are chosen per network now (diffusion-model.ts: the UNet keeps the arena without
 * the pattern, the VAE runs without the arena), which these cache-wide options do not override; their figures are
 * from bench/network-memory-probe.ts and bench/generation-memory-timeline.ts.
 */
const LEVERS: Record<string, SessionCacheOptions> = {
  normal: {},
  'device-allocator-for-initializers': { sessionConfig: { 'session.use_device_allocator_for_initializers': '1' } },
  'prepacking-off': { sessionConfig: { 'session.disable_prepacking': '1' } },
  'low-memory': { lowMemory: true },
};

const PARTS = ['text_encoder', 'unet', 'vae_decoder'];

function weightBytes(sdDir: string): number {
  let total = 0;
  for (const part of PARTS) for (const file of fs.readdirSync(path.join(sdDir, part))) if (!file.endsWith('.json')) total += fs.statSync(path.join(sdDir, part, file)).size;
  return total;
}

async function child(sdDir: string, lever: string, size: number, steps: number): Promise<void> {
  const options = LEVERS[lever]!;
  const sessions = new SessionCache({ provider: 'cpu', ...options });
  const model = await DiffusionModel.open(sdDir, sessions, { availableBytes: Number.POSITIVE_INFINITY }); // the mode asked for: the guard is not measured here
  await generateImages(model, { prompt: 'a lighthouse on a cliff', negativePrompt: 'blurry', steps, guidance: 7.5, seed: 1, width: size, height: size });
  await sessions.releaseAll();
  process.stdout.write(JSON.stringify({ peakRssMb: peakRssMb() }) + '\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [sdDir, ...flags] = process.argv.slice(2);
  const flag = (name: string): string | undefined => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
  const size = Number(flag('size') ?? 512);
  const steps = Number(flag('steps') ?? 2);
  if (flag('child')) await child(sdDir!, flag('child')!, size, steps);
  else {
    const weightsMb = weightBytes(sdDir!) / 2 ** 20;
    for (const lever of flag('only')?.split(',') ?? Object.keys(LEVERS)) {
      const started = performance.now();
      const run = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), sdDir!, `--size=${size}`, `--steps=${steps}`, `--child=${lever}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (run.status !== 0) throw new Error(`lever ${lever}: got exit code ${run.status}, expected 0`);
      const { peakRssMb: peak } = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { peakRssMb: number };
      process.stdout.write(`${lever.padEnd(44)} peak ${peak.toFixed(0).padStart(6)} MiB = ${(peak / weightsMb).toFixed(2)}× ${weightsMb.toFixed(0)} MiB of weights (${size}², ${steps} steps, ${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
    }
  }
}
