// `tessera segment` end to end: mask, cut-out and JSON written; mistakes are one clear line and a non-zero exit.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { drawImage, iou, shapeMask, type Shape } from './draw.ts';
import { stderrLines, tessera } from '../../fixtures/cli-output.ts';

let dir: string;
let imagePath: string;
const disc: Shape = { kind: 'disc', cx: 100, cy: 70, r: 45, colour: [230, 40, 40] };

beforeAll(async () => {
  dir = await makeTempDir('tessera-segment-cli-');
  imagePath = path.join(dir, 'disc.png');
  const image = drawImage(200, 140, [40, 170, 70], [disc]);
  await sharp(Buffer.from(image.data), { raw: { width: 200, height: 140, channels: 3 } }).png().toFile(imagePath);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('tessera segment', () => {
  it('writes the mask, a cropped cut-out whose alpha is the mask, and JSON with RLE and polygons', async () => {
    const out = path.join(dir, 'mask.png');
    const cutout = path.join(dir, 'cutout.png');
    const result = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', imagePath, '--point', '100,70', '--out', out, '--cutout', cutout, '--crop', '--json']);
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { masks: { area: number; bbox: number[]; rle: { counts: string }; polygons: number[][] }[] };
    expect(json.masks).toHaveLength(1);
    expect(typeof json.masks[0]!.rle.counts).toBe('string');
    const { data, info } = await sharp(out).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([200, 140]);
    const mask = { width: 200, height: 140, data: Uint8Array.from(data, (v) => (v > 127 ? 1 : 0)) };
    expect(iou(mask, shapeMask(200, 140, disc))).toBeGreaterThanOrEqual(0.9);
    const cut = await sharp(cutout).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const [x, y, w, h] = json.masks[0]!.bbox as [number, number, number, number];
    expect([cut.info.width, cut.info.height]).toEqual([w, h]);
    for (let yy = 0; yy < h; yy++) for (let xx = 0; xx < w; xx++) expect(cut.data[(yy * w + xx) * 4 + 3]).toBe(mask.data[(y + yy) * 200 + x + xx] ? 255 : 0);
  });

  it('a SAM 2.1 model (demo-sam2): a box gives the disc, three candidates with --multimask, COCO and YOLO-seg files', async () => {
    const out = path.join(dir, 'sam2-mask.png');
    const coco = path.join(dir, 'annotations', 'instances.json');
    const yolo = path.join(dir, 'labels');
    const result = await tessera(['segment', '--model', demoModel('demo-sam2'), '--image', imagePath, '--box', '50,20,150,120', '--multimask', '--out', out, '--json', '--coco', coco, '--yolo', yolo, '--label', 'disc']);
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { masks: { token: number; score: number }[] };
    expect(json.masks.map((m) => m.token)).toEqual([1, 2, 0]); // scores 0.97, 0.91, 0.86: best first
    const { data } = await sharp(out).greyscale().raw().toBuffer({ resolveWithObject: true });
    expect(iou({ width: 200, height: 140, data: Uint8Array.from(data, (v) => (v > 127 ? 1 : 0)) }, shapeMask(200, 140, disc))).toBeGreaterThanOrEqual(0.9);
    const instances = JSON.parse(await fs.readFile(coco, 'utf8')) as { images: { file_name: string }[]; categories: { name: string }[]; annotations: { bbox: number[]; iscrowd: number }[] };
    expect(instances.images).toEqual([{ id: 1, file_name: 'disc.png', width: 200, height: 140 }]);
    expect(instances.categories).toEqual([{ id: 1, name: 'disc', supercategory: 'object' }]);
    expect(instances.annotations).toHaveLength(1);
    const [x, y, w, h] = instances.annotations[0]!.bbox as [number, number, number, number];
    expect(Math.abs(x + w / 2 - 100) + Math.abs(y + h / 2 - 70)).toBeLessThan(4); // the disc's centre
    expect(await fs.readFile(path.join(yolo, 'classes.txt'), 'utf8')).toBe('disc\n');
    const line = (await fs.readFile(path.join(yolo, 'disc.txt'), 'utf8')).trim().split(' ').map(Number);
    expect(line[0]).toBe(0);
    expect(line.slice(1).every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('--everything writes one mask file per object and masks.json', async () => {
    const outDir = path.join(dir, 'everything');
    const result = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', imagePath, '--everything', '--out-dir', outDir, '--points-per-side', '8']);
    expect(result.code).toBe(0);
    const listing = JSON.parse(await fs.readFile(path.join(outDir, 'masks.json'), 'utf8')) as { masks: { file: string }[] };
    expect(listing.masks.length).toBeGreaterThanOrEqual(2); // the disc and the background
    for (const m of listing.masks) await expect(fs.stat(path.join(outDir, m.file))).resolves.toBeTruthy();
  });

  it.each([
    [['--point', '500,20'], /point 1 \(500, 20\) is outside the image/],
    [['--point', 'ten,20'], /--point: got "ten,20", expected 2 or 3 comma-separated numbers/],
    [['--box', '1,2,3'], /--box: got "1,2,3", expected 4 comma-separated numbers/],
    [['--everything', '--out-dir', 'unused', '--nms-threshold', '2'], /--nms-threshold: got 2, expected .*1/],
  ])('%j is one clear line', async (extra, message) => {
    const result = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', imagePath, ...extra]);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('an unreadable image is one clear line', async () => {
    const bad = path.join(dir, 'broken.png');
    await fs.writeFile(bad, 'not a png at all');
    const result = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', bad, '--point', '1,1']);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/IMAGE_UNREADABLE.*broken\.png/);
  });

  it('a model folder that is not SAM is one clear line', async () => {
    const result = await tessera(['segment', '--model', demoModel('demo-sd'), '--image', imagePath, '--point', '1,1']);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/not a usable Segment Anything folder/);
  });
});
