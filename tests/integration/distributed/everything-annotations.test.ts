// Segment-everything batches for annotation tools: `tessera batch cutout --prompt everything` over a folder writes
// one COCO file for it and YOLO-seg labels per image, with `segment --everything`'s option names and defaults; an
// interrupted and resumed batch writes the same bytes as an uninterrupted one, and so does the same batch on a
// real redis-server with a `tessera worker` on the demo SAM model.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionsOutput } from '../../../native-models/batch/output-naming.ts';
import { expectCocoSchema, expectRleConsistent } from '../../fixtures/coco-schema.ts';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { CLI, hashTree, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { runAndInterrupt } from '../batch/kill-and-resume.ts';
import { demoModel } from '../demo-pack.ts';
import { WorkerProcess } from './worker-process.ts';

interface Coco {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: { image_id: number; bbox: number[]; area: number; score?: number; segmentation: unknown; iscrowd: number }[];
  categories: { id: number; name: string }[];
}

const SHAPES: Record<string, DrawnShape> = {
  'a-rect.png': { width: 48, height: 40, shape: 'rect', geometry: [8, 6, 30, 28], fg: [220, 30, 30], bg: [40, 40, 40] },
  'b-disc.png': { width: 44, height: 44, shape: 'disc', geometry: [22, 22, 12], fg: [30, 200, 60], bg: [40, 40, 40] },
  'c-rect.png': { width: 40, height: 48, shape: 'rect', geometry: [12, 10, 34, 40], fg: [30, 50, 210], bg: [230, 230, 230] },
  'd-rect.png': { width: 56, height: 36, shape: 'rect', geometry: [20, 4, 50, 30], fg: [230, 200, 20], bg: [40, 40, 40] },
};
/** Not the default (16), so the test sees the option travel; small, so 16 decoder runs per image. */
const EVERYTHING = ['--points-per-side', '4'];

let root: string;
let inputDir: string;
let redis: RedisServerFixture;
let worker: WorkerProcess;

function batchArgs(out: string, extra: string[] = []): string[] {
  return ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--prompt', 'everything', ...EVERYTHING, '--coco', path.join(out, '..', `${path.basename(out)}.coco.json`), '--yolo', path.join(out, '..', `${path.basename(out)}-yolo`), '--label', 'shape', '--json', ...extra];
}

async function annotationsOf(out: string): Promise<{ coco: string; yolo: Map<string, string> }> {
  return { coco: await fs.readFile(path.join(out, '..', `${path.basename(out)}.coco.json`), 'utf8'), yolo: await hashTree(path.join(out, '..', `${path.basename(out)}-yolo`)) };
}

beforeAll(async () => {
  root = await makeTempDir('tessera-everything-annotations-');
  inputDir = path.join(root, 'in');
  for (const [rel, shape] of Object.entries(SHAPES)) await writeDrawn(path.join(inputDir, rel), shape);
  redis = await RedisServerFixture.start({});
  worker = new WorkerProcess('everything', redis.url, demoModel('demo-sam'));
  await worker.ready();
  // the reference: an uninterrupted local batch
  const local = await tessera(batchArgs(path.join(root, 'local')));
  expect(local.code, local.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  await worker?.stop();
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('batch cutout --prompt everything: COCO / YOLO for the folder', () => {
  it('one COCO file (valid, every image, each drawn shape among its regions) and a YOLO txt per image with classes.txt', async () => {
    const out = path.join(root, 'local');
    const { coco: text, yolo } = await annotationsOf(out);
    const coco = JSON.parse(text) as Coco;
    expectCocoSchema(coco);
    expect(coco.images.map((i) => i.file_name)).toEqual(Object.keys(SHAPES));
    expect(coco.categories.map((c) => c.name)).toEqual(['shape']);
    for (const image of coco.images) {
      const shape = SHAPES[image.file_name]!;
      const [x0, y0, x1, y1] = shape.shape === 'rect' ? shape.geometry : [shape.geometry[0] - shape.geometry[2], shape.geometry[1] - shape.geometry[2], shape.geometry[0] + shape.geometry[2], shape.geometry[1] + shape.geometry[2]];
      const boxes = coco.annotations.filter((a) => a.image_id === image.id).map((a) => a.bbox);
      expect(boxes.length, `${image.file_name} regions`).toBeGreaterThan(0);
      const near = boxes.some(([x, y, w, h]) => Math.abs(x! - x0!) <= 2 && Math.abs(y! - y0!) <= 2 && Math.abs(x! + w! - x1!) <= 2 && Math.abs(y! + h! - y1!) <= 2);
      expect(near, `${image.file_name}: a region's bbox ${JSON.stringify(boxes)} around the drawn shape [${x0}, ${y0}, ${x1}, ${y1}]`).toBe(true);
    }
    expect([...yolo.keys()].sort()).toEqual(['a-rect.txt', 'b-disc.txt', 'c-rect.txt', 'classes.txt', 'd-rect.txt']);
    expect(await fs.readFile(path.join(root, 'local-yolo', 'classes.txt'), 'utf8')).toBe('shape\n');
    // each image's outputs are its regions file alone; the manifest records the option that differs from the default
    const done = (await readManifestLines(out)).filter((l) => l.status === 'done');
    for (const line of done) expect(line).toMatchObject({ outputs: [regionsOutput(line.input)], parameters: { prompt: 'everything', everything: { pointsPerSide: 4 } } });
  });

  it('the same regions as `tessera segment --everything` with the same options, and --coco-rle areas and bboxes consistent with the RLE', async () => {
    const image = 'b-disc.png';
    const single = path.join(root, 'single.coco.json');
    const run = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', path.join(inputDir, image), '--everything', '--out-dir', path.join(root, 'single'), ...EVERYTHING, '--coco', single, '--label', 'shape']);
    expect(run.code, run.stderr).toBe(0);
    const strip = (c: Coco, id: number) => c.annotations.filter((a) => a.image_id === id).map(({ bbox, area, score, segmentation }) => ({ bbox, area, score, segmentation }));
    const batch = JSON.parse((await annotationsOf(path.join(root, 'local'))).coco) as Coco;
    expect(strip(batch, batch.images.find((i) => i.file_name === image)!.id)).toEqual(strip(JSON.parse(await fs.readFile(single, 'utf8')) as Coco, 1));

    const rle = await tessera(batchArgs(path.join(root, 'rle'), ['--coco-rle']));
    expect(rle.code, rle.stderr).toBe(0);
    const rleCoco = JSON.parse((await annotationsOf(path.join(root, 'rle'))).coco) as Coco;
    expectCocoSchema(rleCoco);
    expectRleConsistent(rleCoco);
    expect(rleCoco.annotations.map((a) => [a.image_id, a.bbox, a.area])).toEqual(batch.annotations.map((a) => [a.image_id, a.bbox, a.area]));
  }, 300_000);

  it('interrupted by Ctrl-C and resumed: the same COCO and YOLO bytes as the uninterrupted batch', async () => {
    const out = path.join(root, 'resumed');
    const first = await runAndInterrupt('node', [CLI, ...batchArgs(out)], 2);
    const settledFirst = (await readManifestLines(out)).filter((l) => l.status === 'done').length;
    // stopped part-way (each image takes seconds; Ctrl-C lands in the first items), its annotations written so far
    expect(first.code).toBe(130);
    expect(settledFirst).toBeLessThan(Object.keys(SHAPES).length);
    const second = await tessera(batchArgs(out));
    expect(second.code, second.stderr).toBe(0);
    expect(await annotationsOf(out)).toEqual(await annotationsOf(path.join(root, 'local')));
  }, 300_000);

  it('on a redis-server with a tessera worker: the same regions files, COCO and YOLO bytes as the local batch', async () => {
    const out = path.join(root, 'distributed');
    const run = await tessera(batchArgs(out, ['--redis', redis.url]));
    expect(run.code, run.stderr).toBe(0);
    expect(worker.lines.filter((l) => l.status === 'done').length).toBeGreaterThanOrEqual(Object.keys(SHAPES).length);
    expect(await annotationsOf(out)).toEqual(await annotationsOf(path.join(root, 'local')));
    const regions = async (dir: string) => new Map([...(await hashTree(dir))].filter(([f]) => f.endsWith('.regions.json')));
    expect(await regions(out)).toEqual(await regions(path.join(root, 'local')));
  }, 300_000);
});
