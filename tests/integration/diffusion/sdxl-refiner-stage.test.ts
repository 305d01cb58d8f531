// The refiner as a second stage of one schedule: demo-sdxl runs up to the switch, demo-sdxl-refiner continues the
// same latents over the remaining timesteps. The demo refiner keeps the brightness it is handed and pulls it halfway
// toward aesthetic_score / 10 = 0.6 per low-noise step (sdxl-refiner-oracle-graph.ts), so the picture's brightness
// tells how many steps the refiner ran: base-only (1.0) > switch 0.9 > 0.8 > 0.7 > refiner-only (0.6).
import { describe, expect, it } from 'vitest';
import { generateImages, type GenerationProgress } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import type { RgbImage } from '../../../native-models/image/rgb-image.ts';
import { meanAbsDiff, openDemo } from './diffusion-test-kit.ts';

const request = { prompt: 'a red circle', steps: 20, seed: 11, width: 96, height: 64, scheduler: 'euler', guidance: 1 };

/** Mean byte value: the demo picture at brightness b is 127.5·b·(p + 1), so this is proportional to b. */
const meanByte = (image: RgbImage): number => image.data.reduce((sum, v) => sum + v, 0) / image.data.length;

describe('SDXL refiner stage', () => {
  it('hands the base latents over at switchAt; the later the switch, the closer to the base picture', async () => {
    const base = await openDemo('demo-sdxl');
    const refiner = await openDemo('demo-sdxl-refiner');
    const [baseOnly] = await generateImages(base, request);
    const [refinerOnly] = await generateImages(refiner, request);
    const handedOver = new Map<number, RgbImage>();
    for (const switchAt of [0.9, 0.8, 0.7]) {
      const [made] = await generateImages(base, request, { refiner: { model: refiner, switchAt } });
      expect(made!.stepsRun).toBe(20);
      handedOver.set(switchAt, made!.image);
    }
    const full = meanByte(baseOnly!.image);
    const brightness = [baseOnly!.image, ...handedOver.values(), refinerOnly!.image].map((image) => meanByte(image) / full);
    // the refiner alone paints at 0.6 (its contract); each earlier switch gives it more steps toward 0.6
    expect(brightness[4]).toBeCloseTo(0.6, 1);
    for (let k = 1; k < brightness.length; k++) expect(brightness[k - 1]! - brightness[k]!).toBeGreaterThan(0.01);
    // every hand-over is visibly neither model alone
    for (const image of handedOver.values()) {
      expect(meanAbsDiff(image.data, baseOnly!.image.data)).toBeGreaterThan(3);
      expect(meanAbsDiff(image.data, refinerOnly!.image.data)).toBeGreaterThan(3);
    }
  });

  it('reports one run of steps 1…N across both stages', async () => {
    const base = await openDemo('demo-sdxl');
    const refiner = await openDemo('demo-sdxl-refiner');
    const progress: GenerationProgress[] = [];
    await generateImages(base, { ...request, steps: 10 }, { refiner: { model: refiner, switchAt: 0.8 }, onProgress: (p) => void progress.push(p) });
    expect(progress.map((p) => p.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(progress.map((p) => p.totalSteps))).toEqual(new Set([10]));
  });

  it('refuses a refiner from another latent space, an inpainting UNet, or a switch outside (0, 1)', async () => {
    const base = await openDemo('demo-sdxl');
    const sd = await openDemo('demo-sd');
    const inpainting = await openDemo('demo-sdxl-inpainting');
    const refiner = await openDemo('demo-sdxl-refiner');
    await expect(generateImages(base, request, { refiner: { model: sd, switchAt: 0.8 } })).rejects.toThrow(/sd1 model, expected the base's family \(sdxl\)/);
    await expect(generateImages(base, request, { refiner: { model: inpainting, switchAt: 0.8 } })).rejects.toThrow(/inpainting model/);
    await expect(generateImages(base, request, { refiner: { model: refiner, switchAt: 1 } })).rejects.toThrow(/strictly between 0 and 1/);
  });
});
