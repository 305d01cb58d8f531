// SDXL through batch: `tessera batch generate` on demo-sdxl takes SDXL's regime size (1024²) when none is given;
// batch generate and img2img with `--refiner` hand each image over to demo-sdxl-refiner exactly as the engine API
// does (byte-identical pixels, A1111's "Refiner" keys in the PNG); and the same generate batch submitted to a real
// redis-server with a `tessera worker` over the demo pack makes the same bytes (the refiner travels by its name).
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeRgb } from '../../../native-models/image/decode-image.ts';
import { readPngTextChunks } from '../../../native-models/image/png-metadata/png-text-chunks.ts';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeDrawn } from '../../unit/batch/fixtures/drawn-images.ts';
import { readManifestLines, tessera } from '../batch/batch-cli.ts';
import { demoModel, demoPackDir } from '../demo-pack.ts';
import { openDemo } from '../diffusion/diffusion-test-kit.ts';
import { WorkerProcess } from './worker-process.ts';

let root: string;
let redis: RedisServerFixture;
let worker: WorkerProcess;
beforeAll(async () => {
  root = await makeTempDir('tessera-sdxl-batch-');
  await fs.writeFile(path.join(root, 'prompts.txt'), 'a red circle\n');
  await writeDrawn(path.join(root, 'in', 'square.png'), { width: 128, height: 64, shape: 'rect', geometry: [32, 16, 96, 48], fg: [30, 50, 210], bg: [40, 40, 40] });
  redis = await RedisServerFixture.start();
  worker = new WorkerProcess('sdxl', redis.url, demoPackDir());
  await worker.ready();
});
afterAll(async () => {
  await worker?.stop();
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

const GEN = ['--steps', '10', '--scheduler', 'euler', '--guidance', '1', '--seed', '7', '--json'];
const REFINER = ['--refiner', demoModel('demo-sdxl-refiner'), '--refiner-start', '0.7'];
const raw = async (file: string) => Buffer.from(await sharp(await fs.readFile(file)).raw().toBuffer());
const infotext = async (file: string) => readPngTextChunks(new Uint8Array(await fs.readFile(file))).find((c) => c.keyword === 'parameters')!.text;

describe('SDXL batch', () => {
  it('batch generate takes SDXL\'s 1024² when no size is given', async () => {
    const out = path.join(root, 'default-size');
    const run = await tessera(['batch', 'generate', '--model', demoModel('demo-sdxl'), '--prompts', path.join(root, 'prompts.txt'), '--out', out, '--steps', '1', '--guidance', '1', '--seed', '1', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const meta = await sharp(path.join(out, 'prompts-L0001-1.png')).metadata();
    expect([meta.width, meta.height]).toEqual([1024, 1024]);
  });

  it('batch generate --refiner hands over as the engine does, locally and through redis', async () => {
    const local = path.join(root, 'gen-local');
    const args = ['batch', 'generate', '--model', demoModel('demo-sdxl'), '--prompts', path.join(root, 'prompts.txt'), '--width', '96', '--height', '64', ...GEN, ...REFINER];
    const run = await tessera([...args, '--out', local]);
    expect(run.code, run.stderr).toBe(0);
    const file = path.join(local, 'prompts-L0001-1.png');
    const settings = { prompt: 'a red circle', steps: 10, seed: 7, width: 96, height: 64, scheduler: 'euler', guidance: 1 };
    const [expected] = await generateImages(await openDemo('demo-sdxl'), settings, { refiner: { model: await openDemo('demo-sdxl-refiner'), switchAt: 0.7 } });
    expect((await raw(file)).equals(Buffer.from(expected!.image.data))).toBe(true);
    expect(await infotext(file)).toContain('Refiner: demo-sdxl-refiner, Refiner switch at: 0.7');

    const remote = path.join(root, 'gen-redis');
    const submitted = await tessera([...args, '--out', remote, '--redis', redis.url]);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect((await readManifestLines(remote)).filter((l) => l.status === 'done')).toHaveLength(1);
    expect((await raw(path.join(remote, 'prompts-L0001-1.png'))).equals(await raw(file))).toBe(true);
  });

  it('batch img2img --refiner continues the img2img tail with the refiner', async () => {
    const out = path.join(root, 'img2img');
    const run = await tessera(['batch', 'img2img', '--model', demoModel('demo-sdxl'), '--in', path.join(root, 'in'), '--out', out, '--prompt', 'a red circle', '--strength', '0.6', ...GEN, ...REFINER]);
    expect(run.code, run.stderr).toBe(0);
    const written = (await fs.readdir(out)).find((f) => f.endsWith('.png'))!;
    const initImage = await decodeRgb(path.join(root, 'in', 'square.png'));
    const settings = { prompt: 'a red circle', steps: 10, seed: 7, width: 128, height: 64, scheduler: 'euler', guidance: 1, strength: 0.6, initImage };
    const [expected] = await generateImages(await openDemo('demo-sdxl'), settings, { refiner: { model: await openDemo('demo-sdxl-refiner'), switchAt: 0.7 } });
    const [baseOnly] = await generateImages(await openDemo('demo-sdxl'), settings);
    expect((await raw(path.join(out, written))).equals(Buffer.from(expected!.image.data))).toBe(true);
    expect(Buffer.from(baseOnly!.image.data).equals(Buffer.from(expected!.image.data))).toBe(false);
    expect(await infotext(path.join(out, written))).toContain('Refiner: demo-sdxl-refiner');
  });
});
