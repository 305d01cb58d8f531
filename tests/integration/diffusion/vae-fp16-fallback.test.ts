// The fp16 SDXL VAE overflow: a decoder whose output holds inf/NaN is never written as an image. With an fp32
// decoder in vae_decoder_fp32/ (or an fp16-fix VAE folder beside the model) the latents are decoded again and a
// warning says so; without one the error names both remedies.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnnxGraphBuilder, attr } from '../../../native-models/demo/onnx-graph-builder.ts';
import { DiffusionModel } from '../../../native-models/pipelines/diffusion/diffusion-model.ts';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { expectedPicture, meanAbsDiff } from './diffusion-test-kit.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await makeTempDir('tessera-vae-fp16-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

/** An fp16-I/O VAE decoder that overflows: ×65504 twice in float16 turns every non-zero pixel into ±inf. */
function overflowingDecoder(): Uint8Array {
  const g = new OnnxGraphBuilder('overflowing_fp16_vae_decoder');
  const z = g.input('latent_sample', 'float16', ['batch_size', 4, 'latent_height', 'latent_width']);
  const big = g.op('Cast', [g.f32(65504)], { to: attr.dtype('float16') });
  const mean = g.op('ReduceMean', [z], { axes: attr.ints([1]), keepdims: attr.i(1) });
  const rgb = g.op('Concat', [mean, mean, mean], { axis: attr.i(1) });
  const up = g.op('Resize', [rgb, '', g.f32([1, 1, 8, 8]), ''], { mode: attr.s('nearest') });
  g.output(g.op('Mul', [g.op('Mul', [up, big]), big]), 'sample', 'float16', ['batch_size', 3, 'height', 'width']);
  return g.serialize({ docString: 'test: overflowing fp16 VAE decoder' }).model;
}

/** A copy of demo-sdxl (in its own parent folder) whose vae_decoder is the overflowing fp16 one. */
async function fp16Copy(name: string, keepFp32As?: string): Promise<string> {
  const parent = await fs.mkdtemp(path.join(scratch, 'models-'));
  const dir = path.join(parent, name);
  await fs.cp(demoModel('demo-sdxl'), dir, { recursive: true });
  if (keepFp32As) {
    await fs.mkdir(path.dirname(path.join(parent, keepFp32As)), { recursive: true });
    await fs.cp(path.join(dir, 'vae_decoder'), path.join(parent, keepFp32As), { recursive: true });
  }
  await fs.writeFile(path.join(dir, 'vae_decoder', 'model.onnx'), overflowingDecoder());
  return dir;
}

const request = { prompt: 'a blue square', steps: 4, guidance: 1, seed: 1, width: 64, height: 64, scheduler: 'euler' };

describe('fp16 VAE overflow', () => {
  it.each([
    ['vae_decoder_fp32/ in the model folder', 'sdxl-fp16', 'sdxl-fp16/vae_decoder_fp32'],
    ['an fp16-fix VAE folder beside the model', 'sdxl-fp16', 'sdxl-vae-fp16-fix/vae_decoder'],
  ])('is decoded again by %s, with a warning', async (_label, name, fp32) => {
    const dir = await fp16Copy(name, fp32);
    const model = await DiffusionModel.open(dir, new SessionCache({ provider: 'cpu', threads: 1 }));
    const warnings: string[] = [];
    const [result] = await generateImages(model, request, { onWarning: (m) => warnings.push(m) });
    await model.release();
    expect(meanAbsDiff(result!.image.data, expectedPicture(64, 64, { blue: 1, square: 1 }))).toBeLessThanOrEqual(1);
    expect(warnings).toEqual([expect.stringMatching(/vae_decoder\/model\.onnx: the VAE decoder output has \d+ NaN\/inf values .*decoding again with .*vae_decoder/)]);
  });

  it('with no full-precision decoder fails with INFERENCE_FAILED naming both remedies, and writes no image', async () => {
    const dir = await fp16Copy('sdxl-fp16-alone');
    const model = await DiffusionModel.open(dir, new SessionCache({ provider: 'cpu', threads: 1 }));
    const images: unknown[] = [];
    await expect(generateImages(model, request, { onImage: (i) => void images.push(i) })).rejects.toMatchObject({
      code: 'INFERENCE_FAILED',
      message: expect.stringMatching(/NaN\/inf .*vae_decoder_fp32\/model\.onnx.*fp16-fix/),
    });
    await model.release();
    expect(images).toEqual([]);
  });
});
