// A subject batch (background-removal model, no prompts) on real redis-server and `tessera worker` processes: the
// spec travels with prompt mode subject and --review-below, the workers serve the background-removal model, the
// follower records every entry with its confidence and writes review.jsonl.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { readManifestLines, tessera } from '../batch/batch-cli.ts';
import { demoModel } from '../demo-pack.ts';
import { drawImage } from '../segment/draw.ts';
import { WorkerProcess } from './worker-process.ts';

const IMAGES = 6;
let root: string;
let redis: RedisServerFixture;
let workers: WorkerProcess[] = [];

beforeAll(async () => {
  root = await makeTempDir('tessera-distributed-subject-');
  redis = await RedisServerFixture.start({});
  for (let i = 0; i < IMAGES; i++) {
    const shape: DrawnShape = { width: 64, height: 64, shape: 'disc', geometry: [32, 32, 20], fg: [30, 50, 210], bg: [235, 235, 235] };
    await writeDrawn(path.join(root, 'in', `img-${i}.png`), shape);
  }
  const pair = drawImage(120, 60, [235, 235, 235], [
    { kind: 'disc', cx: 25, cy: 30, r: 18, colour: [200, 20, 20] },
    { kind: 'disc', cx: 95, cy: 30, r: 18, colour: [200, 20, 20] },
  ]);
  await sharp(Buffer.from(pair.data), { raw: { width: 120, height: 60, channels: 3 } }).png().toFile(path.join(root, 'in', 'pair.png'));
  workers = ['a', 'b'].map((name) => new WorkerProcess(name, redis.url, demoModel('demo-rembg-u2net'), {}));
  await Promise.all(workers.map((w) => w.ready()));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('a subject batch on Redis workers', () => {
  it('every image done once with its confidence; the doubtful one marked and listed in review.jsonl', async () => {
    const out = path.join(root, 'out');
    const run = await tessera(['batch', 'cutout', '--model', demoModel('demo-rembg-u2net'), '--in', path.join(root, 'in'), '--out', out, '--review-below', '0.8', '--redis', redis.url, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const lines = await readManifestLines(out);
    const done = lines.filter((l) => l.status === 'done');
    expect(done.map((l) => l.input).sort()).toEqual([...Array.from({ length: IMAGES }, (_, i) => `img-${i}.png`), 'pair.png'].sort());
    for (const entry of done) {
      expect(entry.parameters).toMatchObject({ prompt: 'subject', reviewBelow: 0.8 });
      expect(entry.result).toMatchObject({ review: entry.input === 'pair.png' });
      expect(typeof entry.result?.confidence).toBe('number');
    }
    const review = (await fs.readFile(path.join(out, 'review.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { input: string });
    expect(review.map((r) => r.input)).toEqual(['pair.png']);
  });
});
