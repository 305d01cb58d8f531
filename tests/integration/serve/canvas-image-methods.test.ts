// The canvas's host methods on the real engine: openImage (sharp decode, Tessera and A1111 parameters, a
// corrupt file), preEncode (the SAM encoder runs once, the click after it hits the cache) and renderCutout.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type EncodedImage } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';
import type { SamSegmenter } from '../../../native-models/pipelines/segment/sam-segmenter.ts';
import { encodeMaskPng, encodePng } from '../../../native-models/image/encode-png.ts';
import { addGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { setPngTextChunks } from '../../../native-models/image/png-metadata/png-text-chunks.ts';
import { demoPackDir } from '../demo-pack.ts';
import { drawImage, shapeMask, type Shape } from '../segment/draw.ts';

let modelsDir: string;
let service: TesseraService;
const backends = new EngineBackendsImpl();

// A red disc (radius 16) centred on a 64×48 mid-gray picture: the demo SAM selects it by its colour.
const DISC: Shape = { kind: 'disc', cx: 32, cy: 24, r: 16, colour: [255, 0, 0] };
const picture = drawImage(64, 48, [128, 128, 128], [DISC]);

const encoded = (png: Uint8Array): EncodedImage => ({ mimeType: 'image/png', base64: Buffer.from(png).toString('base64') });

async function rgba(image: EncodedImage) {
  const { data, info } = await sharp(Buffer.from(image.base64, 'base64')).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, alpha: (x: number, y: number) => data[(y * info.width + x) * 4 + 3]! };
}

beforeAll(async () => {
  // The shared demo pack, linked in as this models folder's demo pack (read-only use).
  modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-canvas-methods-'));
  await fs.symlink(demoPackDir(), path.join(modelsDir, 'demo-pack'));
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, backends, provider: 'cpu' });
});

afterAll(async () => {
  await service.dispose();
  await fs.rm(modelsDir, { recursive: true, force: true });
});

describe('openImage', () => {
  it('answers the size, an id that segment accepts, and the Tessera parameters the PNG records', async () => {
    const parameters = { prompt: 'a red circle', negativePrompt: '', steps: 8, sampler: 'euler_a', guidance: 7.5, seed: 11, width: 64, height: 48, model: 'demo-sd' };
    const png = addGenerationParameters(await encodePng(picture), parameters);
    const opened = await service.openImage({ image: encoded(png) });
    expect(opened).toMatchObject({ width: 64, height: 48, parameters });
    const result = await service.segment({ modelId: 'demo-pack/demo-sam', image: { imageId: opened.imageId }, points: [{ x: 32, y: 24, label: 1 }], multimask: false });
    expect(result.imageId).toBe(opened.imageId);
    // π·16² ≈ 804 pixels, give or take the disc's rim on the 4-pixel cells of the demo decoder.
    expect(result.masks[0]!.area).toBeGreaterThan(700);
    expect(result.masks[0]!.area).toBeLessThan(950);
  });

  it('reads the A1111 infotext of a foreign PNG and gives null for a file without parameters', async () => {
    const infotext = 'a blue square\nNegative prompt: blurry\nSteps: 12, Sampler: Euler a, CFG scale: 5, Seed: 42, Size: 64x48, Model: sd15';
    const a1111 = setPngTextChunks(await encodePng(picture), [{ keyword: 'parameters', text: infotext }]);
    expect((await service.openImage({ image: encoded(a1111) })).parameters).toMatchObject({ prompt: 'a blue square', negativePrompt: 'blurry', steps: 12, sampler: 'euler_a', guidance: 5, seed: 42 });
    const jpeg = await sharp(Buffer.from(picture.data), { raw: { width: 64, height: 48, channels: 3 } }).jpeg().toBuffer();
    expect(await service.openImage({ image: { mimeType: 'image/jpeg', base64: jpeg.toString('base64') } })).toMatchObject({ width: 64, height: 48, parameters: null });
  });

  it('refuses a corrupt file with IMAGE_UNREADABLE through the contract', async () => {
    const png = await encodePng(picture);
    const truncated = png.subarray(0, 60); // signature + IHDR survive, the pixel data does not
    await expect(dispatchApiCall(service, 'openImage', { image: encoded(truncated) })).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
    // Bytes that are not what they declare are refused by the contract before any decoder runs.
    await expect(dispatchApiCall(service, 'openImage', { image: { mimeType: 'image/png', base64: Buffer.from('not an image at all').toString('base64') } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('image.mimeType: got unknown bytes declared as image/png'),
    });
  });
});

describe('preEncode', () => {
  it('runs the encoder once; the first click on that image then hits the embedding cache', async () => {
    // A picture no other test encodes (green disc), so the cache counts start from this image.
    const image = encoded(await encodePng(drawImage(64, 48, [20, 20, 20], [{ ...DISC, colour: [0, 200, 0] }])));
    const pre = await service.preEncode({ modelId: 'demo-pack/demo-sam', image: { image } });
    expect(pre).toMatchObject({ width: 64, height: 48 });
    const segmenters = (backends as unknown as { segmenters: Map<string, Promise<SamSegmenter>> }).segmenters;
    const segmenter = await [...segmenters.values()][0]!;
    const before = { ...segmenter.cache.stats };
    const result = await service.segment({ modelId: 'demo-pack/demo-sam', image: { imageId: pre.imageId }, points: [{ x: 32, y: 24, label: 1 }], multimask: true });
    expect(result.masks).toHaveLength(3);
    expect(segmenter.cache.stats.misses).toBe(before.misses);
    expect(segmenter.cache.stats.memoryHits).toBe(before.memoryHits + 1);
  });

  it('refuses a model that is not Segment Anything', async () => {
    const image = encoded(await encodePng(picture));
    await expect(service.preEncode({ modelId: 'demo-pack/demo-sd', image: { image } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});

describe('renderCutout', () => {
  const mask = () => encodeMaskPng(shapeMask(64, 48, DISC));

  it('makes the disc opaque and the rest transparent, full size or cropped to the disc', async () => {
    const image = encoded(await encodePng(picture));
    const full = await service.renderCutout({ image: { image }, mask: { image: encoded(await mask()) }, crop: false, featherPx: 0 });
    const p = await rgba(full.image);
    expect([p.width, p.height, full.width, full.height]).toEqual([64, 48, 64, 48]);
    expect([p.alpha(32, 24), p.alpha(2, 2), p.alpha(60, 45)]).toEqual([255, 0, 0]);
    const cropped = await service.renderCutout({ image: { image }, mask: { image: encoded(await mask()) }, crop: true, featherPx: 0 });
    // The disc of radius 16 round (32, 24) covers pixels 16…47 × 8…39 (centres within 16 px): a 32×32 box.
    expect(cropped.box).toEqual({ x: 16, y: 8, width: 32, height: 32 });
    expect((await rgba(cropped.image)).alpha(16, 16)).toBe(255);
  });

  it('feathers the edge: a pixel on the rim is partly transparent', async () => {
    const image = encoded(await encodePng(picture));
    const soft = await rgba((await service.renderCutout({ image: { image }, mask: { image: encoded(await mask()) }, crop: false, featherPx: 3 })).image);
    // (16, 24) is the disc's leftmost pixel: a 7-wide box blur there averages inside and outside pixels.
    expect(soft.alpha(16, 24)).toBeGreaterThan(0);
    expect(soft.alpha(16, 24)).toBeLessThan(255);
    expect(soft.alpha(32, 24)).toBe(255);
  });
});
