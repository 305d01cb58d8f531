// The cut-out job's output options (crop, feather, no mask) with the colour-region stand-in for SAM: a cropped
// cut-out is the shape's bounding box widened by the feather, a feathered alpha has soft edges, and without the
// mask only the cut-out is planned, written and recorded.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRunner } from '../../../../native-models/batch/batch-runner.ts';
import type { ManifestEntry } from '../../../../native-models/batch/manifest-entry.ts';
import { createCutoutJob, type CutoutJobOptions } from '../../../../native-models/batch/processors/cutout-job.ts';
import { ColourRegionSegmenter } from '../fixtures/colour-region-segmenter.ts';
import { writeDrawn, type DrawnShape } from '../fixtures/drawn-images.ts';

let root: string;
// A 60×40 red rectangle from (10, 8) to (50, 32) (exclusive) on white: its bounding box is 40×24 at (10, 8).
const RECT: DrawnShape = { width: 60, height: 40, shape: 'rect', geometry: [10, 8, 50, 32], fg: [220, 30, 30], bg: [235, 235, 235] };

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-cutout-options-'));
  await writeDrawn(path.join(root, 'in', 'rect.png'), RECT);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function run(out: string, options: Pick<CutoutJobOptions, 'crop' | 'featherPx' | 'writeMask'>) {
  const inputDir = path.join(root, 'in');
  const outputDir = path.join(root, out);
  const job = await createCutoutJob({ inputDir, outputDir, segmenter: new ColourRegionSegmenter(), ...options });
  const summary = await new BatchRunner({ outputDir, inputDir }).run(job);
  const lines = (await fs.readFile(path.join(outputDir, 'manifest.jsonl'), 'utf8')).trim().split('\n').filter((l) => !l.startsWith('{"type":"header"')).map((l) => JSON.parse(l) as ManifestEntry);
  return { summary, done: lines.find((l) => l.status === 'done')!, outputDir };
}

describe('cut-out options', () => {
  it('crop: the cut-out is the bounding box (40×24), recorded as cropBox', async () => {
    const { summary, done, outputDir } = await run('crop', { crop: true });
    expect(summary.done).toBe(1);
    const meta = await sharp(path.join(outputDir, 'rect.cutout.png')).metadata();
    expect([meta.width, meta.height]).toEqual([40, 24]);
    expect(done).toMatchObject({ parameters: { prompt: 'center', crop: true }, result: { cropBox: [10, 8, 40, 24] } });
  });

  it('crop with feather 3: the box widens by 3 on each side (46×30) and the edge alpha is partial', async () => {
    const { outputDir, done } = await run('feather', { crop: true, featherPx: 3 });
    const { data, info } = await sharp(path.join(outputDir, 'rect.cutout.png')).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([46, 30, 4]);
    const alphaAt = (x: number, y: number) => data[(y * info.width + x) * 4 + 3];
    // A (2·3+1)-wide box mean along the row (rows 12–18 of column blur are all inside the shape at y = 15):
    expect(alphaAt(23, 15)).toBe(255); // the centre, far from any edge
    expect(alphaAt(0, 15)).toBe(Math.round((255 * 1) / 7)); // image x = 7: 1 of 7 pixels (x = 10) inside → 36
    expect(alphaAt(3, 15)).toBe(Math.round((255 * 4) / 7)); // image x = 10, the first shape column: 4 of 7 → 146
    expect(done.parameters).toMatchObject({ crop: true, featherPx: 3 });
  });

  it('writeMask false: only the cut-out is written and listed', async () => {
    const { done, outputDir } = await run('no-mask', { writeMask: false });
    expect(done.outputs).toEqual(['rect.cutout.png']);
    expect((await fs.readdir(outputDir)).sort()).toEqual(['manifest.jsonl', 'rect.cutout.png']);
    expect(done.parameters).toEqual({ prompt: 'center', writeMask: false });
  });

  it('a negative feather is refused before anything runs', async () => {
    await expect(run('bad', { featherPx: -1 })).rejects.toThrow(/feather: got -1, expected an integer >= 0/);
  });
});
