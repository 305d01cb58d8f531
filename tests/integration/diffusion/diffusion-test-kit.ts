// Shared helpers for the diffusion pipeline tests: open demo models, expected pictures from the oracle reference.
import { expect } from 'vitest';
import { DiffusionModel } from '../../../native-models/pipelines/diffusion/diffusion-model.ts';
import { SessionCache } from '../../../native-models/runtime/index.ts';
import type { RgbImage } from '../../../native-models/image/rgb-image.ts';
import { featuresFromWords, modelImageToRgb, targetImage } from '../../../native-models/demo/sd/oracle-reference.ts';
import type { DemoFeatureName } from '../../../native-models/demo/sd/demo-sd-spec.ts';
import { demoModel } from '../demo-pack.ts';

const sessions = new SessionCache({ provider: 'cpu' });
const opened = new Map<string, Promise<DiffusionModel>>();

/** One shared DiffusionModel per demo folder for the whole test file. */
export function openDemo(folder: string): Promise<DiffusionModel> {
  let model = opened.get(folder);
  if (!model) {
    model = DiffusionModel.open(demoModel(folder), sessions);
    opened.set(folder, model);
  }
  return model;
}

type Words = Partial<Record<DemoFeatureName, number>>;

/**
 * The picture a correct pipeline must produce (oracle reference, a second implementation of the demo UNet):
 * with guidance g and a negative prompt, x0(neg) + g·(x0(pos) − x0(neg)), linear through the linear VAE.
 */
export function expectedPicture(width: number, height: number, positive: Words, negative?: Words, guidance = 1): Uint8Array {
  const h = height / 8;
  const w = width / 8;
  const pos = targetImage(featuresFromWords(positive), h, w);
  if (!negative) return modelImageToRgb(pos, h, w);
  const neg = targetImage(featuresFromWords(negative), h, w);
  return modelImageToRgb(pos.map((p, i) => neg[i]! + guidance * (p - neg[i]!)), h, w);
}

/** Mean absolute difference per byte (0–255 scale). */
export function meanAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
  return sum / a.length;
}

/**
 * How far a result is from the expected picture: the largest per-channel difference of the mean colours (the
 * issue's "mean colour within 4/255") and the mean absolute per-byte difference (which catches wrong shapes).
 */
export function pictureError(actual: Uint8Array, expected: Uint8Array): { meanColour: number; perPixel: number } {
  const sums = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < actual.length; i++) {
    sums[i % 3]! += actual[i]!;
    sums[3 + (i % 3)]! += expected[i]!;
  }
  const pixels = actual.length / 3;
  const meanColour = Math.max(...[0, 1, 2].map((c) => Math.abs(sums[c]! - sums[3 + c]!) / pixels));
  return { meanColour, perPixel: meanAbsDiff(actual, expected) };
}

/** Mean colour of an RGB image over the pixels where `select(x, y)` holds. */
export function meanColour(image: RgbImage, select: (x: number, y: number) => boolean = () => true): [number, number, number] {
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!select(x, y)) continue;
      for (let c = 0; c < 3; c++) sum[c]! += image.data[(y * image.width + x) * image.channels + c]!;
      n += 1;
    }
  }
  return sum.map((s) => s / n) as [number, number, number];
}

/** Solid-colour RGB test image. */
export function solidImage(width: number, height: number, rgb: [number, number, number]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { width, height, channels: 3, data };
}
