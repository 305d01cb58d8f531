// SDXL through the one pipeline on the demo pack: the same pictures as demo-sd for the same prompts (weighted, long,
// with a negative), force_zeros_for_empty_prompt's black unconditional picture, img2img and inpainting, and SDXL-Turbo
// in one step. Expected pictures come from the oracle reference (diffusion-test-kit.ts).
import { describe, expect, it } from 'vitest';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { featuresFromWords, modelImageToRgb, targetImage } from '../../../native-models/demo/sd/oracle-reference.ts';
import { expectedPicture, meanAbsDiff, openDemo, solidImage } from './diffusion-test-kit.ts';

// Non-square so that a (width, height) mix-up in time_ids shows; small to stay cheap.
const W = 96;
const H = 64;
const base = { steps: 8, seed: 3, width: W, height: H, scheduler: 'euler' };

describe('demo-sdxl paints what demo-sd paints', () => {
  it.each([
    ['a plain prompt', 'a red circle', undefined, 1],
    ['a weighted prompt', '(red:1.6) blue stripes', undefined, 1],
    ['a prompt past 75 tokens (chunks aligned across both encoders)', `${'word '.repeat(80)}a yellow square`, undefined, 1],
    ['a negative prompt with guidance 2', 'green square', 'blue', 2],
    ['a background colour ("on" read from text_encoder, the shape from text_encoder_2)', 'a blue square on yellow', undefined, 1],
  ] as const)('%s', async (_label, prompt, negativePrompt, guidance) => {
    const request = { ...base, prompt, negativePrompt, guidance };
    const [sd] = await generateImages(await openDemo('demo-sd'), request);
    const [sdxl] = await generateImages(await openDemo('demo-sdxl'), request);
    expect(meanAbsDiff(sdxl!.image.data, sd!.image.data)).toBeLessThanOrEqual(1);
  });

  it('an empty negative prompt is all-zero conditioning (force_zeros_for_empty_prompt): the unconditional picture is black', async () => {
    const [result] = await generateImages(await openDemo('demo-sdxl'), { ...base, prompt: 'a red circle', negativePrompt: '', guidance: 1.5 });
    const h = H / 8;
    const w = W / 8;
    const pos = targetImage(featuresFromWords({ red: 1, circle: 1 }), h, w);
    // x0(neg) is black (−1): x0 = −1 + 1.5·(x0(pos) + 1); gray 128 comes out ≈ 192
    const expected = modelImageToRgb(pos.map((p) => -1 + 1.5 * (p + 1)), h, w);
    expect(meanAbsDiff(result!.image.data, expected)).toBeLessThanOrEqual(2);
    // the encoded "" (what SD does) would have kept the gray background at 128
    expect(meanAbsDiff(result!.image.data, expectedPicture(W, H, { red: 1, circle: 1 }, {}, 1.5))).toBeGreaterThan(30);
  });

  it('image-to-image and inpainting (blend path) run on an SDXL UNet', async () => {
    const model = await openDemo('demo-sdxl');
    const init = solidImage(W, H, [0, 200, 0]);
    const [img2img] = await generateImages(model, { ...base, prompt: 'purple', guidance: 1, steps: 10, strength: 1, initImage: init });
    expect(meanAbsDiff(img2img!.image.data, expectedPicture(W, H, { purple: 1 }))).toBeLessThanOrEqual(2);
    const mask = { width: W, height: H, channels: 1 as const, data: new Uint8Array(W * H).map((_, i) => (i % W < W / 2 ? 255 : 0)) };
    const [inpainted] = await generateImages(model, { ...base, prompt: 'purple', guidance: 1, initImage: init, mask, maskFeatherPx: 0 });
    const right = inpainted!.image.data.slice(((H / 2) * W + W - 4) * 3, ((H / 2) * W + W - 3) * 3);
    expect(Array.from(right)).toEqual([0, 200, 0]);
  });
});

describe('demo-sdxl-turbo', () => {
  it('one Euler-ancestral step without guidance paints the prompt (trailing spacing starts at t = 999)', async () => {
    const model = await openDemo('demo-sdxl-turbo');
    expect(model.report.diffusion?.sdxl?.role).toBe('turbo');
    const [result] = await generateImages(model, { ...base, scheduler: undefined, steps: 1, guidance: 0, prompt: 'a cyan circle' });
    expect(result!.scheduler).toBe('euler_a');
    expect(meanAbsDiff(result!.image.data, expectedPicture(W, H, { cyan: 1, circle: 1 }))).toBeLessThanOrEqual(2);
  });
});
