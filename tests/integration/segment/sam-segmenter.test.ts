// Click and box segmentation on the demo SAM pair with drawn images: masks match the shapes drawn, prompts
// are fed as the official export wants them, and the encoder runs once per image.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SamSegmenter, type PredictResult } from '../../../native-models/pipelines/segment/sam-segmenter.ts';
import { segmentEverything } from '../../../native-models/pipelines/segment/segment-everything.ts';
import { maskJson } from '../../../native-models/pipelines/segment/segmentation-outputs.ts';
import { decodeRle } from '../../../native-models/core/mask/coco-rle.ts';
import { maskArea, maskBoundingBox } from '../../../native-models/core/mask/binary-mask.ts';
import { composeCutout } from '../../../native-models/image/cutout.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { drawImage, iou, shapeMask, type Rgb, type Shape } from './draw.ts';

const RED: Rgb = [230, 40, 40];
const DARK_RED: Rgb = [170, 20, 20];
const BLUE: Rgb = [40, 60, 220];
const GREEN_BG: Rgb = [40, 170, 70];
const sessions = new SessionCache({ provider: 'cpu', onWarning: () => {} });
let scratch: string;

beforeAll(async () => {
  scratch = await makeTempDir('tessera-sam-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

async function segmenterFor(folder = 'demo-sam', cacheDir?: string): Promise<SamSegmenter> {
  return SamSegmenter.open(demoModel(folder), { sessions: cacheDir ? new SessionCache({ provider: 'cpu', onWarning: () => {} }) : sessions, dir: cacheDir });
}

describe('a click on a uniformly coloured shape gives its mask', () => {
  it.each([
    [300, 200],
    [200, 300],
    [37, 23],
    [1500, 900],
    [1024, 1024],
    [513, 257],
  ])('%i×%i: IoU ≥ 0.9 for a disc and a rectangle', async (width, height) => {
    const segmenter = await segmenterFor();
    const m = Math.min(width, height);
    const disc: Shape = { kind: 'disc', cx: width * 0.3, cy: height * 0.5, r: m * 0.25, colour: RED };
    const rect: Shape = { kind: 'rect', x0: Math.round(width * 0.6), y0: Math.round(height * 0.2), x1: Math.round(width * 0.9), y1: Math.round(height * 0.8), colour: BLUE };
    await segmenter.setImage(drawImage(width, height, GREEN_BG, [disc, rect]));
    const onDisc = await segmenter.predict({ points: [{ x: disc.cx!, y: disc.cy!, label: 1 }] });
    expect(iou(onDisc.best.mask, shapeMask(width, height, disc))).toBeGreaterThanOrEqual(0.9);
    const onRect = await segmenter.predict({ points: [{ x: width * 0.75, y: height * 0.5, label: 1 }] });
    expect(iou(onRect.best.mask, shapeMask(width, height, rect))).toBeGreaterThanOrEqual(0.9);
  });

  it('works the same through the raw-HWC encoder layout', async () => {
    const disc: Shape = { kind: 'disc', cx: 120, cy: 80, r: 50, colour: RED };
    const image = drawImage(240, 160, GREEN_BG, [disc]);
    const results = [];
    for (const folder of ['demo-sam', 'demo-sam-hwc']) {
      const segmenter = await segmenterFor(folder);
      await segmenter.setImage(image);
      results.push((await segmenter.predict({ points: [{ x: 120, y: 80, label: 1 }] })).best.mask);
    }
    expect(iou(results[0]!, results[1]!)).toBeGreaterThanOrEqual(0.99);
    expect(iou(results[1]!, shapeMask(240, 160, disc))).toBeGreaterThanOrEqual(0.9);
  });
});

describe('prompts', () => {
  const width = 320;
  const height = 200;
  const left: Shape = { kind: 'disc', cx: 80, cy: 100, r: 50, colour: RED };
  const right: Shape = { kind: 'rect', x0: 200, y0: 50, x1: 300, y1: 150, colour: DARK_RED };
  const image = drawImage(width, height, GREEN_BG, [left, right]);

  it('multimask returns 3 candidates sorted by the model scores (tokens 2, 3, 1 for the demo decoder)', async () => {
    const segmenter = await segmenterFor();
    await segmenter.setImage(image);
    const result = await segmenter.predict({ points: [{ x: 80, y: 100, label: 1 }], multimask: true });
    expect(result.masks.map((m) => m.score)).toEqual([...result.masks.map((m) => m.score)].sort((a, b) => b - a));
    expect(result.masks.map((m) => m.token)).toEqual([2, 3, 1]);
    expect(result.best).toBe(result.masks[0]);
  });

  it('a negative point removes a region the loose candidate had included', async () => {
    const segmenter = await segmenterFor();
    await segmenter.setImage(image);
    const loose = (r: { masks: { token: number; mask: { width: number; height: number; data: Uint8Array } }[] }) => r.masks.find((m) => m.token === 1)!.mask;
    const without = await segmenter.predict({ points: [{ x: 80, y: 100, label: 1 }], multimask: true });
    // red and dark red are within the loosest tolerance: both shapes are in the loose mask
    expect(iou(loose(without), shapeMask(width, height, right))).toBeGreaterThan(0.3);
    const withNegative = await segmenter.predict({ points: [{ x: 80, y: 100, label: 1 }, { x: 250, y: 100, label: 0 }], multimask: true });
    const mask = loose(withNegative);
    expect(iou(mask, shapeMask(width, height, left))).toBeGreaterThanOrEqual(0.9);
  });

  it('a box limits the mask to the box', async () => {
    const twin: Shape = { ...right, colour: RED };
    const twins = drawImage(width, height, GREEN_BG, [left, twin]);
    const segmenter = await segmenterFor();
    await segmenter.setImage(twins);
    const both = await segmenter.predict({ points: [{ x: 80, y: 100, label: 1 }] });
    expect(iou(both.best.mask, shapeMask(width, height, twin))).toBeGreaterThan(0.3); // colour match, not connectivity
    const boxed = await segmenter.predict({ points: [{ x: 80, y: 100, label: 1 }], box: { x0: 20, y0: 40, x1: 150, y1: 160 } });
    expect(iou(boxed.best.mask, shapeMask(width, height, left))).toBeGreaterThanOrEqual(0.9);
    const boxOnly = await segmenter.predict({ box: { x0: 190, y0: 40, x1: 310, y1: 160 } });
    expect(iou(boxOnly.best.mask, shapeMask(width, height, twin))).toBeGreaterThanOrEqual(0.9);
  });

  it('refinement feeds the previous low-res mask (has_mask_input = 1): the new click adds to it', async () => {
    const blue: Shape = { ...right, colour: BLUE };
    const segmenter = await segmenterFor();
    await segmenter.setImage(drawImage(width, height, GREEN_BG, [left, blue]));
    const first = await segmenter.predict({ points: [{ x: 80, y: 100, label: 1 }] });
    const fresh = await segmenter.predict({ points: [{ x: 250, y: 100, label: 1 }] });
    const refined = await segmenter.predict({ points: [{ x: 250, y: 100, label: 1 }], previousMask: first.best.lowResLogits });
    expect(iou(fresh.best.mask, shapeMask(width, height, blue))).toBeGreaterThanOrEqual(0.9);
    const blueMask = shapeMask(width, height, blue).data;
    const union = { width, height, data: shapeMask(width, height, left).data.map((v, i) => v | blueMask[i]!) };
    expect(iou(refined.best.mask, union)).toBeGreaterThanOrEqual(0.9);
  });

  it.each([
    [{ points: [{ x: 400, y: 10, label: 1 as const }] }, /point 1 \(400, 10\) is outside the image/],
    [{ points: [{ x: 10, y: -1, label: 1 as const }] }, /outside the image/],
    [{ box: { x0: 50, y0: 50, x1: 40, y1: 90 } }, /expected x0 < x1 and y0 < y1/],
    [{}, /got no points and no box/],
  ])('%o is a clear error', async (request, message) => {
    const segmenter = await segmenterFor();
    await segmenter.setImage(image);
    await expect(segmenter.predict(request)).rejects.toThrow(message);
  });
});

describe('the encoder runs once per image', () => {
  const image = drawImage(200, 120, GREEN_BG, [{ kind: 'disc', cx: 60, cy: 60, r: 40, colour: RED }]);

  it('many clicks, one encoder run', async () => {
    const segmenter = await SamSegmenter.open(demoModel('demo-sam'), { sessions: new SessionCache({ provider: 'cpu', onWarning: () => {} }), cpusBusy: () => false });
    await segmenter.setImage(image);
    for (let k = 0; k < 5; k++) await segmenter.predict({ points: [{ x: 20 + k * 30, y: 60, label: 1 }] });
    await segmenter.setImage(image); // reopening the same image hits the memory cache
    expect(segmenter.family.encoderModel.runCount).toBe(1);
    expect(segmenter.family.decoderModel.runCount).toBe(5);
  });

  it('the disk cache survives a restart and a corrupted entry is recomputed, never trusted', async () => {
    const cacheDir = path.join(scratch, 'embeddings');
    const first = await segmenterFor('demo-sam', cacheDir);
    await first.setImage(image);
    const expected = (await first.predict({ points: [{ x: 60, y: 60, label: 1 }] })).best.mask;
    expect(first.family.encoderModel.runCount).toBe(1);

    const second = await segmenterFor('demo-sam', cacheDir); // a new process would see the same
    await second.setImage(image);
    expect(second.family.encoderModel.runCount).toBe(0);
    expect(second.cache.stats.diskHits).toBe(1);

    const [entry] = await fs.readdir(cacheDir);
    const file = path.join(cacheDir, entry!);
    const bytes = await fs.readFile(file);
    bytes[bytes.length - 100] ^= 0xff; // flip one byte of the payload
    await fs.writeFile(file, bytes);
    const third = await segmenterFor('demo-sam', cacheDir);
    await third.setImage(image);
    expect(third.cache.stats.corruptEntries).toBe(1);
    expect(third.family.encoderModel.runCount).toBe(1);
    expect(iou((await third.predict({ points: [{ x: 60, y: 60, label: 1 }] })).best.mask, expected)).toBe(1);
  });

  it('preEncode warms the cache so that setImage runs no encoder', async () => {
    const segmenter = await SamSegmenter.open(demoModel('demo-sam'), { sessions: new SessionCache({ provider: 'cpu', onWarning: () => {} }) });
    const other = drawImage(90, 90, BLUE, [{ kind: 'disc', cx: 45, cy: 45, r: 20, colour: RED }]);
    await segmenter.preEncode([image, other]);
    expect(segmenter.family.encoderModel.runCount).toBe(2);
    await segmenter.setImage(other);
    await segmenter.setImage(image);
    expect(segmenter.family.encoderModel.runCount).toBe(2);
  });
});

describe('on a busy machine the click runs on a decoder session whose threads do not spin', () => {
  const image = drawImage(200, 120, GREEN_BG, [{ kind: 'disc', cx: 60, cy: 60, r: 40, colour: RED }, { kind: 'rect', x0: 120, y0: 20, x1: 190, y1: 100, colour: BLUE }]);

  it('opened once, at the first busy click, and its masks, logits and scores equal the spinning session\'s bit for bit', async () => {
    const cache = new SessionCache({ provider: 'cpu', onWarning: () => {} });
    let busy = false;
    const segmenter = await SamSegmenter.open(demoModel('demo-sam'), { sessions: cache, cpusBusy: () => busy });
    await segmenter.setImage(image);
    expect(cache.size).toBe(2); // encoder + decoder: nothing more until the machine is busy
    const requests = [{ points: [{ x: 60, y: 60, label: 1 as const }] }, { points: [{ x: 150, y: 60, label: 1 as const }], multimask: true }, { box: { x0: 110, y0: 10, x1: 195, y1: 110 } }];
    const free: PredictResult[] = [];
    for (const request of requests) free.push(await segmenter.predict(request));
    busy = true;
    for (const [k, request] of requests.entries()) {
      const result = await segmenter.predict(request);
      expect(result.masks.map((m) => [m.token, m.score])).toEqual(free[k]!.masks.map((m) => [m.token, m.score]));
      result.masks.forEach((m, i) => {
        expect(m.mask.data).toEqual(free[k]!.masks[i]!.mask.data);
        expect(m.lowResLogits).toEqual(free[k]!.masks[i]!.lowResLogits);
        expect(m.logits).toEqual(free[k]!.masks[i]!.logits);
      });
    }
    expect(cache.size).toBe(3); // the non-spinning decoder session, opened once
    expect(segmenter.family.decoderModel.runCount).toBe(requests.length); // the busy clicks did not run the spinning one
    await cache.releaseAll();
  });
});

describe('prepareImage (the CPU half of setImage, done ahead by the batch)', () => {
  const image = drawImage(200, 120, GREEN_BG, [{ kind: 'disc', cx: 60, cy: 60, r: 40, colour: RED }]);

  it('a prepared image gives the same embedding and mask as the image itself, with one encoder run each', async () => {
    const plain = await SamSegmenter.open(demoModel('demo-sam'), { sessions: new SessionCache({ provider: 'cpu', onWarning: () => {} }) });
    const ahead = await SamSegmenter.open(demoModel('demo-sam'), { sessions: new SessionCache({ provider: 'cpu', onWarning: () => {} }) });
    await plain.setImage(image);
    const prepared = await ahead.prepareImage(image);
    expect(ahead.family.encoderModel.runCount).toBe(0); // preparing runs no model
    await ahead.setImage(prepared);
    expect(ahead.family.encoderModel.runCount).toBe(1);
    expect(ahead.imageSize).toEqual({ width: 200, height: 120 });
    const click = { points: [{ x: 60, y: 60, label: 1 as const }] };
    const [a, b] = [(await plain.predict(click)).best, (await ahead.predict(click)).best];
    expect(b.mask.data).toEqual(a.mask.data);
    expect(b.score).toBe(a.score);
    await ahead.setImage(image); // the plain image finds the prepared one's cache entry: same key
    expect(ahead.family.encoderModel.runCount).toBe(1);
  });

  it('area and box come with each mask and equal maskArea / maskBoundingBox', async () => {
    const segmenter = await segmenterFor();
    await segmenter.setImage(image);
    const { best } = await segmenter.predict({ points: [{ x: 60, y: 60, label: 1 }] });
    expect(best.area).toBe(maskArea(best.mask));
    expect(best.box).toEqual(maskBoundingBox(best.mask));
    expect(best.area).toBeGreaterThan(0);
  });
});

describe('outputs', () => {
  it('cut-out alpha equals the mask and COCO RLE decodes back to the same mask', async () => {
    const disc: Shape = { kind: 'disc', cx: 70, cy: 50, r: 30, colour: RED };
    const image = drawImage(150, 100, GREEN_BG, [disc]);
    const segmenter = await segmenterFor();
    await segmenter.setImage(image);
    const { best } = await segmenter.predict({ points: [{ x: 70, y: 50, label: 1 }] });
    const cutout = composeCutout(image, best.mask);
    for (let i = 0; i < best.mask.data.length; i++) expect(cutout.image.data[i * 4 + 3]).toBe(best.mask.data[i] ? 255 : 0);
    const json = maskJson(best.mask, best.score);
    expect(decodeRle(json.rle).data).toEqual(best.mask.data);
    expect(json.polygons.length).toBeGreaterThan(0);
  });
});

describe('segment everything', () => {
  it('finds each of several shapes once', async () => {
    const shapes: Shape[] = [
      { kind: 'disc', cx: 50, cy: 50, r: 30, colour: RED },
      { kind: 'rect', x0: 110, y0: 20, x1: 190, y1: 80, colour: BLUE },
      { kind: 'disc', cx: 150, cy: 130, r: 25, colour: [240, 220, 40] },
    ];
    const segmenter = await segmenterFor();
    await segmenter.setImage(drawImage(200, 170, GREEN_BG, shapes));
    const found = await segmentEverything(segmenter, { pointsPerSide: 12 });
    for (const shape of shapes) {
      const matches = found.filter((m) => iou(m.mask, shapeMask(200, 170, shape)) >= 0.85);
      expect(matches, `${shape.kind} ${shape.colour}`).toHaveLength(1);
    }
    // no two kept masks are near-duplicates
    for (let i = 0; i < found.length; i++) for (let j = i + 1; j < found.length; j++) expect(iou(found[i]!.mask, found[j]!.mask)).toBeLessThanOrEqual(0.7);
  });
});
