// Tiled VAE decode on the demo pack's linear VAE: overlapping, cross-faded tiles give the untiled image within
// 1/255, really in tiles (the VAE sees tile-sized latents), and low-memory mode generates the same bytes as normal.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiffusionModel, generateImages } from '../../../native-models/pipelines/diffusion/index.ts';
import { decodeLatents } from '../../../native-models/pipelines/diffusion/vae-codec.ts';
import { shouldTileVae, tileStarts } from '../../../native-models/pipelines/diffusion/tiled-vae-decode.ts';
import { OnnxModel, SessionCache } from '../../../native-models/runtime/index.ts';
import type { Tensor } from '../../../native-models/core/tensor.ts';
import { demoModel } from '../demo-pack.ts';

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

  it('tiles above the size threshold in every mode, and past one tile in low-memory mode', () => {
    expect(shouldTileVae(512, 512, false)).toBe(false);
    expect(shouldTileVae(1024, 1024, false)).toBe(true);
    expect(shouldTileVae(512, 512, true)).toBe(false);
    expect(shouldTileVae(768, 512, true)).toBe(true);
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
});
