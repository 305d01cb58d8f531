// Fast decode (pipelines/diffusion/fast-decode.ts): the final latents go through the folder's tiny decoder
// (preview_decoder/, the demo pack's TAESD stand-in) and the VAE decoder never runs; a folder without one is
// refused before any model runs.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPreviewDecoderGraph } from '../../../native-models/demo/sd/preview-decoder-graph.ts';
import { loadOnnxModel } from '../../../native-models/runtime/index.ts';
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

  it('is refused, before any model runs, for a folder without preview_decoder/ and no tiny decoder installed, naming both ways to get one', async () => {
    const model = await openDemo('demo-sd-legacy');
    await expect(generateImages(model, { ...request, fastDecode: true })).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringMatching(/fast decode needs a tiny decoder: the folder has no preview_decoder\/model\.onnx and no tiny decoder for SD 1\.x\/2\.x latents is installed; install taesd .* from the catalogue, or put a tiny decoder at preview_decoder\/model\.onnx/),
    });
  });

  it("is off unless asked for, the API's default from generation-defaults.ts", () => {
    expect(DEFAULT_FAST_DECODE).toBe(false);
    const parsed = GenerateParamsSchema.parse({ modelId: 'demo-sd', prompt: 'x', steps: 1, guidance: 0, seed: 1, width: 64, height: 64 });
    expect(parsed.fastDecode).toBe(DEFAULT_FAST_DECODE);
  });

  it("reads a diffusers AutoencoderTiny export (latent_sample → sample in [-1, 1]) as TAESD's own [0, 1] form: same picture", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-taesd-'));
    try {
      const files = { own: path.join(dir, 'own.onnx'), diffusers: path.join(dir, 'diffusers.onnx') };
      await fs.writeFile(files.own, buildPreviewDecoderGraph().serialize().model);
      await fs.writeFile(files.diffusers, buildPreviewDecoderGraph({ diffusersExport: true }).serialize().model);
      const latents = Float32Array.from({ length: 4 * 4 * 4 }, (_, i) => Math.sin(i * 0.7) * 0.6);
      const decode = async (file: string) => {
        const decoder = await loadOnnxModel(file, { provider: 'cpu' });
        try {
          return await previewWithDecoder(decoder, latents, [1, 4, 4, 4]);
        } finally {
          await decoder.release();
        }
      };
      const [own, diffusers] = [await decode(files.own), await decode(files.diffusers)];
      // read as [0, 1], the signed output would lose everything below 0.5 grey: a measurable difference
      expect(meanAbsDiff(own.data, diffusers.data)).toBeLessThanOrEqual(0.5);
      expect(new Set(own.data).size).toBeGreaterThan(10);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
