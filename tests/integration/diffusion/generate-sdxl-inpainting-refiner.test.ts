// The demo pack's SDXL inpainting (9-channel UNet) and refiner folders: `models check` names their roles, the
// 9-channel UNet repaints inside the mask and leaves every pixel outside byte-identical, and the refiner (bigG
// alone, 5 time ids) paints its picture at brightness aesthetic_score / 10 (diffusers' default 6.0 → 0.6).
import { describe, expect, it } from 'vitest';
import { inspectModelFolder } from '../../../native-models/models/index.ts';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { featuresFromWords, modelImageToRgb, targetImage } from '../../../native-models/demo/sd/oracle-reference.ts';
import { latentRgbFactors, previewLatents } from '../../../native-models/pipelines/diffusion/latent-preview.ts';
import type { RgbImage } from '../../../native-models/image/rgb-image.ts';
import { demoModel } from '../demo-pack.ts';
import { expectedPicture, meanAbsDiff, meanColour, openDemo, solidImage } from './diffusion-test-kit.ts';

const W = 96;
const H = 64;
const base = { steps: 8, seed: 5, width: W, height: H, scheduler: 'euler', guidance: 1 };

describe('SDXL inpainting and refiner demo folders', () => {
  it.each([
    ['demo-sdxl-inpainting', 'inpainting', 'SDXL inpainting', 6, 2],
    ['demo-sdxl-refiner', 'refiner', 'SDXL refiner', 5, 1],
  ] as const)('%s is a usable %s folder', async (folder, role, label, timeIds, encoders) => {
    const report = await inspectModelFolder(demoModel(folder));
    expect(report.problems).toEqual([]);
    expect(report.variant.startsWith(label)).toBe(true);
    expect(report.diffusion?.sdxl).toMatchObject({ role, timeIdsLength: timeIds });
    expect(report.diffusion?.sdxl?.encoders).toHaveLength(encoders);
  });

  it('the 9-channel SDXL UNet repaints inside the mask; outside stays byte-identical', async () => {
    const model = await openDemo('demo-sdxl-inpainting');
    expect(model.isInpaintingModel).toBe(true);
    const init = solidImage(W, H, [0, 200, 0]);
    const mask = { width: W, height: H, channels: 1 as const, data: new Uint8Array(W * H).map((_, i) => (i % W < W / 2 ? 255 : 0)) };
    const [result] = await generateImages(model, { ...base, prompt: 'purple', initImage: init, mask, maskFeatherPx: 0 });
    const image = result!.image;
    for (let y = 0; y < H; y++) for (let x = W / 2; x < W; x++) expect(Array.from(image.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3))).toEqual([0, 200, 0]);
    const purple = expectedPicture(W, H, { purple: 1 }).subarray(0, 3);
    const inside = meanColour(image, (x) => x < W / 2 - 8);
    inside.forEach((c, i) => expect(Math.abs(c - purple[i]!)).toBeLessThanOrEqual(4));
  });

  it('the refiner reads the prompt through bigG alone and its picture shows the aesthetic score (6.0 → 0.6 brightness)', async () => {
    const model = await openDemo('demo-sdxl-refiner');
    const [result] = await generateImages(model, { ...base, prompt: 'a red circle' });
    const h = H / 8;
    const w = W / 8;
    const picture = targetImage(featuresFromWords({ red: 1, circle: 1 }), h, w);
    const atScore = (score: number) => modelImageToRgb(picture.map((p) => -1 + (score / 10) * (p + 1)), h, w);
    expect(meanAbsDiff(result!.image.data, atScore(6))).toBeLessThanOrEqual(2);
    // the negative score (2.5) or no score at all would be far darker / brighter
    expect(meanAbsDiff(result!.image.data, atScore(2.5))).toBeGreaterThan(20);
    expect(meanAbsDiff(result!.image.data, atScore(10))).toBeGreaterThan(20);
  });
});

describe('SDXL latent previews', () => {
  it('a demo-sdxl generation previews its latents through SDXL\'s factors, not SD 1.x\'s', async () => {
    const model = await openDemo('demo-sdxl');
    const previews: RgbImage[] = [];
    const [result] = await generateImages(model, { ...base, prompt: 'a red circle', previewEvery: base.steps }, { keepLatents: true, onProgress: (p) => void (p.preview && previews.push(p.preview)) });
    expect(previews).toHaveLength(1);
    const dims = [1, 4, H / 8, W / 8];
    expect(Array.from(previews[0]!.data)).toEqual(Array.from(previewLatents(result!.latents!, dims, 0, latentRgbFactors('sdxl')).data));
    expect(meanAbsDiff(previews[0]!.data, previewLatents(result!.latents!, dims, 0, latentRgbFactors('sd1')).data)).toBeGreaterThan(3);
  });
});
