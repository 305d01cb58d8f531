// `tessera batch upscale` with the demo upscaler: every image of a folder (sub-folders too) upscaled exactly as the
// untiled engine call, a corrupt input failed on its own line, and a second run resumes: nothing redone, a new
// image alone done.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageUpscaler, decodeRgb } from '../../../native-models/index.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { hashTree, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { drawImage } from '../segment/draw.ts';

const SIZES: Record<string, [number, number]> = { 'a.png': [41, 37], 'sub/b.png': [70, 33] };
let root: string;
let upscaler: ImageUpscaler;

async function writeImage(file: string, [width, height]: [number, number]): Promise<void> {
  const image = drawImage(width, height, [40, 90, 200], [{ kind: 'disc', cx: width / 2, cy: height / 2, r: Math.min(width, height) / 3, colour: [250, 220, 30] }]);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await sharp(Buffer.from(image.data), { raw: { width, height, channels: 3 } }).png().toFile(file);
}

beforeAll(async () => {
  root = await makeTempDir('tessera-upscale-batch-');
  for (const [rel, size] of Object.entries(SIZES)) await writeImage(path.join(root, 'in', rel), size);
  await fs.writeFile(path.join(root, 'in', 'broken.png'), 'not a PNG\n');
  upscaler = await ImageUpscaler.open(demoModel('demo-upscaler-x4'));
});
afterAll(async () => {
  await upscaler.release();
  await fs.rm(root, { recursive: true, force: true });
});

describe('tessera batch upscale', () => {
  it('upscales the folder in tiles equal to the untiled engine result, then resumes', async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    const args = ['batch', 'upscale', '--model', demoModel('demo-upscaler-x4'), '--in', inputDir, '--out', out, '--recursive', '--tile', '32', '--json'];
    const result = await tessera(args);
    expect(result.code, result.stderr).not.toBe(0); // the corrupt input fails the run's exit status, the others are done
    const lines = await readManifestLines(out);
    const done = lines.filter((l) => l.status === 'done');
    expect(done.map((l) => l.input).sort()).toEqual(Object.keys(SIZES).sort());
    expect(lines.find((l) => l.input === 'broken.png')?.status).toBe('failed');
    for (const [rel, [w, h]] of Object.entries(SIZES)) {
      const entry = done.find((l) => l.input === rel)!;
      expect(entry.outputs).toEqual([`${rel}.upscaled.png`]);
      expect(entry.result).toMatchObject({ width: w * 4, height: h * 4, scale: 4 });
      expect(entry.result!.tiles as number).toBeGreaterThan(1);
      expect(entry.parameters).toMatchObject({ tile: 32 });
      const written = await decodeRgb(path.join(out, `${rel}.upscaled.png`));
      const reference = await upscaler.upscale(await decodeRgb(path.join(inputDir, rel)), { tile: 4096 });
      expect(Buffer.compare(Buffer.from(written.data), Buffer.from(reference.image.data)), rel).toBe(0);
    }

    const before = await hashTree(out);
    await writeImage(path.join(inputDir, 'c.png'), [33, 35]);
    const again = await tessera(args);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ alreadyDone: 2, done: 1 });
    const after = await hashTree(out);
    for (const [file, hash] of before) if (file !== 'manifest.jsonl') expect(after.get(file), file).toBe(hash);
    expect(after.has('c.png.upscaled.png')).toBe(true);
  });

  it('a background-removal model for an upscale batch is one clear error', async () => {
    const result = await tessera(['batch', 'upscale', '--model', demoModel('demo-rembg-u2net'), '--in', path.join(root, 'in'), '--out', path.join(root, 'out-wrong')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/MODEL_INVALID.*got no usable upscaler/);
  });
});
