// Tiled VAE decode and encode on the demo pack's linear VAE: overlapping, cross-faded tiles give the untiled result
// (decode within 1/255, encode within 1e-5), really in tiles (the VAE sees tile-sized inputs), a misplaced tile
// would break that agreement, img2img above 768² encodes its init image in tiles, and low-memory mode generates the
// same bytes as normal.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiffusionModel, generateImages } from '../../../native-models/pipelines/diffusion/index.ts';
import { decodeLatents, encodeModelSpace } from '../../../native-models/pipelines/diffusion/vae-codec.ts';
import { ENCODE_TILES, runInTiles, shouldTileVae, tileStarts } from '../../../native-models/pipelines/diffusion/tiled-vae.ts';
import { OnnxModel, SessionCache } from '../../../native-models/runtime/index.ts';
import type { Tensor } from '../../../native-models/core/tensor.ts';
import { demoModel } from '../demo-pack.ts';
import { solidImage } from './diffusion-test-kit.ts';

/** A seeded latent with a different value in every cell, so a misplaced or missing tile shows. */
function randomLatent(count: number): Float32Array {
  let state = 12345;
  return Float32Array.from({ length: count }, () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 4 - 2);
}

describe('tiled VAE decode', () => {
  it('tile starts cover the axis with the stated overlap, the last tile flush with the end', () => {
    expect(tileStarts(20, 8, 3)).toEqual([0, 5, 10, 12]);
    expect(tileStarts(8, 8, 3)).toEqual([0]);
    expect(tileStarts(5, 8, 3)).toEqual([0]);
  });

  it('equals the untiled decode within 1/255 and runs the VAE on tile-sized latents', async () => {
    const vae = await OnnxModel.load(path.join(demoModel('demo-sd'), 'vae_decoder', 'model.onnx'), { provider: 'cpu' });
    try {
      const dims = [1, 4, 20, 24];
      const latents = randomLatent(4 * 20 * 24);
      const seen: number[][] = [];
      // the real session, its run() counted: an object whose prototype is the model
      const counting = Object.assign(Object.create(vae) as OnnxModel, { run: (feeds: Record<string, Tensor>) => (seen.push([...feeds.latent_sample!.dims]), vae.run(feeds)) });
      const [untiled] = await decodeLatents(vae, latents, dims, 0.18215);
      const [tiled] = await decodeLatents(counting, latents, dims, 0.18215, { tileLatents: 8, overlapLatents: 3 });
      expect(seen).toHaveLength(4 * 5); // rows 0,5,10,12 × columns 0,5,10,15,16
      expect(seen.every((d) => d[2] === 8 && d[3] === 8)).toBe(true);
      let worst = 0;
      for (let i = 0; i < untiled!.data.length; i++) worst = Math.max(worst, Math.abs(untiled!.data[i]! - tiled!.data[i]!));
      expect(worst).toBeLessThanOrEqual(1);
    } finally {
      await vae.release();
    }
  });

  it('encodes in tiles to the untiled latents within 1e-5, and a misplaced tile would show', async () => {
    const vae = await OnnxModel.load(path.join(demoModel('demo-sd'), 'vae_encoder', 'model.onnx'), { provider: 'cpu' });
    try {
      // 160×192 px = 20×24 latent cells, every pixel different
      const pixels = randomLatent(3 * 160 * 192).map((v) => v / 2);
      const seen: number[][] = [];
      const counting = Object.assign(Object.create(vae) as OnnxModel, { run: (feeds: Record<string, Tensor>) => (seen.push([...feeds.sample!.dims]), vae.run(feeds)) });
      const untiled = await encodeModelSpace(vae, pixels, 192, 160, 0.18215);
      const tiled = await encodeModelSpace(counting, pixels, 192, 160, 0.18215, { tileLatents: 8, overlapLatents: 3 });
      expect(seen).toHaveLength(4 * 5);
      expect(seen.every((d) => d[2] === 64 && d[3] === 64)).toBe(true);
      const worst = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
      expect(worst(untiled, tiled)).toBeLessThanOrEqual(1e-5);
      // the same blend with each tile's latents placed one cell to the left (the last column repeated)
      const misplaced = await runInTiles(pixels, 20, 24, ENCODE_TILES, { tileLatents: 8, overlapLatents: 3 }, async (crop, th, tw) => {
        const latents = await encodeModelSpace(vae, crop, tw * 8, th * 8, 0.18215);
        return latents.map((_, i) => latents[i % tw === tw - 1 ? i : i + 1]!);
      });
      expect(worst(untiled, misplaced)).toBeGreaterThan(0.01);
    } finally {
      await vae.release();
    }
  });

  it('img2img above the threshold encodes its init image in 512 px tiles, below it in one run', async () => {
    const sessions = new SessionCache({ provider: 'cpu' });
    const model = await DiffusionModel.open(demoModel('demo-sd'), sessions);
    const seen: number[][] = [];
    // the model with its VAE encoder's runs recorded (the real session underneath)
    const recording = Object.assign(Object.create(model) as DiffusionModel, {
      useVaeEncoder: <T>(work: (m: OnnxModel) => Promise<T>) =>
        model.useVaeEncoder((vae) => work(Object.assign(Object.create(vae) as OnnxModel, { run: (feeds: Record<string, Tensor>) => (seen.push([...feeds.sample!.dims]), vae.run(feeds)) }))),
    });
    const img2img = (size: number) => generateImages(recording, { prompt: 'purple', steps: 2, guidance: 1, seed: 1, width: size, height: size, strength: 0.5, initImage: solidImage(size, size, [0, 200, 0]) });
    await img2img(512);
    expect(seen).toEqual([[1, 3, 512, 512]]);
    seen.length = 0;
    await img2img(1024);
    expect(seen).toHaveLength(9); // tile starts 0, 48, 64 latent cells on each axis
    expect(seen.every((d) => d[2] === 512 && d[3] === 512)).toBe(true);
    await sessions.releaseAll();
  });

  it('tiles above the size threshold, the same in both modes', () => {
    expect(shouldTileVae(512, 512)).toBe(false);
    expect(shouldTileVae(768, 768)).toBe(false);
    expect(shouldTileVae(1024, 768)).toBe(true);
    expect(shouldTileVae(1024, 1024)).toBe(true);
  });

  it('low-memory mode generates the same bytes as normal mode for the same seed', async () => {
    const request = { prompt: 'a red circle on blue', negativePrompt: 'green', steps: 3, guidance: 7.5, seed: 42, width: 64, height: 64 };
    const images = [];
    for (const lowMemory of [false, true]) {
      const sessions = new SessionCache({ provider: 'cpu', lowMemory });
      const model = await DiffusionModel.open(demoModel('demo-sd'), sessions);
      images.push((await generateImages(model, request))[0]!.image.data);
      await sessions.releaseAll();
    }
    expect(Buffer.from(images[1]!).equals(Buffer.from(images[0]!))).toBe(true);
  });

  it('low-memory mode keeps only the stage at work resident: the UNet alone while denoising, nothing once decoded', async () => {
    const sessions = new SessionCache({ provider: 'cpu', lowMemory: true });
    const model = await DiffusionModel.open(demoModel('demo-sd'), sessions);
    const dir = demoModel('demo-sd');
    const openParts = () => OnnxModel.openModelPaths().filter((p) => p.startsWith(dir)).map((p) => path.relative(dir, path.dirname(p)));
    const whileDenoising: string[][] = [];
    const afterDecode: string[][] = [];
    const request = { prompt: 'a red circle on blue', negativePrompt: 'green', steps: 2, guidance: 7.5, seed: 42, width: 64, height: 64 };
    await generateImages(model, request, { count: 2, onProgress: () => void whileDenoising.push(openParts()), onImage: () => void afterDecode.push(openParts()) });
    expect(whileDenoising).toEqual([['unet'], ['unet'], ['unet'], ['unet']]);
    expect(afterDecode).toEqual([[], []]);
    await sessions.releaseAll();
  });

  it('normal mode keeps the UNet and the VAE but not the text encoder, which runs once per prompt', async () => {
    const sessions = new SessionCache({ provider: 'cpu' });
    const dir = demoModel('demo-sd');
    const model = await DiffusionModel.open(dir, sessions);
    const openParts = () => OnnxModel.openModelPaths().filter((p) => p.startsWith(dir)).map((p) => path.relative(dir, path.dirname(p))).sort();
    const whileDenoising: string[][] = [];
    const request = { prompt: 'a red circle on blue', negativePrompt: 'green', steps: 1, guidance: 7.5, seed: 42, width: 64, height: 64 };
    await generateImages(model, request, { onProgress: () => void whileDenoising.push(openParts()) });
    await generateImages(model, { ...request, prompt: 'a blue circle on red' }, { onProgress: () => void whileDenoising.push(openParts()) });
    expect(whileDenoising).toEqual([['unet'], ['unet', 'vae_decoder']]);
    expect(openParts()).toEqual(['unet', 'vae_decoder']);
    await sessions.releaseAll();
  });
});
