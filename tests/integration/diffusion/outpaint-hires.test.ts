// Outpainting and hires fix on the demo pack: the original's pixels outside the overlap band come back byte-identical
// on each side and with both inpainting paths, the new area is generated (the prompt's colour, not the stretched edge);
// hires fix reaches the prompt's picture at the large size with every upscaler kind and records A1111's keys.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGeneration, parametersOf, encodeGeneratedPng, hiresUpscalerOf, type FullGenerationRequest } from '../../../native-models/pipelines/diffusion/index.ts';
import { ImageUpscaler } from '../../../native-models/pipelines/upscale/image-upscaler.ts';
import { outpaintLayout } from '../../../native-models/core/geometry/outpaint-layout.ts';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { OutpaintSchema, HiresFixSchema } from '../../../native-models/api/outpaint-hires-schemas.ts';
import type { RgbImage } from '../../../native-models/image/rgb-image.ts';
import { expectedPicture, meanAbsDiff, meanColour, openDemo } from './diffusion-test-kit.ts';
import { demoModel } from '../demo-pack.ts';
import { createGenerateJob } from '../../../native-models/batch/processors/generate-job.ts';
import { createImg2ImgJob } from '../../../native-models/batch/processors/img2img-job.ts';
import { encodePng } from '../../../native-models/image/encode-png.ts';

/** 44×40 (not multiples of 8, so the canvas is rounded) with a pattern that shows any shift of a pixel. */
function patterned(width = 44, height = 40): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([(x * 5 + y) % 200, (y * 6) % 200, 40 + ((x + y) % 50)], (y * width + x) * 3);
  return { width, height, channels: 3, data };
}

const base = { steps: 6, seed: 3, scheduler: 'euler', guidance: 1, prompt: 'yellow' };

describe('outpainting', () => {
  const original = patterned();
  it.each([
    ['demo-sd', { left: 24 }],
    ['demo-sd', { right: 20 }],
    ['demo-sd', { top: 16 }],
    ['demo-sd', { bottom: 28 }],
    ['demo-sd-inpaint', { left: 16, bottom: 16 }],
  ])('%s extends %o: original outside the band byte-identical, new area generated', async (folder, sides) => {
    const outpaint = OutpaintSchema.parse({ ...sides, overlap: 8 });
    const layout = outpaintLayout(original.width, original.height, outpaint);
    expect([layout.width % 8, layout.height % 8]).toEqual([0, 0]);
    const request: FullGenerationRequest = { ...base, width: layout.width, height: layout.height, initImage: original, outpaint };
    const [result] = await runGeneration(await openDemo(folder), request);
    const out = result!.image;
    expect([out.width, out.height]).toEqual([layout.width, layout.height]);
    const { added } = layout;
    let kept = 0;
    for (let y = 0; y < original.height; y++) {
      for (let x = 0; x < original.width; x++) {
        const inBand = (added.left > 0 && x < 8) || (added.right > 0 && x >= original.width - 8) || (added.top > 0 && y < 8) || (added.bottom > 0 && y >= original.height - 8);
        if (inBand) continue;
        const o = ((y + layout.originY) * out.width + x + layout.originX) * 3;
        const s = (y * original.width + x) * 3;
        expect([out.data[o], out.data[o + 1], out.data[o + 2]], `pixel ${x},${y}`).toEqual([original.data[s], original.data[s + 1], original.data[s + 2]]);
        kept++;
      }
    }
    expect(kept).toBeGreaterThan(0);
    // the new area (4 px away from the original) is the prompt's yellow, far from the stretched edge colours
    const isNew = (x: number, y: number) => x < layout.originX - 4 || y < layout.originY - 4 || x >= layout.originX + original.width + 4 || y >= layout.originY + original.height + 4;
    const [r, g, b] = meanColour(out, isNew);
    expect(Math.abs(r - 255) + Math.abs(g - 255) + b).toBeLessThanOrEqual(24);
  });

  it('refuses a size other than the extended one, naming the expected size', async () => {
    const outpaint = OutpaintSchema.parse({ right: 20 });
    await expect(runGeneration(await openDemo('demo-sd'), { ...base, width: 72, height: 48, initImage: original, outpaint })).rejects.toThrow(/got size 72×48, expected 64×40/);
  });
});

describe('hires fix', () => {
  const request = { ...base, prompt: 'a red circle', width: 64, height: 64 };
  it.each(['latent', 'latent-nearest-exact', 'lanczos', 'demo-upscaler-x4'])('upscaler %s: ×2 reaches the prompt picture at 128×128', async (upscaler) => {
    const hires = HiresFixSchema.parse({ upscaler, scale: 2, steps: 4, strength: 0.7 });
    const model = upscaler.startsWith('demo-') ? await ImageUpscaler.open(demoModel(upscaler)) : undefined;
    const steps: number[] = [];
    const [result] = await runGeneration(await openDemo('demo-sd'), { ...request, hires }, { onProgress: (p) => void steps.push(p.step, p.totalSteps) }, { hiresUpscaler: model && hiresUpscalerOf(model) });
    await model?.release();
    expect([result!.image.width, result!.image.height]).toEqual([128, 128]);
    // 6 base steps + exactly the 4 hires steps (A1111: "Hires steps" run, of a ⌈4 / 0.7⌉-step schedule)
    expect(result!.stepsRun).toBe(10);
    expect(steps.slice(-2)).toEqual([10, 10]);
    expect(meanAbsDiff(result!.image.data, expectedPicture(128, 128, { red: 1, circle: 1 }))).toBeLessThanOrEqual(6);
  });

  it('an explicit target size and the metadata A1111 reads back', async () => {
    const hires = HiresFixSchema.parse({ width: 96, height: 128, strength: 0.5, steps: 3 });
    const full = { ...request, hires };
    const [result] = await runGeneration(await openDemo('demo-sd'), full);
    expect([result!.image.width, result!.image.height]).toEqual([96, 128]);
    const parameters = parametersOf(full, result!, 'demo-sd');
    expect(parameters).toMatchObject({ width: 64, height: 64, strength: 0.5, hires: { resizeWidth: 96, resizeHeight: 128, steps: 3, upscaler: 'Latent' } });
    const png = await encodeGeneratedPng(result!, parameters);
    expect(readGenerationParameters(png)?.parameters).toEqual(parameters);
  });
});


describe('batch generate with hires fix', () => {
  it('each item is made at the hires size and records the hires fix', async () => {
    const hires = HiresFixSchema.parse({ upscaler: 'latent', scale: 1.5, steps: 2 });
    const job = await createGenerateJob({ model: await openDemo('demo-sd'), modelName: 'demo-sd', promptsText: 'a red circle', steps: 4, guidance: 1, seed: 9, width: 64, height: 64, hires });
    const item = job.items[0]!;
    const loaded = await job.load(item);
    const generated = await job.infer(item, await job.prepare(item, loaded.data));
    expect([generated.generated.image.width, generated.generated.image.height]).toEqual([96, 96]);
    const rendered = await job.render(item, generated);
    const png = [...rendered.files.values()][0]!;
    expect(readGenerationParameters(png)?.parameters).toMatchObject({ width: 64, height: 64, hires: { upscale: 1.5, steps: 2, upscaler: 'Latent' } });
  });
});

describe('batch img2img with outpaint', () => {
  it('each image is extended by the sides at its own size, its pixels kept outside the band, the outpaint recorded', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-batch-outpaint-'));
    try {
      const inputDir = path.join(dir, 'in');
      await fs.mkdir(inputDir);
      const sizes = [[44, 40], [64, 48]] as const;
      for (const [w, h] of sizes) await fs.writeFile(path.join(inputDir, `p${w}.png`), await encodePng(patterned(w, h)));
      const outpaint = OutpaintSchema.parse({ right: 16, overlap: 8 });
      const job = await createImg2ImgJob({ model: await openDemo('demo-sd'), modelName: 'demo-sd', inputDir, outputDir: path.join(dir, 'out'), ...base, strength: 1, outpaint });
      expect(job.parameters).toMatchObject({ outpaint });
      for (const [index, [w, h]] of sizes.entries()) {
        const item = job.items[index]!;
        const generated = await job.infer(item, await job.prepare(item, (await job.load(item)).data));
        const out = generated.generated.image;
        const layout = outpaintLayout(w, h, outpaint);
        expect([out.width, out.height]).toEqual([layout.width, layout.height]);
        const original = patterned(w, h);
        // left of the band (8 px from the original's right edge) the bytes are the original's
        for (const [x, y] of [[0, 0], [w - 9, h - 1], [w >> 1, h >> 1]] as const) {
          const o = ((y + layout.originY) * out.width + x + layout.originX) * 3;
          expect(Array.from(out.data.subarray(o, o + 3))).toEqual(Array.from(original.data.subarray((y * w + x) * 3, (y * w + x) * 3 + 3)));
        }
        const [r, g, b] = meanColour(out, (x) => x >= layout.originX + w + 4);
        expect(Math.abs(r - 255) + Math.abs(g - 255) + b).toBeLessThanOrEqual(24);
        const png = [...(await job.render(item, generated)).files.values()][0]!;
        expect(readGenerationParameters(png)?.parameters.outpaint).toEqual({ left: 0, right: 16, top: 0, bottom: 0, overlap: 8 });
      }
      await expect(createImg2ImgJob({ model: await openDemo('demo-sd'), modelName: 'demo-sd', inputDir, outputDir: path.join(dir, 'out'), ...base, strength: 1, width: 64, height: 64, outpaint })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
