// The cut-out job's prompt mode `everything` with the colour-region stand-in for SAM: each image's outputs are its
// regions file alone (every mask, read back unchanged), segment-everything's options reach the segmenter and only
// those differing from EVERYTHING_DEFAULTS are recorded, options that make no sense in a mode are refused, and the
// folder's COCO / YOLO files are made from the regions files.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EverythingOptionValues } from '../../../../native-models/api/segment-everything-schemas.ts';
import { BatchRunner } from '../../../../native-models/batch/batch-runner.ts';
import { writeCutoutAnnotations } from '../../../../native-models/batch/cutout-annotations.ts';
import { readManifest } from '../../../../native-models/batch/manifest-reader.ts';
import { createCutoutJob, type CutoutJobOptions } from '../../../../native-models/batch/processors/cutout-job.ts';
import { readRegionsFile } from '../../../../native-models/batch/processors/regions-file.ts';
import type { ScoredMask } from '../../../../native-models/batch/processors/segmenter-port.ts';
import { expectCocoSchema } from '../../../fixtures/coco-schema.ts';
import { ColourRegionSegmenter } from '../fixtures/colour-region-segmenter.ts';
import { writeDrawn, type DrawnShape } from '../fixtures/drawn-images.ts';

/** Records the options each segment-everything call got. */
class RecordingSegmenter extends ColourRegionSegmenter {
  readonly calls: (Partial<EverythingOptionValues> | undefined)[] = [];
  found: ScoredMask[] = [];
  override async segmentEverything(options?: Partial<EverythingOptionValues>): Promise<ScoredMask[]> {
    this.calls.push(options);
    this.found = await super.segmentEverything();
    return this.found;
  }
}

let root: string;
// A red rectangle on white: segment-everything finds two regions, the rectangle and the background.
const RECT: DrawnShape = { width: 60, height: 40, shape: 'rect', geometry: [10, 8, 50, 32], fg: [220, 30, 30], bg: [235, 235, 235] };

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-everything-mode-'));
  await writeDrawn(path.join(root, 'in', 'rect.png'), RECT);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function run(out: string, options: Partial<CutoutJobOptions>, segmenter = new RecordingSegmenter()) {
  const inputDir = path.join(root, 'in');
  const outputDir = path.join(root, out);
  const job = await createCutoutJob({ inputDir, outputDir, segmenter, prompt: 'everything', ...options });
  await new BatchRunner({ outputDir, inputDir }).run(job);
  const done = [...(await readManifest(path.join(outputDir, 'manifest.jsonl'), 'cutout')).latest.values()].find((e) => e.status === 'done')!;
  return { done, outputDir, segmenter };
}

describe('cut-out prompt mode everything', () => {
  it('writes only rect.regions.json, holding every mask found (read back pixel for pixel, with scores)', async () => {
    const { done, outputDir, segmenter } = await run('all', { everything: { pointsPerSide: 4, minArea: 16 } });
    expect(done).toMatchObject({ outputs: ['rect.regions.json'], parameters: { prompt: 'everything', everything: { pointsPerSide: 4, minArea: 16 } }, result: { width: 60, height: 40, regions: 2 } });
    expect((await fs.readdir(outputDir)).sort()).toEqual(['manifest.jsonl', 'rect.regions.json']);
    expect(segmenter.calls).toEqual([{ pointsPerSide: 4, minArea: 16 }]);
    const read = await readRegionsFile(path.join(outputDir, 'rect.regions.json'), 'thing');
    expect(read.objects.map((o) => [o.name, o.score, [...o.mask.data]])).toEqual(segmenter.found.map((m) => ['thing', m.score, [...m.mask.data]]));
  });

  it('the folder COCO file lists every region of the image', async () => {
    const { outputDir } = await run('coco', {});
    const cocoPath = path.join(root, 'coco.json');
    expect(await writeCutoutAnnotations(outputDir, { cocoPath }, 'thing')).toBe(1);
    const coco = JSON.parse(await fs.readFile(cocoPath, 'utf8')) as { annotations: { bbox: number[] }[] };
    expectCocoSchema(coco);
    expect(coco.annotations.map((a) => a.bbox)).toContainEqual([10, 8, 40, 24]);
    expect(coco.annotations).toHaveLength(2);
  });

  it('options at their defaults are left out of the manifest (a resume compares them)', async () => {
    const { done } = await run('defaults', { everything: { pointsPerSide: 16, nmsThreshold: 0.7 } });
    expect(done.parameters).toEqual({ prompt: 'everything' });
  });

  it('refuses segment-everything options with a click mode, and cut-out options with everything', async () => {
    await expect(run('center', { prompt: 'center', everything: { pointsPerSide: 4 } })).rejects.toThrow(/segment-everything options \(pointsPerSide\): got prompt mode center, expected everything-largest or everything/);
    await expect(run('crop', { crop: true })).rejects.toThrow(/prompt mode everything writes no cut-out: got crop/);
  });
});
