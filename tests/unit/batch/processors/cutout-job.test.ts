// The cut-out job through the BatchRunner with a colour-region stand-in for SAM (no ONNX): each prompt mode
// cuts out the drawn shape (IoU ≥ 0.9), corrupt files fail as items, non-images are skipped, sidecars read.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchRunner } from '../../../../native-models/batch/batch-runner.ts';
import type { ManifestEntry } from '../../../../native-models/batch/manifest-entry.ts';
import { createCutoutJob, type CutoutPromptMode } from '../../../../native-models/batch/processors/cutout-job.ts';
import { ColourRegionSegmenter } from '../fixtures/colour-region-segmenter.ts';
import type { RgbImage } from '../../../../native-models/image/rgb-image.ts';
import { CUTOUT_SHAPES, NON_IMAGES, writeCutoutFolder } from '../fixtures/cutout-folder.ts';
import { expectCutoutMatches } from '../fixtures/cutout-checks.ts';

let root: string;
let corrupt: string[];
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-cutout-job-'));
  ({ corrupt } = await writeCutoutFolder(path.join(root, 'in'), { boxes: true, noBoxFor: 'wide.webp' }));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function runMode(prompt: CutoutPromptMode, out: string) {
  const inputDir = path.join(root, 'in');
  const outputDir = path.join(root, out);
  const job = await createCutoutJob({ inputDir, outputDir, recursive: true, prompt, segmenter: new ColourRegionSegmenter() });
  const summary = await new BatchRunner({ outputDir, inputDir }).run(job);
  const lines = (await fs.readFile(path.join(outputDir, 'manifest.jsonl'), 'utf8')).trim().split('\n').filter((l) => !l.startsWith('{"type":"header"')).map((l) => JSON.parse(l) as ManifestEntry);
  return { summary, lines, outputDir };
}

describe('cutout job', () => {
  it.each(['center', 'everything-largest'] as const)('prompt %s cuts out every drawn shape; corrupt files fail, non-images are skipped', async (mode) => {
    const { summary, lines, outputDir } = await runMode(mode, `out-${mode}`);
    const shapes = Object.keys(CUTOUT_SHAPES);
    expect(summary).toMatchObject({ outcome: 'completed', total: shapes.length + corrupt.length, done: shapes.length, failed: corrupt.length, skipped: NON_IMAGES.length });
    for (const [rel, shape] of Object.entries(CUTOUT_SHAPES)) await expectCutoutMatches(outputDir, rel, shape);
    const failed = lines.filter((l) => l.status === 'failed');
    expect(failed.map((l) => [l.input, l.code])).toEqual([
      ['empty.png', 'IMAGE_UNREADABLE'],
      ['text.jpg', 'IMAGE_UNREADABLE'],
      ['truncated.png', 'IMAGE_UNREADABLE'],
    ]);
    expect(failed[0].error).toMatch(/empty\.png: got an empty file \(0 bytes\)/);
    expect(lines.filter((l) => l.status === 'skipped').map((l) => l.input)).toEqual(NON_IMAGES);
    const done = lines.find((l) => l.status === 'done' && l.input === 'sub/x.png');
    expect(done).toMatchObject({ job: 'cutout', outputs: ['sub/x.cutout.png', 'sub/x.mask.png'], parameters: { prompt: mode }, result: { width: 72, height: 56, area: 60 * 44 } });
    expect(done?.hash).toMatch(/^[0-9a-f]{64}$/);
    if (mode === 'center') expect(done?.result?.point).toEqual([36, 28]);
  });

  it('prompt box-file reads each sidecar; a missing sidecar fails that image with a clear error', async () => {
    const { summary, lines, outputDir } = await runMode('box-file', 'out-box');
    expect(summary.done).toBe(Object.keys(CUTOUT_SHAPES).length - 1);
    for (const [rel, shape] of Object.entries(CUTOUT_SHAPES)) if (rel !== 'wide.webp') await expectCutoutMatches(outputDir, rel, shape);
    const missing = lines.find((l) => l.input === 'wide.webp');
    expect(missing).toMatchObject({ status: 'failed', code: 'INVALID_ARGUMENT' });
    expect(missing?.error).toMatch(/wide\.webp: got no box file wide\.webp\.box\.json, expected \{ "box": \[x0, y0, x1, y1\] \}/);
    expect(lines.find((l) => l.input === 'rect.png' && l.status === 'done')?.result?.box).toEqual([6, 6, 90, 58]);
    // sidecars are neither inputs nor skipped files
    expect(lines.some((l) => l.input.endsWith('.box.json'))).toBe(false);
  });

  it("a segmenter's prepareImage runs on the decode stage and its result reaches setImage with the same image", async () => {
    // Records the pairing: setImage must get the token prepared for that very image, never another's.
    class PreparingSegmenter extends ColourRegionSegmenter {
      readonly prepared = new Map<RgbImage, number>();
      readonly mismatches: string[] = [];
      async prepareImage(image: RgbImage): Promise<number> {
        this.prepared.set(image, this.prepared.size);
        return this.prepared.get(image)!;
      }
      override async setImage(image: RgbImage, prepared?: unknown): Promise<void> {
        if (prepared !== this.prepared.get(image)) this.mismatches.push(`got ${String(prepared)}, expected ${this.prepared.get(image)}`);
        await super.setImage(image);
      }
    }
    const segmenter = new PreparingSegmenter();
    const inputDir = path.join(root, 'in');
    const outputDir = path.join(root, 'out-prepared');
    const job = await createCutoutJob({ inputDir, outputDir, recursive: true, segmenter });
    const summary = await new BatchRunner({ outputDir, inputDir }).run(job);
    expect(summary.done).toBe(Object.keys(CUTOUT_SHAPES).length);
    expect(segmenter.prepared.size).toBe(Object.keys(CUTOUT_SHAPES).length); // once per decoded image
    expect(segmenter.setImageCalls).toBe(Object.keys(CUTOUT_SHAPES).length);
    expect(segmenter.mismatches).toEqual([]);
  });

  it('an image over the pixel limit fails as IMAGE_TOO_LARGE and the batch goes on', async () => {
    const inputDir = path.join(root, 'in');
    const outputDir = path.join(root, 'out-limit');
    const job = await createCutoutJob({ inputDir, outputDir, segmenter: new ColourRegionSegmenter(), limitInputPixels: 80 * 80 });
    const summary = await new BatchRunner({ outputDir, inputDir }).run(job);
    expect(summary.failedInputs).toEqual(['empty.png', 'text.jpg', 'truncated.png', 'wide.webp']);
    const lines = (await fs.readFile(path.join(outputDir, 'manifest.jsonl'), 'utf8')).trim().split('\n').filter((l) => !l.startsWith('{"type":"header"')).map((l) => JSON.parse(l) as ManifestEntry);
    expect(lines.find((l) => l.input === 'wide.webp')).toMatchObject({ code: 'IMAGE_TOO_LARGE', error: expect.stringMatching(/got 120x90 \(10800 pixels\), expected at most 6400/) });
  });
});
