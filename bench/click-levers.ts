// Session-option levers for the click's tail, side by side in one process: every lever's SamSegmenter on the demo
// decoder (BENCHMARKS.md, "Click latency: where the time goes"), taking turns of clicks in rounds whose order is
// reversed every other round, so that a shared machine's load weighs on all alike. Prints each lever's p50 / p95,
// in how many rounds its median beat the default's, and whether its masks equal the default's bit for bit.
//   node --import tsx bench/click-levers.ts [--rounds=20] [--clicks=10] [--decoder=int8|float] [--only=lever,lever] [--json=FILE]
// (--json writes every click's time with its round's 1-minute load average, to split the figures by load.)
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureSamDecoderVariant, ensureSamFullPair } from '../native-models/demo/full-compute/write-full-compute-pack.ts';
import { SamSegmenter, type PredictResult } from '../native-models/pipelines/segment/index.ts';
import { SessionCache, type SessionCacheOptions } from '../native-models/runtime/index.ts';
import { benchImage, clickPoint, idleBeforeClick } from './sam-latency.ts';
import { median, quantile } from './stats.ts';

/** Each lever is session options on top of the bench's (`provider: 'cpu'`, ONNX Runtime's default threads). */
const LEVERS: Record<string, SessionCacheOptions> = {
  default: {},
  'threads-2': { threads: 2 },
  'dynamic-block-base-4': { sessionConfig: { 'session.dynamic_block_base': '4' } },
  'dynamic-block-base-1': { sessionConfig: { 'session.dynamic_block_base': '1' } },
  'denormal-as-zero': { sessionConfig: { 'session.set_denormal_as_zero': '1' } },
  'env-allocators': { sessionConfig: { 'session.use_env_allocators': '1' } },
  'no-spinning': { sessionConfig: { 'session.intra_op.allow_spinning': '0' } },
  'no-spinning+dynamic-block-base-4': { sessionConfig: { 'session.intra_op.allow_spinning': '0', 'session.dynamic_block_base': '4' } },
};

const flags = process.argv.slice(2);
const flag = (name: string): string | undefined => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
const rounds = Number(flag('rounds') ?? 20);
const clicksPerRound = Number(flag('clicks') ?? 10);
const levers = flag('only')?.split(',') ?? Object.keys(LEVERS);
if (!levers.includes('default')) levers.unshift('default');
for (const lever of levers) if (!LEVERS[lever]) throw new Error(`unknown lever "${lever}", expected one of ${Object.keys(LEVERS).join(', ')}`);

const log = (m: string) => process.stderr.write(`${m}\n`);
const pair = await ensureSamFullPair('sam-vit-b-full', undefined, log);
const decoder = await ensureSamDecoderVariant(pair.samDir, flag('decoder') === 'float' ? 'single-mask' : 'single-mask-int8', log);
// One encoder run for all levers: the first segmenter writes the embedding to this folder, the others read it.
const embeddings = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-click-levers-'));
const segmenters: SamSegmenter[] = [];
const caches: SessionCache[] = [];
try {
  for (const lever of levers) {
    caches.push(new SessionCache({ provider: 'cpu', ...LEVERS[lever] }));
    // Each lever's own session on every click, never SamSegmenter's switch to its non-spinning one on a busy machine.
    const segmenter = await SamSegmenter.open(decoder.samDir, { sessions: caches.at(-1), dir: embeddings, cpusBusy: () => false });
    await segmenter.setImage(benchImage(1));
    segmenters.push(segmenter);
  }
  const samples = levers.map(() => [] as number[]);
  const roundMedians = levers.map(() => [] as number[]);
  const masks = levers.map(() => new Map<number, PredictResult>());
  const roundLoads: number[] = [];
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    roundLoads.push(os.loadavg()[0]!);
    const order = round % 2 === 0 ? [...levers.keys()] : [...levers.keys()].reverse();
    for (const k of order) {
      const segmenter = segmenters[k]!;
      await segmenter.predict({ points: [clickPoint(segmenter, 0)] }); // untimed: the decoder's weights back in cache
      const times: number[] = [];
      for (let i = 1; i <= clicksPerRound; i++) {
        const click = round * clicksPerRound + i;
        await idleBeforeClick();
        const t = performance.now();
        const result = await segmenter.predict({ points: [clickPoint(segmenter, click)] });
        times.push(performance.now() - t);
        if (round < 2) masks[k]!.set(click, result);
      }
      samples[k]!.push(...times);
      roundMedians[k]!.push(median(times));
    }
  }
  const same = (a: PredictResult, b: PredictResult) =>
    Buffer.compare(Buffer.from(a.best.mask.data), Buffer.from(b.best.mask.data)) === 0 &&
    Buffer.compare(Buffer.from(a.best.lowResLogits.buffer, a.best.lowResLogits.byteOffset, a.best.lowResLogits.byteLength), Buffer.from(b.best.lowResLogits.buffer, b.best.lowResLogits.byteOffset, b.best.lowResLogits.byteLength)) === 0 &&
    a.best.score === b.best.score;
  const minutes = ((performance.now() - started) / 60000).toFixed(1);
  process.stdout.write(`${path.basename(decoder.decoder.file)}: ${rounds} rounds × ${clicksPerRound} clicks per lever, ${minutes} min, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (${new Date().toISOString()})\n`);
  for (const [k, lever] of levers.entries()) {
    const beat = roundMedians[k]!.filter((m, r) => m < roundMedians[0]![r]!).length;
    const identical = [...masks[k]!].every(([click, result]) => same(result, masks[0]!.get(click)!));
    const s = samples[k]!;
    process.stdout.write(`${lever.padEnd(34)} p50 ${median(s).toFixed(1).padStart(6)}  p95 ${quantile(s, 0.95).toFixed(1).padStart(6)} ms  round median below default's in ${k === 0 ? '-' : `${beat} of ${rounds}`}; masks ${identical ? 'identical' : 'DIFFER'}\n`);
  }
  const json = flag('json');
  if (json) await fs.writeFile(json, JSON.stringify({ levers, clicksPerRound, roundLoads, samples }) + '\n');
} finally {
  await Promise.all([...segmenters.map((s) => s.release()), ...caches.map((c) => c.releaseAll())]);
  await fs.rm(embeddings, { recursive: true, force: true });
}
