// Every rembg family's contract on real onnxruntime-node: a model of that contract thresholds x / max levels in
// its own normalised units, so the pipeline's mask lands where the levels say only with the family's exact
// preprocessing (size, division by the image's maximum, mean/std, RGB order) and postprocessing (first output,
// sigmoid for logits, min-max); every other family's normalisation, or /255, measurably moves the edge.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FAMILY_GROUP,
  SUBJECT_CONTRACTS,
  SUBJECT_FAMILIES,
  SubjectSegmenter,
  loadOnnxModel,
  predictionToModelAlpha,
  subjectConfidence,
  subjectInput,
  type RgbImage,
  type SubjectContract,
} from '../../../native-models/index.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { TEST_LEVELS, writeSubjectModel } from '../../fixtures/subject-models.ts';

const MAX = 200; // the ramp's top value: x / max ≠ x / 255, so the division by the image's own maximum is tested
const GB = 120; // green and blue: 0.6 of the maximum, above their 0.3 levels

/** Red ramps 0 → MAX left to right; green and blue constant. */
function ramp(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set([Math.round((MAX * x) / (width - 1)), GB, GB], (y * width + x) * 3);
  }
  return { width, height, channels: 3, data };
}

/** What the levels say for a model-size ramp: subject where red / MAX > level (ties at the level left out). */
function expectedSubject(image: RgbImage): (boolean | undefined)[] {
  return Array.from({ length: image.width * image.height }, (_, i) => {
    const r = image.data[i * 3]! / MAX;
    return Math.abs(r - TEST_LEVELS[0]) < 1e-9 ? undefined : r > TEST_LEVELS[0];
  });
}

function mismatchShare(alpha: Uint8Array, expected: (boolean | undefined)[]): number {
  let wrong = 0;
  expected.forEach((want, i) => {
    if (want !== undefined && want !== alpha[i]! >= 128) wrong++;
  });
  return wrong / expected.length;
}

let root: string;
beforeAll(async () => {
  root = await makeTempDir('tessera-subject-contracts-');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const DIVIDE_BY_255: (c: SubjectContract) => (image: RgbImage) => RgbImage = () => (image) => {
  // Feeding a copy whose maximum is 255 turns "x / max" into "x / 255" for the same pixel values.
  const data = Uint8Array.from(image.data);
  data[0] = 255;
  return { ...image, data };
};

describe.each(SUBJECT_FAMILIES)('%s', (family) => {
  const group = FAMILY_GROUP[family];
  const contract = SUBJECT_CONTRACTS[group];
  let dir: string;
  beforeAll(async () => {
    dir = path.join(root, family);
    await writeSubjectModel(dir, group, { fileName: `${family}.onnx` });
  });

  it('the pipeline puts the edge exactly where the levels say (detected family, own normalisation)', async () => {
    const segmenter = await SubjectSegmenter.open(dir);
    try {
      expect(segmenter.details.family).toBe(family);
      const image = ramp(contract.size, contract.size);
      const result = await segmenter.cutOut(image);
      expect([result.alpha.width, result.alpha.height]).toEqual([image.width, image.height]);
      expect(mismatchShare(result.alpha.data, expectedSubject(image))).toBe(0);
      // One connected, crisp subject (a right strip): confident.
      expect(result.confidence).toBeGreaterThan(0.95);
    } finally {
      await segmenter.release();
    }
  });

  // The smallest difference, ISNet's mean 0.485 vs RMBG-1.4's 0.5, moves the edge by 3 of 200 levels: about 15 of
  // 1024 columns, 1–1.5 % of the pixels; the others move it by 15–30 %.
  it("every other family's normalisation, x / 255 and BGR order move the edge by over 0.5 % of the pixels", async () => {
    const model = await loadOnnxModel(path.join(dir, `${family}.onnx`), { provider: 'cpu', onWarning: () => {} });
    try {
      const image = ramp(contract.size, contract.size);
      const expected = expectedSubject(image);
      const others = Object.values(SUBJECT_CONTRACTS).filter((c) => c.mean.join() !== contract.mean.join() || c.std.join() !== contract.std.join());
      const variants = [
        ...others.map((c) => ({ name: `${c.group} mean/std`, input: () => subjectInput(image, { ...contract, mean: c.mean, std: c.std }) })),
        { name: 'x / 255', input: () => subjectInput(DIVIDE_BY_255(contract)(image), contract) },
        { name: 'BGR order', input: () => subjectInput({ ...image, data: bgr(image.data) }, contract) },
      ];
      expect(variants.length).toBeGreaterThanOrEqual(3);
      for (const variant of variants) {
        const out = await model.run({ input: await variant.input() });
        const alpha = predictionToModelAlpha(out[model.outputs[0]!.name]!, contract, family);
        expect({ variant: variant.name, share: mismatchShare(alpha.data, expected) > 0.005 }).toEqual({ variant: variant.name, share: true });
      }
    } finally {
      await model.release();
    }
  });
});

function bgr(rgb: Uint8Array): Uint8Array {
  const out = Uint8Array.from(rgb);
  for (let i = 0; i < out.length; i += 3) [out[i], out[i + 2]] = [rgb[i + 2]!, rgb[i]!];
  return out;
}

describe('postprocessing', () => {
  it('BiRefNet logits: the sigmoid before the min-max gives a crisp mask; min-max of raw logits is a grey ramp', async () => {
    const dir = path.join(root, 'logits');
    const file = await writeSubjectModel(dir, 'birefnet');
    const model = await loadOnnxModel(file, { provider: 'cpu', onWarning: () => {} });
    try {
      const contract = SUBJECT_CONTRACTS.birefnet;
      const out = await model.run({ input: await subjectInput(ramp(1024, 1024), contract) });
      const first = out[model.outputs[0]!.name]!;
      expect(subjectConfidence(predictionToModelAlpha(first, contract, 'with sigmoid')).clearShare).toBeGreaterThan(0.99);
      expect(subjectConfidence(predictionToModelAlpha(first, { ...contract, logits: false }, 'no sigmoid')).clearShare).toBeLessThan(0.5);
    } finally {
      await model.release();
    }
  });

  it('U²-Net: the first of the seven outputs is used (the side outputs of the test model are inverted)', async () => {
    const dir = path.join(root, 'u2net-first');
    await writeSubjectModel(dir, 'u2net');
    const segmenter = await SubjectSegmenter.open(dir);
    try {
      const image = ramp(320, 320);
      const { alpha } = await segmenter.cutOut(image);
      expect(alpha.data[319]).toBe(255); // right edge: red at its maximum
      expect(alpha.data[0]).toBe(0);
    } finally {
      await segmenter.release();
    }
  });

  it('an image of another size is stretched to the model size and the mask resized back to it with Lanczos', async () => {
    const dir = path.join(root, 'resize');
    await writeSubjectModel(dir, 'u2net');
    const segmenter = await SubjectSegmenter.open(dir);
    try {
      const image = ramp(640, 200);
      const { alpha } = await segmenter.cutOut(image);
      expect([alpha.width, alpha.height]).toEqual([640, 200]);
      const row = Array.from(alpha.data.subarray(100 * 640, 101 * 640));
      const edge = row.findIndex((a) => a >= 128);
      // red / MAX > 0.7 starts at x ≈ 0.7 · 639 ≈ 447; the 2× Lanczos down-and-up moves it by a pixel or two.
      expect(Math.abs(edge - 0.7 * 639)).toBeLessThanOrEqual(3);
      // Lanczos back up leaves a soft (not blocky nearest-neighbour) edge: some values strictly between 0 and 255.
      expect(row.some((a) => a > 5 && a < 250)).toBe(true);
    } finally {
      await segmenter.release();
    }
  });

  it('a wrong family is one MODEL_INVALID error on open, not a grey mask', async () => {
    const dir = path.join(root, 'wrong');
    await writeSubjectModel(dir, 'u2net', { hint: 'isnet-anime' });
    await expect(SubjectSegmenter.open(dir)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringMatching(/tessera\.json says isnet-anime .*input height 320, expected 1024/) });
  });
});
