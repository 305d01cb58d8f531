// upscaleImage on the in-process service with the demo pack: the API validates its arguments, picks the model by
// id, and answers the ×4 PNG that the engine's tiled upscaler makes; a model of another kind is MODEL_INVALID.
// With saveToGallery the result is also a gallery item carrying the source's parameters and the upscale.
// The Batch panel's `upscale` kind: startBatch runs the folder as a batch job; a diffusion model is refused.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type JobUpdateEvent, type UpscaleImageResult } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { modelsFolderWithDemoPack } from '../demo-pack.ts';
import { addGenerationParameters, readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { UPSCALE_EXTRA_KEYS } from '../../../native-models/service/upscaled-gallery-item.ts';

let root: string;
let service: TesseraService;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-upscale-service-'));
  const modelsDir = await modelsFolderWithDemoPack(root);
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, dataDir: path.join(root, 'data'), provider: 'cpu', demoPackOnFirstRun: false });
});
afterAll(async () => {
  await service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

async function blackPng(width: number, height: number): Promise<string> {
  const png = await sharp({ create: { width, height, channels: 3, background: { r: 0, g: 0, b: 0 } } }).png().toBuffer();
  return png.toString('base64');
}

describe('upscaleImage', () => {
  it('the demo upscaler gives a ×4 PNG in tiles with the block signature, on an odd-sized image', async () => {
    const image = { image: { mimeType: 'image/png', base64: await blackPng(37, 35) } };
    const result = (await dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-upscaler-x4', image, tile: 32 })) as UpscaleImageResult;
    expect(result).toMatchObject({ width: 148, height: 140, scale: 4, tiles: 4 });
    const { data, info } = await sharp(Buffer.from(result.image.base64, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height, info.channels]).toEqual([148, 140, 3]);
    for (const [x, y] of [[0, 0], [3, 1], [129, 130], [147, 139]] as const) expect(data[(y * 148 + x) * 3]).toBe(4 * (y % 4) + (x % 4));
  });

  it('a tile below the minimum is rejected by the contract; a background-removal model is MODEL_INVALID', async () => {
    const image = { image: { mimeType: 'image/png', base64: await blackPng(8, 8) } };
    await expect(dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-upscaler-x4', image, tile: 4 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-rembg-u2net', image })).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('expected an upscaler') });
  });
});

describe('upscaleImage with saveToGallery', () => {
  it("keeps the result as a gallery item: the source's parameters plus A1111's upscale keys, the file ×4", async () => {
    const parameters = { prompt: 'a red circle', negativePrompt: 'blurry', steps: 9, sampler: 'euler', guidance: 6.5, seed: 41, width: 16, height: 12, model: 'demo-sd' };
    const source = addGenerationParameters(Buffer.from(await blackPng(16, 12), 'base64'), parameters, { generator: 'tessera test' });
    const image = { image: { mimeType: 'image/png', base64: Buffer.from(source).toString('base64') } };
    const result = (await dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-upscaler-x4', image, saveToGallery: true })) as UpscaleImageResult;
    expect(result.historyId).toMatch(/^hist-/);
    const { items } = await service.listHistory({ offset: 0, limit: 10 });
    const entry = items.find((item) => item.id === result.historyId)!;
    expect(entry).toMatchObject({ width: 64, height: 48, modelId: 'demo-pack/demo-upscaler-x4' });
    expect(entry.parameters).toEqual({ ...parameters, extra: { [UPSCALE_EXTRA_KEYS.scale]: '4', [UPSCALE_EXTRA_KEYS.upscaler]: 'demo-upscaler-x4' } });
    // The file in the output folder carries the same record, and the answer's PNG is that file.
    const written = await fs.readFile(entry.file);
    expect(readGenerationParameters(written)?.parameters).toEqual(entry.parameters);
    expect(written.toString('base64')).toBe(result.image.base64);
    expect(await sharp(written).metadata()).toMatchObject({ width: 64, height: 48 });
    // The canvas can go on with the upscaled image by its id.
    const again = (await dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-upscaler-x4', image: { imageId: result.upscaledImageId }, tile: 32 })) as UpscaleImageResult;
    expect([again.width, again.height]).toEqual([256, 192]);
  });

  it('a source without parameters (an opened photo) is recorded as an upscale only', async () => {
    const image = { image: { mimeType: 'image/png', base64: await blackPng(10, 10) } };
    const result = (await dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-upscaler-x4', image, saveToGallery: true })) as UpscaleImageResult;
    const entry = (await service.listHistory({ offset: 0, limit: 10 })).items.find((item) => item.id === result.historyId)!;
    expect(entry.parameters).toMatchObject({ prompt: '', model: 'demo-upscaler-x4', width: 40, height: 40, extra: { [UPSCALE_EXTRA_KEYS.scale]: '4' } });
    // Without saveToGallery nothing is added.
    const before = (await service.listHistory({ offset: 0, limit: 100 })).total;
    await dispatchApiCall(service, 'upscaleImage', { modelId: 'demo-pack/demo-upscaler-x4', image });
    expect((await service.listHistory({ offset: 0, limit: 100 })).total).toBe(before);
  });
});

describe('startBatch kind upscale', () => {
  it('upscales a folder as a batch job with the given tile; a diffusion model is MODEL_INVALID', async () => {
    const inputDir = path.join(root, 'batch-in');
    const outputDir = path.join(root, 'batch-out');
    await fs.mkdir(inputDir);
    for (const [name, w, h] of [['a.png', 20, 12], ['b.png', 9, 30]] as const) await fs.writeFile(path.join(inputDir, name), Buffer.from(await blackPng(w, h), 'base64'));
    const ticket = (await dispatchApiCall(service, 'startBatch', { kind: 'upscale', modelId: 'demo-pack/demo-upscaler-x4', inputDir, outputDir, options: { tile: 32 } })) as { jobId: string };
    const final = await new Promise<JobUpdateEvent>((resolve) => service.onJobUpdate((u) => u.jobId === ticket.jobId && (u.state === 'done' || u.state === 'failed') && resolve(u)));
    expect(final).toMatchObject({ state: 'done', kind: 'batch', label: 'Batch upscale: batch-in → batch-out' });
    const summary = await dispatchApiCall(service, 'getBatchSummary', { outputDir, kind: 'upscale' });
    expect(summary).toMatchObject({ exists: true, kinds: ['upscale'], counts: { done: 2, failed: 0 } });
    expect(await sharp(path.join(outputDir, 'b.png.upscaled.png')).metadata()).toMatchObject({ width: 36, height: 120 });
    await expect(dispatchApiCall(service, 'startBatch', { kind: 'upscale', modelId: 'demo-pack/demo-sd', inputDir, outputDir: path.join(root, 'batch-out-2') })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('expected an upscaler model for a upscale batch'),
    });
  });
});
