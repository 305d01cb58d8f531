// The full-compute SAM decoder exported with --return-single-mask picks the official export's mask: the best-IoU
// multimask token for a single click (plus its padding point), token 0 for three or more points, chosen before
// the post-processing. Checked against the multimask export of the same seeded weights, in real ORT.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSamDecoder } from '../../../native-models/demo/full-compute/sam-decoder-graph.ts';
import { float32Tensor, type Tensor } from '../../../native-models/core/tensor.ts';
import { loadOnnxModel, type OnnxModel } from '../../../native-models/runtime/index.ts';

let dir: string;
let multi: OnnxModel;
let single: OnnxModel;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-single-mask-'));
  const open = async (name: string, singleMask: boolean) => {
    const net = buildSamDecoder(5, { singleMask });
    await net.w.write(net.g, dir, `${name}.onnx`, `${name}.onnx_data`, 'test');
    return loadOnnxModel(path.join(dir, `${name}.onnx`), { provider: 'cpu' });
  };
  [multi, single] = [await open('multi', false), await open('single', true)];
}, 60_000);

afterAll(async () => {
  await Promise.all([multi?.release(), single?.release()]);
  await fs.rm(dir, { recursive: true, force: true });
});

/** `clicks` positive clicks on a 320×240 image, plus the padding point the official notebook appends. */
function feeds(clicks: [number, number][]): Record<string, Tensor> {
  const points = [...clicks, [0, 0]];
  return {
    image_embeddings: float32Tensor(new Float32Array(256 * 64 * 64).map((_, k) => Math.sin(k * 0.0007) * 0.5), [1, 256, 64, 64]),
    point_coords: float32Tensor(Float32Array.from(points.flat()), [1, points.length, 2]),
    point_labels: float32Tensor(Float32Array.from([...clicks.map(() => 1), -1]), [1, points.length]),
    mask_input: float32Tensor(new Float32Array(256 * 256), [1, 1, 256, 256]),
    has_mask_input: float32Tensor(Float32Array.of(0), [1]),
    orig_im_size: float32Tensor(Float32Array.of(240, 320), [2]),
  };
}

function channel(t: Tensor, index: number): Float32Array {
  const size = t.dims[2]! * t.dims[3]!;
  return (t.data as Float32Array).subarray(index * size, (index + 1) * size);
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - b[i]!)), 0);
}

async function compare(clicks: [number, number][]): Promise<number> {
  const [m, s] = [await multi.run(feeds(clicks)), await single.run(feeds(clicks))];
  expect(s.masks!.dims).toEqual([1, 1, 240, 320]);
  expect(s.low_res_masks!.dims).toEqual([1, 1, 256, 256]);
  expect(s.iou_predictions!.dims).toEqual([1, 1]);
  const iou = m.iou_predictions!.data as Float32Array;
  const chosen = iou.indexOf((s.iou_predictions!.data as Float32Array)[0]!);
  expect(chosen).toBeGreaterThanOrEqual(0);
  expect(maxAbsDiff(channel(s.low_res_masks!, 0), channel(m.low_res_masks!, chosen))).toBeLessThan(1e-4);
  expect(maxAbsDiff(channel(s.masks!, 0), channel(m.masks!, chosen))).toBeLessThan(1e-4);
  // the masks differ between tokens, so a wrong choice could not pass the comparisons above
  for (let other = 0; other < 4; other++) {
    if (other !== chosen) expect(maxAbsDiff(channel(s.low_res_masks!, 0), channel(m.low_res_masks!, other))).toBeGreaterThan(0.01);
  }
  return chosen;
}

describe('full-compute SAM decoder, single-mask export', () => {
  it('one click (2 points with the padding): the best-IoU token among the three multimask ones', async () => {
    for (const click of [[100, 80], [900, 600], [512, 300]] as [number, number][]) {
      const { iou_predictions } = await multi.run(feeds([click]));
      const scores = Array.from(iou_predictions!.data as Float32Array);
      const best = 1 + scores.slice(1).indexOf(Math.max(...scores.slice(1)));
      expect(await compare([click])).toBe(best);
    }
  });

  it('two clicks (3 points): token 0, the single-output token', async () => {
    expect(await compare([[100, 80], [400, 300]])).toBe(0);
  });
});
