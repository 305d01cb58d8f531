// The demo SAM pair on real onnxruntime-node, driven directly with the official contract's feeds: encoder
// patch/cell means, decoder logits worked out by hand from the pack README's rule, and SAM's mask
// post-processing (upsample, crop to the pre-pad size computed from orig_im_size, resize).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOnnxModel, type OnnxModel } from '../../../native-models/runtime/index.ts';
import { makeTensor, type Tensor } from '../../../native-models/core/tensor.ts';
import { demoModel } from '../demo-pack.ts';

const open = new Map<string, Promise<OnnxModel>>();
afterAll(async () => {
  for (const model of open.values()) await (await model).release();
});

/** The folder's file ending in `suffix`, one session per file for the whole test file. */
function openFile(folder: string, suffix: string): Promise<OnnxModel> {
  const key = `${folder}/${suffix}`;
  if (!open.has(key)) {
    const load = async () => {
      const name = (await fs.readdir(demoModel(folder))).find((n) => n.endsWith(suffix))!;
      return loadOnnxModel(path.join(demoModel(folder), name), { provider: 'cpu', threads: 1 });
    };
    open.set(key, load());
  }
  return open.get(key)!;
}

const f32 = (data: ArrayLike<number>, dims: number[]): Tensor => makeTensor('float32', Float32Array.from(data), dims);
const floats = (t: Tensor | undefined): Float32Array => t!.data as Float32Array;

// Restated from the pack README (not imported from the generator): logit = 8·(tolerance − distance),
// tolerances per token, fixed scores per token.
const TOLERANCES = [0.8, 1.5, 0.8, 0.3];
const SCORES = [0.9, 0.86, 0.97, 0.91];
const expectedLogits = (distance: number) => TOLERANCES.map((t) => 8 * (t - distance));

/**
 * An embedding whose 4×4 cells (256×256 grid, 1024 frame) have the colour colourAt(cellX, cellY). Cell colours
 * live in channels 3 + (by·4 + bx)·3 + c of patch (cellX >> 2, cellY >> 2), bx = cellX & 3, by = cellY & 3
 * (ONNX SpaceToDepth with blocksize 4: channel = (by·bs + bx)·C + c).
 */
function embedding(colourAt: (cx: number, cy: number) => [number, number, number]): Tensor {
  const data = new Float32Array(256 * 64 * 64);
  for (let cy = 0; cy < 256; cy++) {
    for (let cx = 0; cx < 256; cx++) {
      const colour = colourAt(cx, cy);
      for (let c = 0; c < 3; c++) data[(3 + ((cy & 3) * 4 + (cx & 3)) * 3 + c) * 4096 + (cy >> 2) * 64 + (cx >> 2)] = colour[c]!;
    }
  }
  return makeTensor('float32', data, [1, 256, 64, 64]);
}

interface Prompt {
  points: [number, number, number][];
  maskInput?: Float32Array;
  hasMaskInput?: number;
  origHW?: [number, number];
}

async function decode(emb: Tensor, p: Prompt): Promise<Record<string, Tensor>> {
  const decoder = await openFile('demo-sam', '.decoder.onnx');
  const n = p.points.length;
  return decoder.run({
    image_embeddings: emb,
    point_coords: f32(p.points.flatMap(([x, y]) => [x, y]), [1, n, 2]),
    point_labels: f32(p.points.map(([, , l]) => l), [1, n]),
    mask_input: f32(p.maskInput ?? new Float32Array(256 * 256), [1, 1, 256, 256]),
    has_mask_input: f32([p.hasMaskInput ?? 0], [1]),
    orig_im_size: f32(p.origHW ?? [1024, 1024], [2]),
  });
}

/** Low-res logits of the four tokens at one cell. */
function cellLogits(lowRes: Tensor | undefined, cx: number, cy: number): number[] {
  return [0, 1, 2, 3].map((k) => floats(lowRes)[k * 65536 + cy * 256 + cx]!);
}

const A: [number, number, number] = [0, 0, 0];
const B: [number, number, number] = [1, 0, 0]; // distance 1 from A in normalised RGB
const leftA = embedding((cx) => (cx < 128 ? A : B));

describe('files and contracts', () => {
  it.each(['demo-sam', 'demo-sam-hwc'])('%s: one *.encoder.onnx and one *.decoder.onnx, no Tessera-specific manifest', async (folder) => {
    const names = (await fs.readdir(demoModel(folder))).sort();
    expect(names.filter((n) => n.endsWith('.encoder.onnx'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.decoder.onnx'))).toHaveLength(1);
    expect(names.some((n) => n.endsWith('.json'))).toBe(false);
  });

  it('decoder: the official SamOnnxModel inputs and outputs (model-contracts.md §3.1)', async () => {
    const decoder = await openFile('demo-sam', '.decoder.onnx');
    expect(decoder.inputs.map((i) => [i.name, i.type, i.shape.map((d) => (typeof d === 'string' ? 'dyn' : d))])).toEqual([
      ['image_embeddings', 'float32', [1, 256, 64, 64]],
      ['point_coords', 'float32', [1, 'dyn', 2]],
      ['point_labels', 'float32', [1, 'dyn']],
      ['mask_input', 'float32', [1, 1, 256, 256]],
      ['has_mask_input', 'float32', [1]],
      ['orig_im_size', 'float32', [2]],
    ]);
    expect(decoder.outputs.map((o) => o.name).sort()).toEqual(['iou_predictions', 'low_res_masks', 'masks']);
  });

  it('encoders: input_image [1,3,1024,1024] (demo-sam) and [h,w,3] (demo-sam-hwc) → image_embeddings [1,256,64,64]', async () => {
    const nchw = await openFile('demo-sam', '.encoder.onnx');
    const hwc = await openFile('demo-sam-hwc', '.encoder.onnx');
    expect(nchw.inputs.map((i) => [i.name, i.type, i.shape])).toEqual([['input_image', 'float32', [1, 3, 1024, 1024]]]);
    expect(hwc.inputs.map((i) => [i.name, i.type, i.shape.length, i.shape[2]])).toEqual([['input_image', 'float32', 3, 3]]);
    for (const e of [nchw, hwc]) expect(e.outputs.map((o) => [o.name, o.shape])).toEqual([['image_embeddings', [1, 256, 64, 64]]]);
  });
});

describe('encoder', () => {
  it('channels 0–2: 16×16 patch means; 3–50: 4×4 cell means (SpaceToDepth order); 51–255: zero', async () => {
    // v(c, y, x) = c + x/1024 + 2y/1024 is linear, so a block's mean is v at the block centre.
    const v = (c: number, y: number, x: number) => c + x / 1024 + (2 * y) / 1024;
    const input = new Float32Array(3 * 1024 * 1024);
    for (let c = 0; c < 3; c++) for (let y = 0; y < 1024; y++) for (let x = 0; x < 1024; x++) input[c * 1048576 + y * 1024 + x] = v(c, y, x);
    const out = floats((await (await openFile('demo-sam', '.encoder.onnx')).run({ input_image: f32(input, [1, 3, 1024, 1024]) })).image_embeddings);
    const at = (ch: number, py: number, px: number) => out[ch * 4096 + py * 64 + px]!;
    // patch (px 5, py 7): centre x = 5·16 + 7.5 = 87.5, y = 7·16 + 7.5 = 119.5
    for (let c = 0; c < 3; c++) expect(at(c, 7, 5)).toBeCloseTo(v(c, 119.5, 87.5), 4);
    // its cell (bx 2, by 3): centre x = 87.5 − 7.5 + 2·4 + 1.5 = 89.5, y = 112 + 12 + 1.5 = 125.5
    for (let c = 0; c < 3; c++) expect(at(3 + (3 * 4 + 2) * 3 + c, 7, 5)).toBeCloseTo(v(c, 125.5, 89.5), 4);
    let rest = 0;
    for (let ch = 51; ch < 256; ch++) for (let i = 0; i < 4096; i++) rest = Math.max(rest, Math.abs(out[ch * 4096 + i]!));
    expect(rest).toBe(0);
  });

  it('HWC layout: the model normalises with SAM mean/std and pads like the caller would for NCHW', async () => {
    const h = 300;
    const w = 1024;
    const raw = Float32Array.from({ length: h * w * 3 }, (_, i) => (i * 37) % 256);
    const mean = [123.675, 116.28, 103.53];
    const std = [58.395, 57.12, 57.375];
    const padded = new Float32Array(3 * 1024 * 1024);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) padded[c * 1048576 + y * 1024 + x] = (raw[(y * w + x) * 3 + c]! - mean[c]!) / std[c]!;
    const fromHwc = floats((await (await openFile('demo-sam-hwc', '.encoder.onnx')).run({ input_image: f32(raw, [h, w, 3]) })).image_embeddings);
    const fromNchw = floats((await (await openFile('demo-sam', '.encoder.onnx')).run({ input_image: f32(padded, [1, 3, 1024, 1024]) })).image_embeddings);
    let worst = 0;
    for (let i = 0; i < fromHwc.length; i++) worst = Math.max(worst, Math.abs(fromHwc[i]! - fromNchw[i]!));
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('decoder logits (A on the left half, B on the right, distance 1)', () => {
  const onA = [100, 500, 1] as [number, number, number];
  const pad = [0, 0, -1] as [number, number, number];

  it('a positive click: logit 8·(tolerance − distance) per token; scores fixed and not in token order', async () => {
    const out = await decode(leftA, { points: [onA, pad] });
    expect(cellLogits(out.low_res_masks, 10, 10).map((v) => +v.toFixed(4))).toEqual(expectedLogits(0).map((v) => +v.toFixed(4)));
    expect(cellLogits(out.low_res_masks, 200, 10).map((v) => +v.toFixed(4))).toEqual(expectedLogits(1).map((v) => +v.toFixed(4)));
    expect(Array.from(floats(out.iou_predictions)).map((v) => +v.toFixed(4))).toEqual(SCORES);
    expect(out.masks!.dims).toEqual([1, 4, 1024, 1024]);
    expect(out.low_res_masks!.dims).toEqual([1, 4, 256, 256]);
  });

  it('padding points (label −1) are ignored wherever they are, and the reference is the first positive point', async () => {
    const base = floats((await decode(leftA, { points: [onA, pad] })).low_res_masks);
    const withPads = floats((await decode(leftA, { points: [[900, 500, -1], onA, [800, 100, -1], [700, 700, 1]] })).low_res_masks);
    expect(withPads).toEqual(base);
  });

  it('a negative point on B: cells nearer B than A get 8·(d(neg) − d(ref)), min with the positive logit', async () => {
    const out = await decode(leftA, { points: [onA, [900, 500, 0], pad] });
    // B cell: 8·(0 − 1) = −8 for every token; A cell: min(positive, 8·(1 − 0) = 8)
    expect(cellLogits(out.low_res_masks, 200, 10)).toEqual([-8, -8, -8, -8]);
    expect(cellLogits(out.low_res_masks, 10, 10).map((v) => +v.toFixed(4))).toEqual([6.4, 8, 6.4, 2.4]);
  });

  it('a box: cells whose centre lies outside it get −1000; a box alone takes the colour at its centre', async () => {
    // box (0, 0)–(255.9, 1023): cell 63 (centre 254) is inside, cell 64 (centre 258) outside
    const boxed = await decode(leftA, { points: [onA, [0, 0, 2], [255.9, 1023, 3]] });
    expect(cellLogits(boxed.low_res_masks, 63, 10).map((v) => +v.toFixed(4))).toEqual(expectedLogits(0).map((v) => +v.toFixed(4)));
    expect(cellLogits(boxed.low_res_masks, 64, 10)).toEqual([-1000, -1000, -1000, -1000]);
    const boxOnly = await decode(leftA, { points: [[600, 400, 2], [900, 600, 3]] }); // centre (750, 500) is B
    expect(cellLogits(boxOnly.low_res_masks, 180, 120).map((v) => +v.toFixed(4))).toEqual(expectedLogits(0).map((v) => +v.toFixed(4)));
    expect(cellLogits(boxOnly.low_res_masks, 10, 120)).toEqual([-1000, -1000, -1000, -1000]);
    expect(cellLogits(boxOnly.low_res_masks, 140, 120)).toEqual([-1000, -1000, -1000, -1000]); // B, but left of the box
  });

  it('mask_input is united (max) with the selection only when has_mask_input = 1', async () => {
    const maskInput = new Float32Array(256 * 256).fill(5);
    const used = await decode(leftA, { points: [onA, pad], maskInput, hasMaskInput: 1 });
    // B cell: max(8·(tol − 1), 5) = [5, 5, 5, 5]; A cell: max([6.4, 12, 6.4, 2.4], 5)
    expect(cellLogits(used.low_res_masks, 200, 10)).toEqual([5, 5, 5, 5]);
    expect(cellLogits(used.low_res_masks, 10, 10).map((v) => +v.toFixed(4))).toEqual([6.4, 12, 6.4, 5]);
    const ignored = await decode(leftA, { points: [onA, pad], maskInput, hasMaskInput: 0 });
    expect(cellLogits(ignored.low_res_masks, 200, 10).map((v) => +v.toFixed(4))).toEqual(expectedLogits(1).map((v) => +v.toFixed(4)));
  });
});

describe('mask post-processing as the official export (upsample to 1024², crop to the pre-pad size, resize)', () => {
  // Colour A above 1024-frame row 256 (cell row 64), B below; the click is on A.
  const topA = embedding((_cx, cy) => (cy < 64 ? A : B));
  const leftQuarterA = embedding((cx) => (cx < 64 ? A : B));
  const token0 = (masks: Tensor | undefined, w: number, y: number, x: number) => floats(masks)[y * w + x]!;

  it.each([
    [23, 37],
    [900, 1500],
    [1500, 900],
    [1, 1024],
  ])('masks come out at orig_im_size (H %i, W %i)', async (h, w) => {
    const out = await decode(topA, { points: [[10, 10, 1], [0, 0, -1]], origHW: [h, w] });
    expect(out.masks!.dims).toEqual([1, 4, h, w]);
  });

  it('landscape H 300 × W 600: the pre-pad crop is 512×1024, so frame row 256 lands at row 256·300/512 = 150', async () => {
    // scale = 1024/600; pre-pad H = int(300·1024/600 + 0.5) = 512. Without the crop the edge would be at row 75.
    const out = await decode(topA, { points: [[10, 10, 1], [0, 0, -1]], origHW: [300, 600] });
    expect(token0(out.masks, 600, 140, 300)).toBeCloseTo(6.4, 3);
    expect(token0(out.masks, 600, 160, 300)).toBeCloseTo(-1.6, 3);
    expect(token0(out.masks, 600, 145, 300)).toBeGreaterThan(0);
    expect(token0(out.masks, 600, 155, 300)).toBeLessThan(0);
  });

  it('portrait H 600 × W 300: the crop is 1024×512, so frame column 256 lands at column 256·300/512 = 150', async () => {
    const out = await decode(leftQuarterA, { points: [[10, 10, 1], [0, 0, -1]], origHW: [600, 300] });
    expect(token0(out.masks, 300, 300, 140)).toBeCloseTo(6.4, 3);
    expect(token0(out.masks, 300, 300, 160)).toBeCloseTo(-1.6, 3);
    expect(token0(out.masks, 300, 300, 145)).toBeGreaterThan(0);
    expect(token0(out.masks, 300, 300, 155)).toBeLessThan(0);
  });
});
