// The demo UNet oracle on real onnxruntime-node against oracle-reference.ts (an independent TS implementation)
// and against hand-derived numbers: ε/v at integer and fractional t, shapes, colours, inpaint mixing, LCM w.
import { describe, expect, it } from 'vitest';
import type { OnnxModel } from '../../../native-models/runtime/index.ts';
import type { Tensor } from '../../../native-models/core/tensor.ts';
import {
  alphaBars,
  cleanLatent,
  decodeScaledLatent,
  epsilonOracle,
  featuresFromTokenIds,
  featuresFromWords,
  inpaintTarget,
  lcmGuidanceEmbedding,
  lcmTarget,
  modelImageToRgb,
  noisyLatent,
  rowsForFeatures,
  sigmaAt,
  targetImageRgb,
  vPredictionOracle,
  type DemoFeatures,
} from '../../../native-models/demo/sd/oracle-reference.ts';
import { loadDemoVocabulary } from '../../../native-models/demo/sd/demo-vocabulary.ts';
import { asFloats, fedValues, floatFeed, hiddenStates, intFeed, maxAbsDiff, openPart, padded, pseudoNoise, vocabId } from './sd-demo-kit.ts';

const h = 8;
const w = 16;
const latentSize = 4 * h * w;

/** Timestep feed in the element type and rank the UNet declares: [] stays rank 0, else one value per entry. */
function timestepFeed(unet: OnnxModel, ts: number[]): Tensor {
  const info = unet.input('timestep')!;
  const dims = info.shape.length === 0 ? [] : [ts.length];
  return info.type === 'int64' ? intFeed(unet, 'timestep', ts, dims) : floatFeed(unet, 'timestep', ts, dims);
}

/** Runs the UNet on a batch whose item b has features `features[b]` (as a prompt would place them, rowsForFeatures). */
async function runUnet(unet: OnnxModel, hidden: number, features: DemoFeatures[], sample: ArrayLike<number>, ts: number[], extra: Record<string, Tensor> = {}): Promise<{ out: Float32Array; fedSample: Float64Array; fedT: number[] }> {
  const cells: [number, number, number, number][] = [];
  features.forEach((f, b) => rowsForFeatures(f).forEach((row, s) => row.forEach((v, c) => v !== 0 && cells.push([b, s, c, v]))));
  const channels = sample.length / features.length / (h * w);
  const sampleFeed = floatFeed(unet, 'sample', sample, [features.length, channels, h, w]);
  const tFeed = timestepFeed(unet, ts);
  const feeds = { sample: sampleFeed, timestep: tFeed, encoder_hidden_states: floatFeed(unet, 'encoder_hidden_states', hiddenStates(features.length, 20, hidden, cells), [features.length, 20, hidden]), ...extra };
  const out = asFloats((await unet.run(feeds)).out_sample!);
  const fedT = tFeed.type === 'int64' ? Array.from(tFeed.data as BigInt64Array, Number) : Array.from(fedValues(tFeed));
  return { out, fedSample: fedValues(sampleFeed), fedT };
}

const RED_CIRCLE = featuresFromWords({ red: 1, circle: 1 });
const EMPTY = featuresFromWords({});

describe('noise schedule (reference, hand-checked)', () => {
  it('ᾱ_0 = 1 − β_start and σ(999) = 14.6146 (SD scaled_linear σ_max, contracts §2)', () => {
    expect(alphaBars()[0]).toBeCloseTo(1 - 0.00085, 12);
    expect(sigmaAt(999)).toBeCloseTo(14.6146, 3);
  });
  it('fractional t interpolates σ linearly between integer steps', () => {
    expect(sigmaAt(500.25)).toBeCloseTo(0.75 * sigmaAt(500) + 0.25 * sigmaAt(501), 12);
    expect(sigmaAt(500.25)).toBeGreaterThan(sigmaAt(500));
  });
});

// Folders whose UNet is the plain ε or v oracle; hidden size and the timesteps fed (rank-0 inputs take one).
const PLAIN = [
  { folder: 'demo-sd', hidden: 768, ts: [[999], [0], [0.5], [400.3]] },
  { folder: 'demo-sd-legacy', hidden: 768, ts: [[999, 999], [10, 500.25], [500.25]] },
  { folder: 'demo-sd-fp16', hidden: 768, ts: [[999, 999], [10, 500.25], [250.5]] },
  { folder: 'demo-sd-v', hidden: 1024, ts: [[999], [1, 500], [0]] },
  { folder: 'demo-sd-lcm', hidden: 768, ts: [[999], [259, 759]] },
] as const;

describe.each(PLAIN)('$folder UNet', ({ folder, hidden, ts }) => {
  it.each(ts.map((t) => [t]))('returns the oracle for x_t = √ᾱ·x0* + √(1−ᾱ)·n at t = %s', async (t) => {
    const unet = await openPart(folder, 'unet');
    const x0 = [cleanLatent(RED_CIRCLE, h, w), cleanLatent(EMPTY, h, w)];
    const noise = pseudoNoise(2 * latentSize, 7);
    const tOf = (b: number): number => t[Math.min(b, t.length - 1)]!;
    const xt = [0, 1].flatMap((b) => Array.from(noisyLatent(x0[b]!, noise.subarray(b * latentSize, (b + 1) * latentSize), tOf(b))));
    // LCM with w = 0 (guidance 1) is the plain oracle: x0*("") + 1·(x0*(prompt) − x0*("")).
    const extra: Record<string, Tensor> = folder === 'demo-sd-lcm' ? { timestep_cond: floatFeed(unet, 'timestep_cond', [...lcmGuidanceEmbedding(0, 256), ...lcmGuidanceEmbedding(0, 256)], [2, 256]) } : {};
    const { out, fedSample, fedT } = await runUnet(unet, hidden, [RED_CIRCLE, EMPTY], xt, [...t], extra);
    const oracle = folder === 'demo-sd-v' ? vPredictionOracle : epsilonOracle;
    const fp16 = folder === 'demo-sd-fp16';
    for (const b of [0, 1]) {
      const slice = (a: ArrayLike<number>): number[] => Array.from(a).slice(b * latentSize, (b + 1) * latentSize);
      const tb = fedT[Math.min(b, fedT.length - 1)]!;
      const expected = oracle(slice(fedSample), x0[b]!, tb);
      const tolerance = fp16 ? 2e-3 * Math.max(1, ...expected.map(Math.abs)) : 1e-4;
      expect(maxAbsDiff(slice(out), expected)).toBeLessThan(tolerance);
      // Hand derivation: at the t that built x_t, ε is the noise itself.
      if (!fp16 && folder !== 'demo-sd-v' && tb === tOf(b)) expect(maxAbsDiff(slice(out), slice(noise))).toBeLessThan(1e-3);
    }
  });
});

describe('clean latent x0* decodes to the named colour and shape', () => {
  // x_t = 0 makes ε = −x0*/σ, so x0* = −σ(t)·ε; decoding x0*/0.18215 must give the target picture.
  async function decodedPictures(folder: string, features: DemoFeatures[]): Promise<Uint8Array[]> {
    const unet = await openPart(folder, 'unet');
    const decoder = await openPart(folder, 'vae_decoder');
    const { out } = await runUnet(unet, 768, features, new Float32Array(features.length * latentSize), [0]);
    const sigma = sigmaAt(0);
    return Promise.all(
      features.map(async (_, b) => {
        const x0 = Array.from(out.subarray(b * latentSize, (b + 1) * latentSize), (e) => (-sigma * e) / 0.18215);
        const image = asFloats((await decoder.run({ latent_sample: floatFeed(decoder, 'latent_sample', x0, [1, 4, h, w]) })).sample!);
        return Uint8Array.from(image, (v) => Math.round(Math.min(1, Math.max(0, v / 2 + 0.5)) * 255));
      }),
    );
  }
  /** Latent pixels (x, y) whose decoded 8×8 block is not mid-gray (CHW image of 8h×8w). */
  function coloured(image: Uint8Array): string[] {
    const cells: string[] = [];
    const W = 8 * w;
    const plane = 8 * h * W;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      const p = (8 * y + 4) * W + 8 * x + 4;
      if ([0, 1, 2].some((c) => image[c * plane + p] !== 128)) cells.push(`${x},${y}`);
    }
    return cells;
  }

  it('circle, square and stripes have the geometry of issue 2 §4 (hand-counted on an 8×16 latent, 128×64 image)', async () => {
    const [circle, square, stripes] = await decodedPictures('demo-sd', [RED_CIRCLE, featuresFromWords({ blue: 1, square: 1 }), featuresFromWords({ green: 1, stripes: 1 })]);
    // Circle: centre (64,32), radius min(128,64)/4 = 16; centres 8x+4 with |dx|,|dy| ∈ {4,12} minus the 4 corners (12²+12² > 16²).
    const centre = ['6,2', '7,2', '8,2', '9,2', '6,3', '7,3', '8,3', '9,3', '6,4', '7,4', '8,4', '9,4', '6,5', '7,5', '8,5', '9,5'];
    const corners = new Set(['6,2', '9,2', '6,5', '9,5']);
    expect(coloured(circle!).sort()).toEqual(centre.filter((c) => !corners.has(c)).sort());
    expect(coloured(square!).sort()).toEqual([...centre].sort()); // side 32 px: |dx|,|dy| ≤ 16
    // Stripes 16 px = 2 latent columns wide, coloured first: columns 0,1, 4,5, 8,9, 12,13 in every row.
    const stripeColumns = [0, 1, 4, 5, 8, 9, 12, 13];
    expect(coloured(stripes!).length).toBe(8 * h);
    expect(coloured(stripes!).every((c) => stripeColumns.includes(Number(c.split(',')[0])))).toBe(true);
    // Colours: red disc, blue square, green stripes over gray 128.
    const px = (image: Uint8Array, x: number, y: number): number[] => [0, 1, 2].map((c) => image[c * 64 * 128 + y * 128 + x]!);
    expect([px(circle!, 64, 32), px(circle!, 0, 0), px(square!, 60, 30), px(stripes!, 3, 60), px(stripes!, 20, 60)]).toEqual([[255, 0, 0], [128, 128, 128], [0, 0, 255], [0, 255, 0], [128, 128, 128]]);
  });

  it('weighted colours average (red×3 + blue = 191,0,64), no colour is mid-gray, and match the reference picture', async () => {
    const mixed = featuresFromWords({ red: 3, blue: 1 });
    const pictures = await decodedPictures('demo-sd', [mixed, EMPTY, featuresFromWords({ purple: 1, stripes: 1 })]);
    expect([0, 1, 2].map((c) => pictures[0]![c * 8192])).toEqual([191, 0, 64]);
    expect([0, 1, 2].map((c) => pictures[1]![c * 8192])).toEqual([128, 128, 128]);
    const reference = targetImageRgb(featuresFromWords({ purple: 1, stripes: 1 }), h, w); // HWC
    const chw = Uint8Array.from({ length: reference.length }, (_, i) => reference[(i % 8192) * 3 + Math.floor(i / 8192)]!);
    expect(maxAbsDiff(pictures[2]!, chw)).toBe(0);
  });

  it('prompt → text encoder → UNet: "a yellow square" gives the reference x0* (legacy folder, int32 ids)', async () => {
    const te = await openPart('demo-sd-legacy', 'text_encoder');
    const unet = await openPart('demo-sd-legacy', 'unet');
    const ids = padded(await Promise.all(['a', 'yellow', 'square'].map((word) => vocabId(`${word}</w>`))));
    const ehs = (await te.run({ input_ids: intFeed(te, 'input_ids', ids, [1, 77]) })).last_hidden_state!;
    const out = await unet.run({ sample: floatFeed(unet, 'sample', new Float32Array(latentSize), [1, 4, h, w]), timestep: timestepFeed(unet, [999]), encoder_hidden_states: ehs });
    const x0 = Array.from(asFloats(out.out_sample!), (e) => -sigmaAt(999) * e);
    expect(maxAbsDiff(x0, cleanLatent(featuresFromWords({ yellow: 1, square: 1 }), h, w))).toBeLessThan(1e-4);
  });
});

describe('composition words: "on" and "background"', () => {
  const squareOnYellow = featuresFromWords({ blue: 1, square: 1 }, { yellow: 1 });
  // [prompt (single-token words), features the UNet must read, decoded colour at the centre, at a corner]
  it.each([
    ['blue square on yellow', squareOnYellow, [0, 0, 255], [255, 255, 0]],
    ['a blue square on a yellow background', squareOnYellow, [0, 0, 255], [255, 255, 0]],
    ['yellow background , blue square', squareOnYellow, [0, 0, 255], [255, 255, 0]],
    ['a green background', featuresFromWords({}, { green: 1 }), [0, 255, 0], [0, 255, 0]],
    ['red circle on gray', featuresFromWords({ red: 1, circle: 1 }, { gray: 1 }), [255, 0, 0], [128, 128, 128]],
  ] as const)('"%s" → text encoder → UNet: the shape in its colour on the background colour, not their average', async (prompt, features, centre, corner) => {
    const te = await openPart('demo-sd', 'text_encoder');
    const unet = await openPart('demo-sd', 'unet');
    const ids = padded(await Promise.all(prompt.split(' ').map((word) => vocabId(`${word}</w>`))));
    // The reference reads the token ids with the same rule (a second implementation).
    expect(featuresFromTokenIds(ids, await loadDemoVocabulary())).toEqual(features);
    const ehs = (await te.run({ input_ids: intFeed(te, 'input_ids', ids, [1, 77]) })).last_hidden_state!;
    const out = await unet.run({ sample: floatFeed(unet, 'sample', new Float32Array(latentSize), [1, 4, h, w]), timestep: timestepFeed(unet, [999]), encoder_hidden_states: ehs });
    const x0 = Array.from(asFloats(out.out_sample!), (e) => -sigmaAt(999) * e);
    expect(maxAbsDiff(x0, cleanLatent(features, h, w))).toBeLessThan(1e-4);
    const rgb = modelImageToRgb(decodeScaledLatent(x0, h, w), h, w); // HWC of the 128×64 image
    const px = (x: number, y: number): number[] => Array.from(rgb.subarray((y * 128 + x) * 3, (y * 128 + x) * 3 + 3));
    expect([px(64, 32), px(0, 0)]).toEqual([centre, corner]);
  });
});

describe('inpainting UNet (9 channels)', () => {
  it('target = mask·x0*(prompt) + (1 − mask)·masked-image latents', async () => {
    const unet = await openPart('demo-sd-inpaint', 'unet');
    const mask = Float64Array.from({ length: h * w }, (_, i) => (i % w < w / 2 ? 1 : 0)); // left half repainted
    const masked = pseudoNoise(latentSize, 3);
    const sample = [...new Float64Array(latentSize), ...mask, ...masked]; // x_t = 0 → ε = −target/σ
    const { out } = await runUnet(unet, 768, [RED_CIRCLE], sample, [700]);
    const target = inpaintTarget(cleanLatent(RED_CIRCLE, h, w), mask, masked);
    expect(maxAbsDiff(out, epsilonOracle(new Float64Array(latentSize), target, 700))).toBeLessThan(1e-4);
    // Right half (mask 0) is the masked image's latents exactly: x0 = −σ·ε there.
    const right = Array.from(out, (e, i) => (i % w >= w / 2 ? -sigmaAt(700) * e - masked[i]! : 0));
    expect(Math.max(...right.map(Math.abs))).toBeLessThan(1e-4);
  });
});

describe('LCM UNet guidance embedding', () => {
  it.each([7.5, 3])('decodes w = %s from timestep_cond and returns x0*("") + (w+1)·(x0*(prompt) − x0*(""))', async (wScale) => {
    const unet = await openPart('demo-sd-lcm', 'unet');
    const purple = featuresFromWords({ purple: 1 });
    const cond = floatFeed(unet, 'timestep_cond', lcmGuidanceEmbedding(wScale, 256), [1, 256]);
    const { out } = await runUnet(unet, 768, [purple], new Float32Array(latentSize), [499], { timestep_cond: cond });
    const target = lcmTarget(cleanLatent(purple, h, w), wScale, h, w);
    expect(maxAbsDiff(out, epsilonOracle(new Float64Array(latentSize), target, 499))).toBeLessThan(1e-4);
    // Saturated channels stay saturated under guidance: decoding still gives purple 128,0,128.
    const rgb = modelImageToRgb(decodeScaledLatent(target, h, w), h, w);
    expect(Array.from(rgb.subarray(0, 3))).toEqual([128, 0, 128]);
  });
});
