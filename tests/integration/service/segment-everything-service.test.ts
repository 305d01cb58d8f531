// segmentEverything and exportAnnotations through the API dispatch on the real engine (demo SAM 1 and SAM 2.1):
// the schema's defaults (EVERYTHING_DEFAULTS) apply, every disc is found once, and the COCO/YOLO files follow the formats.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type EncodedImage, type SegmentEverythingResult, type ExportAnnotationsResult } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';
import { encodeMaskPng, encodePng } from '../../../native-models/image/encode-png.ts';
import { demoPackDir } from '../demo-pack.ts';
import { drawImage, shapeMask, type Shape } from '../segment/draw.ts';
import { expectCocoSchema, expectRleConsistent } from '../../fixtures/coco-schema.ts';

const DISCS: (Shape & { kind: 'disc'; cx: number; cy: number; r: number })[] = [
  { kind: 'disc', cx: 24, cy: 24, r: 12, colour: [255, 0, 0] },
  { kind: 'disc', cx: 72, cy: 40, r: 14, colour: [0, 0, 255] },
];
const picture = drawImage(96, 64, [128, 128, 128], DISCS);
const encoded = (png: Uint8Array): EncodedImage => ({ mimeType: 'image/png', base64: Buffer.from(png).toString('base64') });

let modelsDir: string;
let service: TesseraService;
const call = <R>(method: string, args: unknown) => dispatchApiCall(service, method, args) as Promise<R>;

beforeAll(async () => {
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-everything-'));
  await fs.symlink(demoPackDir(), path.join(modelsDir, 'demo-pack'));
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, backends: new EngineBackendsImpl(), provider: 'cpu' });
});

afterAll(async () => {
  await service.dispose();
  await fs.rm(modelsDir, { recursive: true, force: true });
});

describe('segmentEverything', () => {
  it.each(['demo-sam', 'demo-sam2'])('%s: one region per disc, outlines around them, defaults from the schema', async (model) => {
    const image = encoded(await encodePng(picture));
    const result = await call<SegmentEverythingResult>('segmentEverything', { modelId: `demo-pack/${model}`, image: { image }, pointsPerSide: 8 });
    expect(result).toMatchObject({ width: 96, height: 64 });
    for (const disc of DISCS) {
      const hits = result.regions.filter((r) => Math.abs((r.bbox.x0 + r.bbox.x1) / 2 - disc.cx) < 3 && Math.abs((r.bbox.y0 + r.bbox.y1) / 2 - disc.cy) < 3 && r.area < 2 * Math.PI * disc.r ** 2);
      expect(hits).toHaveLength(1); // found, and NMS kept only one of the grid points' copies
      const xs = hits[0]!.outline.flatMap((ring) => ring.filter((_, i) => i % 2 === 0));
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(disc.cx - disc.r - 3);
      expect(Math.max(...xs)).toBeLessThanOrEqual(disc.cx + disc.r + 3);
    }
    for (const r of result.regions) expect(r.score).toBeGreaterThanOrEqual(0.88);
  });

  it('refuses a model that is not SAM with MODEL_INVALID', async () => {
    const image = encoded(await encodePng(picture));
    await expect(call('segmentEverything', { modelId: 'demo-pack/demo-sd', image: { image } })).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});

describe('exportAnnotations', () => {
  const objects = async () => [
    { name: 'red', mask: encoded(await encodeMaskPng(shapeMask(96, 64, DISCS[0]!))) },
    { name: 'blue', mask: encoded(await encodeMaskPng(shapeMask(96, 64, DISCS[1]!))) },
  ];

  it('COCO (RLE): the format rules, categories from the names, areas and boxes agreeing with the RLE', async () => {
    const image = encoded(await encodePng(picture));
    const { files } = await call<ExportAnnotationsResult>('exportAnnotations', { image: { image }, fileName: 'discs.png', objects: await objects(), format: 'coco', cocoSegmentation: 'rle' });
    expect(files.map((f) => f.path)).toEqual(['instances.json']);
    const coco = JSON.parse(files[0]!.text);
    expectCocoSchema(coco);
    expectRleConsistent(coco);
    expect(coco.categories.map((c: { name: string }) => c.name)).toEqual(['red', 'blue']);
    expect(coco.images).toEqual([{ id: 1, file_name: 'discs.png', width: 96, height: 64 }]);
  });

  it('YOLO-seg: a label file named after the image, one line per object, and classes.txt', async () => {
    const image = encoded(await encodePng(picture));
    const { files } = await call<ExportAnnotationsResult>('exportAnnotations', { image: { image }, fileName: 'discs.png', objects: await objects(), format: 'yolo' });
    expect(files.map((f) => f.path)).toEqual(['discs.txt', 'classes.txt']);
    expect(files[1]!.text).toBe('red\nblue\n');
    const lines = files[0]!.text.trim().split('\n').map((l) => l.split(' ').map(Number));
    expect(lines.map((l) => l[0])).toEqual([0, 1]);
    expect(lines.every((l) => l.slice(1).every((v) => v >= 0 && v <= 1))).toBe(true);
  });

  it('a mask of the wrong size is a clear INVALID_ARGUMENT', async () => {
    const image = encoded(await encodePng(picture));
    const small = encoded(await encodeMaskPng(shapeMask(10, 10, DISCS[0]!)));
    await expect(call('exportAnnotations', { image: { image }, fileName: 'discs.png', objects: [{ name: 'red', mask: small }], format: 'coco' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
