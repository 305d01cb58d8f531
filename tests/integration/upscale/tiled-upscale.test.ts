// Upscaler models: detected from the graph, scale measured or declared, and tiling that equals the untiled result
// exactly on the demo upscaler (its 3×3 max gives one pixel of context, its block signature marks every position).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImageUpscaler, inspectModelFolder, makeDemoPack, planTiles, type RgbImage } from '../../../native-models/index.ts';
import { buildSignatureUpscalerGraph, type SignatureUpscalerOptions } from '../../../native-models/demo/upscale/upscaler-graphs.ts';
import { DEMO_UPSCALER_FOLDER } from '../../../native-models/demo/upscale/write-demo-upscaler.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';

let root: string;
let demo: ImageUpscaler;
beforeAll(async () => {
  root = await makeTempDir('tessera-upscale-');
  await makeDemoPack(path.join(root, 'pack'));
  demo = await ImageUpscaler.open(path.join(root, 'pack', DEMO_UPSCALER_FOLDER));
});
afterAll(async () => {
  await demo.release();
  await fs.rm(root, { recursive: true, force: true });
});

async function writeUpscaler(name: string, options: SignatureUpscalerOptions): Promise<string> {
  const file = path.join(root, `${name}.onnx`);
  await fs.writeFile(file, buildSignatureUpscalerGraph(options).serialize().model);
  return file;
}

/** A deterministic busy RGB image (no two neighbours alike), so any misplaced pixel changes bytes. */
function noiseImage(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  let state = 12345;
  for (let i = 0; i < data.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    data[i] = state >>> 24;
  }
  return { width, height, channels: 3, data };
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : a.length;
}

describe('upscaler models', () => {
  it('the demo upscaler is an upscaler kind, ×4 measured by a probe (dynamic axes), names from the graph', async () => {
    const report = await inspectModelFolder(path.join(root, 'pack', DEMO_UPSCALER_FOLDER));
    expect(report.problems).toEqual([]);
    expect(report.kind).toBe('upscaler');
    expect(report.upscaler).toEqual({ modelFile: 'RealESRGAN_x4plus.onnx', inputName: 'input', outputName: 'output', dtype: 'float32' });
    expect(demo.scale).toBe(4);
  });

  it('a ×2 export with fixed shapes: scale from the declared shapes, custom tensor names, a single .onnx file', async () => {
    const file = await writeUpscaler('fixed-x2', { scale: 2, fixedSize: [40, 48], inputName: 'lr', outputName: 'sr' });
    const report = await inspectModelFolder(file);
    expect(report.upscaler).toEqual({ modelFile: 'fixed-x2.onnx', inputName: 'lr', outputName: 'sr', dtype: 'float32', scale: 2, fixedSize: [40, 48] });
    const upscaler = await ImageUpscaler.open(file);
    // The same ×2 graph with dynamic axes, run on the whole image at once, is the reference.
    const dynamic = await ImageUpscaler.open(await writeUpscaler('dynamic-x2', { scale: 2 }));
    try {
      expect([upscaler.scale, dynamic.scale]).toEqual([2, 2]);
      const image = noiseImage(101, 67);
      // Every window is exactly 48×40 (shifted inward at the borders), each core what is left inside the overlap.
      const tiled = await upscaler.upscale(image, { overlap: 4 });
      expect(tiled.tiles).toBeGreaterThan(4);
      expect([tiled.image.width, tiled.image.height]).toEqual([202, 134]);
      const reference = await dynamic.upscale(image, { tile: 4096 });
      expect(firstDifference(tiled.image.data, reference.image.data)).toBe(-1);
      await expect(upscaler.upscale(noiseImage(47, 40))).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    } finally {
      await upscaler.release();
      await dynamic.release();
    }
  });

  it('black and white images carry the block signature: byte k = 4·by + bx (black), 240 + k (white)', async () => {
    const black: RgbImage = { width: 3, height: 2, channels: 3, data: new Uint8Array(18) };
    const white: RgbImage = { width: 3, height: 2, channels: 3, data: new Uint8Array(18).fill(255) };
    const b = (await demo.upscale(black)).image;
    const w = (await demo.upscale(white)).image;
    expect([b.width, b.height]).toEqual([12, 8]);
    for (let y = 0; y < 8; y++) {
      for (let x = 0; x < 12; x++) {
        const k = 4 * (y % 4) + (x % 4);
        expect(b.data[(y * 12 + x) * 3]).toBe(k);
        expect(w.data[(y * 12 + x) * 3 + 2]).toBe(240 + k);
      }
    }
  });

  for (const [width, height] of [
    [97, 61],
    [131, 33],
    [33, 129],
  ] as const) {
    it(`tiled equals untiled exactly on a ${width}×${height} image for tiles 32, 45, 64`, async () => {
      const image = noiseImage(width, height);
      const untiled = await demo.upscale(image, { tile: 4096 });
      expect(untiled.tiles).toBe(1);
      for (const tile of [32, 45, 64]) {
        const tiled = await demo.upscale(image, { tile, overlap: 2 });
        expect(tiled.tiles).toBeGreaterThan(1);
        expect(firstDifference(tiled.image.data, untiled.image.data), `tile ${tile}`).toBe(-1);
      }
    });
  }

  it('a tile without context at its edges, or shifted by one pixel, does not match: the check can fail', async () => {
    const image = noiseImage(97, 61);
    const untiled = (await demo.upscale(image, { tile: 4096 })).image;
    const noContext = await demo.assemble(image, planTiles(97, 61, { tile: 32, overlap: 0 }));
    expect(firstDifference(noContext.data, untiled.data)).toBeGreaterThanOrEqual(0);
    const plan = planTiles(97, 61, { tile: 32, overlap: 2 });
    expect(firstDifference((await demo.assemble(image, plan)).data, untiled.data)).toBe(-1);
    // The second tile's core placed one pixel to the right: a seam column and a shifted signature.
    const shifted = plan.map((t, i) => (i === 1 ? { ...t, x: t.x + 1, coreX: t.coreX + 1 } : t));
    expect(firstDifference((await demo.assemble(image, shifted)).data, untiled.data)).toBeGreaterThanOrEqual(0);
  });

  it('an fp16 export: float16 I/O read from the session metadata, same picture as fp32 within fp16 rounding', async () => {
    const file = await writeUpscaler('fp16-x4', { dtype: 'float16' });
    const report = await inspectModelFolder(file);
    expect(report.upscaler?.dtype).toBe('float16');
    expect(report.precision).toBe('fp16');
    const fp16 = await ImageUpscaler.open(file);
    try {
      expect(fp16.scale).toBe(4);
      const image = noiseImage(45, 38);
      const half = await fp16.upscale(image, { tile: 32, overlap: 2 });
      const halfUntiled = await fp16.upscale(image, { tile: 4096 });
      expect(firstDifference(half.image.data, halfUntiled.image.data)).toBe(-1);
      const full = (await demo.upscale(image)).image;
      let maxDiff = 0;
      for (let i = 0; i < full.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(full.data[i]! - half.image.data[i]!));
      // fp16 has 11 significant bits: at most half a step of 1/2048 near 1, i.e. ≤ 1 byte after rounding.
      expect(maxDiff).toBeLessThanOrEqual(1);
    } finally {
      await fp16.release();
    }
  });

  it('a tile below the minimum is INVALID_ARGUMENT, a background-removal model is not an upscaler', async () => {
    await expect(demo.upscale(noiseImage(8, 8), { tile: 8 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('got 8') });
    await expect(ImageUpscaler.open(path.join(root, 'pack', 'demo-rembg-u2net'))).rejects.toMatchObject({ code: 'MODEL_INVALID' });
  });
});
