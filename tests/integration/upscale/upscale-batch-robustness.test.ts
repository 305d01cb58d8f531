// Upscale batches under the conditions the other kinds already survive: `tessera batch upscale` SIGKILLed at random
// points then resumed (every image done exactly once, nothing finished before a kill rewritten, each output equal to
// the untiled engine result), and the same batch on a real redis-server served by a `tessera worker` process.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageUpscaler, decodeRgb } from '../../../native-models/index.ts';
import { ATOMIC_TEMP_PATTERN } from '../../../native-models/image/write-file-atomic.ts';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { CLI, hashTree, listFiles, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { runAndKill, seededRandom } from '../batch/kill-and-resume.ts';
import { demoModel } from '../demo-pack.ts';
import { WorkerProcess } from '../distributed/worker-process.ts';
import { drawImage } from '../segment/draw.ts';

const IMAGES = 8;
const KILLS = 2;
let root: string;
let upscaler: ImageUpscaler;
const inputs: string[] = [];

beforeAll(async () => {
  root = await makeTempDir('tessera-upscale-robust-');
  for (let i = 0; i < IMAGES; i++) {
    const [w, h] = [40 + (i % 3) * 8, 36 + (i % 2) * 8];
    const image = drawImage(w, h, [40, 90 + 10 * i, 200], [{ kind: 'disc', cx: w / 2, cy: h / 2, r: Math.min(w, h) / 3, colour: [250, 220 - 10 * i, 30] }]);
    const rel = `img-${String(i).padStart(2, '0')}.png`;
    await fs.mkdir(path.join(root, 'in'), { recursive: true });
    await sharp(Buffer.from(image.data), { raw: { width: w, height: h, channels: 3 } }).png().toFile(path.join(root, 'in', rel));
    inputs.push(rel);
  }
  upscaler = await ImageUpscaler.open(demoModel('demo-upscaler-x4'));
});
afterAll(async () => {
  await upscaler.release();
  await fs.rm(root, { recursive: true, force: true });
});

/** Every input has exactly one done line and its output equals the untiled upscale of the input. */
async function expectAllUpscaledOnce(out: string, what: string): Promise<void> {
  const lines = await readManifestLines(out);
  for (const rel of inputs) {
    expect(lines.filter((l) => l.input === rel && l.status === 'done'), `${what}: done lines of ${rel}`).toHaveLength(1);
    const written = await decodeRgb(path.join(out, `${rel}.upscaled.png`));
    const reference = await upscaler.upscale(await decodeRgb(path.join(root, 'in', rel)), { tile: 4096 });
    expect(Buffer.compare(Buffer.from(written.data), Buffer.from(reference.image.data)), `${what}: ${rel}`).toBe(0);
  }
  expect(lines.filter((l) => l.status === 'failed')).toEqual([]);
  const files = await listFiles(out);
  expect(files.filter((f) => ATOMIC_TEMP_PATTERN.test(path.basename(f)))).toEqual([]);
}

describe('upscale batches', () => {
  it(`SIGKILLed ${KILLS} times at random points, then resumed: every image done once, finished ones not redone`, async () => {
    const out = path.join(root, 'out-kill');
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const args = [CLI, 'batch', 'upscale', '--model', demoModel('demo-upscaler-x4'), '--in', path.join(root, 'in'), '--out', out, '--tile', '32', '--json'];
    const outcomes = [];
    for (let k = 0; k < KILLS; k++) outcomes.push(await runAndKill('node', args, 1 + Math.floor(random() * 6), Math.floor(random() * 30)));
    expect(outcomes.filter((o) => o.killed).length, `kill seed ${seed}: ${JSON.stringify(outcomes)}`).toBeGreaterThan(0);

    // What the kills left done must come through the resume untouched (same bytes, no second done line).
    const doneBefore = (await readManifestLines(out).catch(() => [])).filter((l) => l.status === 'done').map((l) => l.input);
    const hashesBefore = await hashTree(out).catch(() => new Map<string, string>());
    const final = await tessera(args.slice(1));
    expect(final.code, `kill seed ${seed}: ${final.stderr}`).toBe(0);
    expect(JSON.parse(final.stdout.trim().split('\n').at(-1)!), `kill seed ${seed}`).toMatchObject({ alreadyDone: doneBefore.length, done: IMAGES - doneBefore.length });
    const hashesAfter = await hashTree(out);
    for (const rel of doneBefore) expect(hashesAfter.get(`${rel}.upscaled.png`), `kill seed ${seed}: ${rel}`).toBe(hashesBefore.get(`${rel}.upscaled.png`));
    await expectAllUpscaledOnce(out, `kill seed ${seed}`);
  });

  it('on a real redis-server with a tessera worker process: every image done once, equal to the local result', async () => {
    const redis = await RedisServerFixture.start({});
    const workers = ['a'].map((name) => new WorkerProcess(name, redis.url, demoModel('demo-upscaler-x4'), {}));
    try {
      await Promise.all(workers.map((w) => w.ready()));
      const out = path.join(root, 'out-redis');
      const run = await tessera(['batch', 'upscale', '--model', demoModel('demo-upscaler-x4'), '--in', path.join(root, 'in'), '--out', out, '--tile', '32', '--redis', redis.url, '--json']);
      expect(run.code, run.stderr).toBe(0);
      await expectAllUpscaledOnce(out, 'redis');
      // The workers did the work (each line a worker reported), not the submitter.
      const served = workers.flatMap((w) => w.lines.filter((l) => l.type === 'job' && l.status === 'done').map((l) => l.input));
      expect(served.sort()).toEqual([...inputs].sort());
      const entry = (await readManifestLines(out)).find((l) => l.status === 'done')!;
      expect(entry.parameters).toMatchObject({ tile: 32 });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await redis.dispose();
    }
  });
});
