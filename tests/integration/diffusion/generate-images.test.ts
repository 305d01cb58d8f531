// Text-to-image, image-to-image and inpainting behaviour on the demo pack: guidance, exporter flavours,
// fp16, strength, masks, seeds, cancellation and progress. Expected pictures come from the oracle reference.
import { describe, expect, it } from 'vitest';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { expectedPicture, meanAbsDiff, meanColour, openDemo, solidImage } from './diffusion-test-kit.ts';

const SIZE = 64;
const base = { steps: 12, seed: 7, width: SIZE, height: SIZE, scheduler: 'euler' };

describe('classifier-free guidance', () => {
  it('with a negative prompt lands on x0(neg) + g·(x0(pos) − x0(neg))', async () => {
    const model = await openDemo('demo-sd');
    const [result] = await generateImages(model, { ...base, prompt: 'red gray', negativePrompt: 'gray', guidance: 1.5 });
    const expected = expectedPicture(SIZE, SIZE, { red: 1, gray: 1 }, { gray: 1 }, 1.5);
    expect(meanAbsDiff(result!.image.data, expected)).toBeLessThanOrEqual(4);
    // R = 128 + 1.5·(191.5 − 128) ≈ 223, G = B = 128 + 1.5·(64 − 128) = 32 (worked by hand)
    const [r, g, b] = meanColour(result!.image);
    expect(r).toBeCloseTo(223, -1);
    expect(g).toBeCloseTo(32, -1);
    expect(b).toBeCloseTo(32, -1);
  });

  it('guidance ≤ 1 skips the unconditional pass: the negative prompt has no effect', async () => {
    const model = await openDemo('demo-sd');
    const [a] = await generateImages(model, { ...base, prompt: 'yellow', negativePrompt: 'blue', guidance: 1 });
    const [b] = await generateImages(model, { ...base, prompt: 'yellow', negativePrompt: 'purple', guidance: 0 });
    expect(Buffer.from(a!.image.data).equals(Buffer.from(b!.image.data))).toBe(true);
    expect(meanAbsDiff(a!.image.data, expectedPicture(SIZE, SIZE, { yellow: 1 }))).toBeLessThanOrEqual(4);
  });
});

describe('every exporter flavour gives the same picture', () => {
  it.each(['demo-sd', 'demo-sd-legacy', 'demo-sd-v'])('%s: "an orange circle"', async (folder) => {
    const model = await openDemo(folder);
    const [result] = await generateImages(model, { ...base, prompt: 'an orange circle', guidance: 3, negativePrompt: '' });
    expect(meanAbsDiff(result!.image.data, expectedPicture(SIZE, SIZE, { orange: 1, circle: 1 }, {}, 3))).toBeLessThanOrEqual(4);
  });

  it('the fp16 (Olive-style) model is within 2/255 of the fp32 one', async () => {
    const request = { ...base, prompt: 'a magenta gray square', guidance: 1 };
    const [fp32] = await generateImages(await openDemo('demo-sd'), request);
    const [fp16] = await generateImages(await openDemo('demo-sd-fp16'), request);
    expect(meanAbsDiff(fp32!.image.data, fp16!.image.data)).toBeLessThanOrEqual(2);
  });
});

describe('image-to-image', () => {
  it.each([
    [20, 0.5, 10],
    [20, 0.3, 6],
    [10, 1, 10],
  ])('steps %i × strength %f runs %i steps and lands on the prompt', async (steps, strength, expectedSteps) => {
    const model = await openDemo('demo-sd');
    let progressEvents = 0;
    const [result] = await generateImages(
      model,
      { ...base, steps, strength, prompt: 'purple', guidance: 1, initImage: solidImage(SIZE, SIZE, [0, 200, 0]) },
      { onProgress: () => void (progressEvents += 1) },
    );
    expect(result!.stepsRun).toBe(expectedSteps);
    expect(progressEvents).toBe(expectedSteps);
    expect(meanAbsDiff(result!.image.data, expectedPicture(SIZE, SIZE, { purple: 1 }))).toBeLessThanOrEqual(4);
  });
});

describe('inpainting', () => {
  const init = solidImage(SIZE, SIZE, [10, 120, 230]);
  // repaint the left half
  const mask = { width: SIZE, height: SIZE, data: new Uint8Array(SIZE * SIZE).map((_, i) => (i % SIZE < SIZE / 2 ? 255 : 0)) };
  const inLeft = (x: number) => x < SIZE / 2 - 4; // away from the feathered edge

  it.each(['demo-sd-inpaint', 'demo-sd'])('%s keeps unmasked pixels byte-identical and fills the mask with the prompt colour', async (folder) => {
    const model = await openDemo(folder);
    const [result] = await generateImages(model, { ...base, prompt: 'yellow', guidance: 1, initImage: init, mask });
    const out = result!.image;
    for (let i = 0; i < SIZE * SIZE; i++) {
      if (mask.data[i] === 0) expect(Array.from(out.data.subarray(i * 3, i * 3 + 3))).toEqual([10, 120, 230]);
    }
    const [r, g, b] = meanColour(out, (x) => inLeft(x));
    expect(Math.abs(r - 255) + Math.abs(g - 255) + Math.abs(b - 0)).toBeLessThanOrEqual(12);
  });

  it('re-inpainting many times never drifts the kept pixels', async () => {
    const model = await openDemo('demo-sd');
    let image = init;
    for (let pass = 0; pass < 3; pass++) {
      const [result] = await generateImages(model, { ...base, steps: 4, prompt: pass % 2 ? 'red' : 'blue', guidance: 1, initImage: image, mask });
      image = result!.image;
    }
    for (let i = 0; i < SIZE * SIZE; i++) if (mask.data[i] === 0) expect(image.data[i * 3]).toBe(10);
  });
});

describe('seeds, batches, progress and cancellation', () => {
  it('the same seed gives identical bytes twice (ancestral sampler)', async () => {
    const model = await openDemo('demo-sd');
    const request = { ...base, scheduler: 'euler_a', steps: 6, prompt: 'a white gray circle', guidance: 2, negativePrompt: 'black' };
    const [a] = await generateImages(model, request);
    const [b] = await generateImages(model, request);
    expect(Buffer.from(a!.image.data).equals(Buffer.from(b!.image.data))).toBe(true);
  });

  it('count and batch size produce one image per seed, seed + k', async () => {
    const model = await openDemo('demo-sd');
    const results = await generateImages(model, { ...base, prompt: 'cyan', guidance: 1, batchSize: 2 }, { count: 3 });
    expect(results.map((r) => r.seed)).toEqual([7, 8, 9]);
    for (const r of results) expect(meanAbsDiff(r.image.data, expectedPicture(SIZE, SIZE, { cyan: 1 }))).toBeLessThanOrEqual(4);
  });

  it('reports every step with elapsed time and latent previews', async () => {
    const model = await openDemo('demo-sd');
    const events: { step: number; totalSteps: number; elapsedMs: number; hasPreview: boolean }[] = [];
    await generateImages(model, { ...base, steps: 6, prompt: 'red', guidance: 1, previewEvery: 2 }, {
      onProgress: (p) => void events.push({ step: p.step, totalSteps: p.totalSteps, elapsedMs: p.elapsedMs, hasPreview: p.preview !== undefined }),
    });
    expect(events.map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events.map((e) => e.hasPreview)).toEqual([false, true, false, true, false, true]);
    expect(events.every((e, i) => e.totalSteps === 6 && e.elapsedMs >= (events[i - 1]?.elapsedMs ?? 0))).toBe(true);
  });

  it('previews come from the model\'s own TAESD-style decoder when it ships one: the last equals the result', async () => {
    const model = await openDemo('demo-sd');
    expect(model.previewDecoderPath).toMatch(/preview_decoder\/model\.onnx$/);
    const previews: { width: number; data: Uint8Array }[] = [];
    const [result] = await generateImages(model, { ...base, steps: 4, prompt: 'a blue circle', guidance: 1, previewEvery: 4 }, { onProgress: (p) => void (p.preview && previews.push(p.preview)) });
    expect(previews).toHaveLength(1);
    expect(previews[0]!.width).toBe(SIZE);
    expect(meanAbsDiff(previews[0]!.data, result!.image.data)).toBeLessThanOrEqual(1);
  });

  it('without a preview decoder, previews are the linear latent approximation at latent size', async () => {
    const model = await openDemo('demo-sd-legacy');
    expect(model.previewDecoderPath).toBeUndefined();
    const previews: { width: number; height: number }[] = [];
    await generateImages(model, { ...base, steps: 2, prompt: 'red', guidance: 1, previewEvery: 1 }, { onProgress: (p) => void (p.preview && previews.push(p.preview)) });
    expect(previews.map((p) => [p.width, p.height])).toEqual([
      [SIZE / 8, SIZE / 8],
      [SIZE / 8, SIZE / 8],
    ]);
  });

  it('cancel stops within one step with a CANCELLED error', async () => {
    const model = await openDemo('demo-sd');
    const controller = new AbortController();
    let steps = 0;
    const run = generateImages(model, { ...base, steps: 30, prompt: 'red', guidance: 1 }, {
      signal: controller.signal,
      onProgress: (p) => {
        steps = p.step;
        if (p.step === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(steps).toBe(3);
    // the model stays usable after a cancelled run
    const [after] = await generateImages(model, { ...base, steps: 4, prompt: 'red', guidance: 1 });
    expect(meanAbsDiff(after!.image.data, expectedPicture(SIZE, SIZE, { red: 1 }))).toBeLessThanOrEqual(4);
  });
});

describe('prompts', () => {
  it('weights shift the colour mix: (red:2) blue is redder than red blue', async () => {
    const model = await openDemo('demo-sd');
    const [plain] = await generateImages(model, { ...base, prompt: 'red blue', guidance: 1 });
    const [weighted] = await generateImages(model, { ...base, prompt: '(red:2) blue', guidance: 1 });
    expect(meanColour(weighted!.image)[0]).toBeGreaterThan(meanColour(plain!.image)[0] + 20);
  });

  it('prompts longer than 75 tokens are encoded in chunks: a colour word after token 75 still counts', async () => {
    const model = await openDemo('demo-sd');
    const filler = Array.from({ length: 80 }, () => 'photo').join(' ');
    const [result] = await generateImages(model, { ...base, prompt: `${filler} green`, guidance: 1 });
    expect(meanAbsDiff(result!.image.data, expectedPicture(SIZE, SIZE, { green: 1 }))).toBeLessThanOrEqual(4);
  });
});

describe('errors', () => {
  it.each([
    [{ width: 60 }, 'width: got 60, expected a multiple of 8'],
    [{ scheduler: 'warp-drive' }, 'warp-drive'],
  ])('%o is a clear error', async (patch, message) => {
    const model = await openDemo('demo-sd');
    await expect(generateImages(model, { ...base, prompt: 'red', guidance: 1, ...patch })).rejects.toThrow(message);
  });

  it('an inpainting model without a mask is a clear error', async () => {
    const model = await openDemo('demo-sd-inpaint');
    await expect(generateImages(model, { ...base, prompt: 'red', guidance: 1 })).rejects.toThrow(/inpainting model .* needs an init image and a mask/);
  });
});
