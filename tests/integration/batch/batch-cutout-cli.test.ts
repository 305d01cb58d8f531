// `tessera batch cutout` on the demo SAM: every prompt mode cuts out the drawn shapes (mask IoU ≥ 0.9),
// corrupt files fail as items with a non-zero exit and a summary naming the manifest, non-images are
// skipped, inputs are untouched, and a second run resumes without redoing anything.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { demoModel } from '../demo-pack.ts';
import { CUTOUT_SHAPES, NON_IMAGES, writeCutoutFolder } from '../../unit/batch/fixtures/cutout-folder.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { hashTree, readManifestLines, tessera } from './batch-cli.ts';
import { cutoutOutputs } from '../../../native-models/batch/output-naming.ts';

/** x.jpg sorts before x.png: it takes x.cutout.png, x.png keeps its extension (x.png.cutout.png). */
function expectedOutputs(rel: string): string[] {
  return rel === 'x.png' ? ['x.png.cutout.png', 'x.png.mask.png'] : cutoutOutputs(rel);
}

let root: string;
let inputDir: string;
let corrupt: string[];
let inputHashes: Map<string, string>;

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-cutout-');
  inputDir = path.join(root, 'in');
  ({ corrupt } = await writeCutoutFolder(inputDir, { boxes: true, noBoxFor: 'wide.webp' }));
  inputHashes = await hashTree(inputDir);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const shapes = Object.keys(CUTOUT_SHAPES);

describe('tessera batch cutout (demo SAM)', () => {
  it.each(['center', 'everything-largest', 'box-file'] as const)('--prompt %s', async (mode) => {
    const out = path.join(root, `out-${mode}`);
    const args = ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--prompt', mode, '--recursive', '--json'];
    const result = await tessera(args);
    expect(result.code, result.stderr).toBe(1); // the corrupt files failed
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const summary = events.at(-1) as Record<string, unknown>;
    const missingBox = mode === 'box-file' ? ['wide.webp'] : [];
    expect(summary).toMatchObject({ type: 'summary', outcome: 'completed', done: shapes.length - missingBox.length, failed: corrupt.length + missingBox.length, skipped: NON_IMAGES.length });
    expect(summary.manifestPath).toBe(path.join(out, 'manifest.jsonl'));
    expect(events.some((e) => e.type === 'progress' && typeof e.etaS !== 'undefined')).toBe(true);

    for (const [rel, shape] of Object.entries(CUTOUT_SHAPES)) if (!missingBox.includes(rel)) await expectCutoutMatches(out, rel, shape);
    const lines = await readManifestLines(out);
    expect(lines.filter((l) => l.status === 'failed').map((l) => l.input).sort()).toEqual([...corrupt, ...missingBox].sort());
    expect(lines.filter((l) => l.status === 'skipped').map((l) => l.input)).toEqual(NON_IMAGES);
    for (const rel of shapes.filter((r) => !missingBox.includes(r))) {
      const done = lines.filter((l) => l.input === rel && l.status === 'done');
      expect(done).toHaveLength(1);
      expect(done[0]).toMatchObject({ job: 'cutout', outputs: expectedOutputs(rel), parameters: { prompt: mode }, hash: inputHashes.get(rel) });
    }
    expect(await hashTree(inputDir)).toEqual(inputHashes);
  }, 300_000); // segment-everything over every image: 45 s idle, past 120 s on the loaded 2-core CI machine

  it('a SAM 2.1 model (demo-sam2, samexporter export) cuts out every shape from its box; --coco lists the masks', async () => {
    const out = path.join(root, 'out-sam2');
    const coco = path.join(root, 'sam2-instances.json');
    const result = await tessera(['batch', 'cutout', '--model', demoModel('demo-sam2'), '--in', inputDir, '--out', out, '--prompt', 'box-file', '--recursive', '--json', '--coco', coco, '--label', 'shape']);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(events.at(-1)).toMatchObject({ type: 'summary', outcome: 'completed', done: shapes.length - 1, failed: corrupt.length + 1 });
    expect(events.find((e) => e.type === 'annotations')).toMatchObject({ count: shapes.length - 1, cocoPath: coco });
    for (const [rel, shape] of Object.entries(CUTOUT_SHAPES)) if (rel !== 'wide.webp') await expectCutoutMatches(out, rel, shape);
    // one COCO file for the folder: an image per done item, its mask's bbox around the drawn shape
    const instances = JSON.parse(await fs.readFile(coco, 'utf8')) as { images: { id: number; file_name: string }[]; annotations: { image_id: number; bbox: number[] }[]; categories: { name: string }[] };
    expect(instances.images.map((i) => i.file_name)).toEqual(shapes.filter((r) => r !== 'wide.webp').sort((a, b) => a.localeCompare(b)));
    expect(instances.categories.map((c) => c.name)).toEqual(['shape']);
    const rectId = instances.images.find((i) => i.file_name === 'rect.png')!.id;
    const [x, y, w, h] = instances.annotations.find((a) => a.image_id === rectId)!.bbox as [number, number, number, number];
    expect([x, y, x + w, y + h].map((v, i) => Math.abs(v - [8, 8, 88, 56][i]!)).every((d) => d <= 2)).toBe(true);
  });

  it('a second run resumes: nothing redone, only failed items retried; the summary names the manifest', async () => {
    const out = path.join(root, 'out-center');
    const before = (await readManifestLines(out)).length;
    const result = await tessera(['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--recursive', '--json']);
    expect(result.code).toBe(1);
    const lines = await readManifestLines(out);
    // only the corrupt files were tried again (one failed line each); skipped files are not listed twice
    expect(lines.slice(before).map((l) => [l.input, l.status])).toEqual(corrupt.map((c) => [c, 'failed']));
    const summary = JSON.parse(result.stdout.trim().split('\n').at(-1) as string) as { message: string };
    expect(summary.message).toContain(`${shapes.length} already done, ${corrupt.length} failed`);
    expect(summary.message).toContain(`listed in ${path.join(out, 'manifest.jsonl')}`);
  });
});
