// Fast decode (pipelines/diffusion/fast-decode.ts): the final latents go through the folder's tiny decoder
// (preview_decoder/, the demo pack's TAESD stand-in) and the VAE decoder never runs; a folder without one is
// refused before any model runs.
import { describe, expect, it } from 'vitest';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { previewWithDecoder } from '../../../native-models/pipelines/diffusion/latent-preview.ts';
import { GenerateParamsSchema } from '../../../native-models/api/generation-schemas.ts';
import { DEFAULT_FAST_DECODE } from '../../../native-models/api/generation-defaults.ts';
import { meanAbsDiff, openDemo } from './diffusion-test-kit.ts';

const SIZE = 64;
const request = { steps: 2, seed: 11, width: SIZE, height: SIZE, scheduler: 'euler', prompt: 'a green circle', guidance: 1, batchSize: 2 };

describe('fast decode', () => {
  it('decodes every image of a batch with the tiny decoder, never opening the VAE decoder', async () => {
    const model = await openDemo('demo-sd');
    const vaeUse = model.useVaeDecoder.bind(model);
    let vaeRuns = 0;
    model.useVaeDecoder = (work) => (vaeRuns++, vaeUse(work));
    try {
      const fast = await generateImages(model, { ...request, fastDecode: true }, { count: 2, keepLatents: true });
      expect(vaeRuns).toBe(0);
      expect(fast).toHaveLength(2);
      for (const made of fast) {
        // the result is the tiny decoder's image of the image's own latents, bit for bit
        const expected = await model.usePreviewDecoder((d) => previewWithDecoder(d, made.latents!, [1, 4, SIZE / 8, SIZE / 8]));
        expect([made.image.width, made.image.height]).toEqual([SIZE, SIZE]);
        expect(Buffer.from(made.image.data).equals(Buffer.from(expected.data))).toBe(true);
      }
      // the demo's tiny decoder plays TAESD: close to the VAE's picture, the same seed's image
      const [full] = await generateImages(model, { ...request, batchSize: 1 });
      expect(vaeRuns).toBe(1);
      expect(meanAbsDiff(fast[0]!.image.data, full!.image.data)).toBeLessThanOrEqual(2);
    } finally {
      delete (model as { useVaeDecoder?: unknown }).useVaeDecoder; // back to the prototype's method
    }
  });

  it('is refused, before any model runs, for a folder without preview_decoder/', async () => {
    const model = await openDemo('demo-sd-legacy');
    await expect(generateImages(model, { ...request, fastDecode: true })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringMatching(/fast decode needs a tiny decoder at preview_decoder\/model\.onnx/) });
  });

  it("is off unless asked for, the API's default from generation-defaults.ts", () => {
    expect(DEFAULT_FAST_DECODE).toBe(false);
    const parsed = GenerateParamsSchema.parse({ modelId: 'demo-sd', prompt: 'x', steps: 1, guidance: 0, seed: 1, width: 64, height: 64 });
    expect(parsed.fastDecode).toBe(DEFAULT_FAST_DECODE);
  });
});
