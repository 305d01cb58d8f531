// SAM encoder/decoder adapters against a recording stand-in model: the feeds are exactly what the contracts
// (model-contracts.md §3.1–3.3, §4.1) and the official notebook prescribe, for each encoder layout.
import { describe, expect, it } from 'vitest';
import type { Tensor } from '../../../native-models/core/tensor.ts';
import type { OnnxModel } from '../../../native-models/runtime/index.ts';
import { SamDecoder } from '../../../native-models/models/sam-decoder.ts';
import { SamEncoder, detectEncoderLayout } from '../../../native-models/models/sam-encoder.ts';

type Feeds = Record<string, Tensor>;

/** Records every feed and answers with constant outputs of the right shapes. */
function recordingModel(inputShape: (number | string)[], answer: (feeds: Feeds) => Record<string, Tensor>): { model: OnnxModel; feeds: Feeds[] } {
  const feeds: Feeds[] = [];
  const stub = {
    path: 'stub.onnx',
    inputs: [{ name: 'input_image', type: 'float32', shape: inputShape }],
    input: (name: string) => (name === 'input_image' ? { name, type: 'float32', shape: inputShape } : undefined),
    run: async (f: Feeds) => (feeds.push(f), answer(f)),
  };
  return { model: stub as unknown as OnnxModel, feeds };
}

const embedding = { data: new Float32Array(256 * 64 * 64), dims: [1, 256, 64, 64] };
const features = { features: [{ name: 'image_embeddings', ...embedding }] };

function decoderAnswer(feeds: Feeds): Record<string, Tensor> {
  const [h, w] = Array.from(feeds.orig_im_size!.data as Float32Array);
  return {
    masks: { type: 'float32', data: new Float32Array(4 * h! * w!).fill(1), dims: [1, 4, h!, w!] },
    iou_predictions: { type: 'float32', data: Float32Array.of(0.1, 0.2, 0.3, 0.4), dims: [1, 4] },
    low_res_masks: { type: 'float32', data: new Float32Array(4 * 256 * 256), dims: [1, 4, 256, 256] },
  };
}

describe('SamDecoder feeds', () => {
  const values = (t: Tensor | undefined) => Array.from(t!.data as Float32Array);

  it('without a box: the clicks, then one (0, 0) point labelled −1 (onnx_model_example.ipynb)', async () => {
    const { model, feeds } = recordingModel([], decoderAnswer);
    const out = await new SamDecoder(model).decode(features, [{ x: 10, y: 20, label: 1 }, { x: 30, y: 40, label: 0 }], { width: 7, height: 5 });
    const f = feeds[0]!;
    expect(f.point_coords!.dims).toEqual([1, 3, 2]);
    expect(values(f.point_coords)).toEqual([10, 20, 30, 40, 0, 0]);
    expect(values(f.point_labels)).toEqual([1, 0, -1]);
    expect(f.point_labels!.dims).toEqual([1, 3]);
    // orig_im_size is (H, W)
    expect(values(f.orig_im_size)).toEqual([5, 7]);
    expect(f.has_mask_input!.dims).toEqual([1]);
    expect(values(f.has_mask_input)).toEqual([0]);
    expect(f.mask_input!.dims).toEqual([1, 1, 256, 256]);
    expect(values(f.mask_input).every((v) => v === 0)).toBe(true);
    expect(Object.keys(f).sort()).toEqual(['has_mask_input', 'image_embeddings', 'mask_input', 'orig_im_size', 'point_coords', 'point_labels']);
    expect(out.maskCount).toBe(4);
    expect(out.scores.map((s) => Math.round(s * 10) / 10)).toEqual([0.1, 0.2, 0.3, 0.4]);
  });

  it('with a box: the corners labelled 2 and 3 after the clicks, and no padding point', async () => {
    const { model, feeds } = recordingModel([], decoderAnswer);
    await new SamDecoder(model).decode(features, [{ x: 1, y: 2, label: 1 }, { x: 3, y: 4, label: 2 }, { x: 5, y: 6, label: 3 }], { width: 8, height: 8 });
    expect(values(feeds[0]!.point_coords)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(values(feeds[0]!.point_labels)).toEqual([1, 2, 3]);
  });

  it('a previous mask goes in as mask_input with has_mask_input = 1', async () => {
    const { model, feeds } = recordingModel([], decoderAnswer);
    const previous = Float32Array.from({ length: 256 * 256 }, (_, i) => i % 7);
    await new SamDecoder(model).decode(features, [{ x: 1, y: 2, label: 1 }], { width: 8, height: 8 }, previous);
    expect(values(feeds[0]!.has_mask_input)).toEqual([1]);
    expect(feeds[0]!.mask_input!.data).toEqual(previous);
  });

  it('a previous mask of the wrong size is an INVALID_ARGUMENT error', async () => {
    const { model } = recordingModel([], decoderAnswer);
    await expect(new SamDecoder(model).decode(features, [{ x: 1, y: 2, label: 1 }], { width: 8, height: 8 }, new Float32Array(10))).rejects.toThrow(
      /got 10 values, expected 256×256/,
    );
  });
});

describe('SamEncoder', () => {
  const embeddingAnswer = () => ({ image_embeddings: { type: 'float32', data: embedding.data, dims: embedding.dims } as Tensor });

  it('detects the layout from the rank of input_image', () => {
    expect(detectEncoderLayout(recordingModel([1, 3, 1024, 1024], embeddingAnswer).model)).toBe('nchw-preprocessed');
    expect(detectEncoderLayout(recordingModel(['image_height', 'image_width', 3], embeddingAnswer).model)).toBe('hwc-raw');
    expect(() => detectEncoderLayout(recordingModel([3, 1024], embeddingAnswer).model)).toThrow(/rank 3 \(HWC\) or 4 \(NCHW\), got rank 2/);
  });

  // 1024×2 image (already long side 1024, so no resampling): pixel (x, y) = (x % 256, y * 100, 255)
  const width = 1024;
  const height = 2;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x % 256, y * 100, 255], (y * width + x) * 3);
  const image = { width, height, channels: 3 as const, data };

  it('NCHW: (x − mean)/std per channel, CHW, zero-padded below to 1024²', async () => {
    const { model, feeds } = recordingModel([1, 3, 1024, 1024], embeddingAnswer);
    await new SamEncoder(model).encode(image);
    const t = feeds[0]!.input_image!;
    expect(t.dims).toEqual([1, 3, 1024, 1024]);
    const v = t.data as Float32Array;
    const at = (c: number, y: number, x: number) => v[c * 1024 * 1024 + y * 1024 + x]!;
    // R at (x=10, y=0): (10 − 123.675)/58.395 = −1.94666; G at y=1: (100 − 116.28)/57.12 = −0.28501; B: (255 − 103.53)/57.375 = 2.64001
    expect(at(0, 0, 10)).toBeCloseTo(-1.94666, 4);
    expect(at(1, 1, 10)).toBeCloseTo(-0.28501, 4);
    expect(at(2, 1, 1023)).toBeCloseTo(2.64001, 4);
    // padding rows are 0 after normalisation (Sam.preprocess pads the normalised tensor)
    expect(at(0, 2, 10)).toBe(0);
    expect(at(2, 1023, 1023)).toBe(0);
  });

  it('HWC: raw 0–255 RGB at the resized size, [h, w, 3]', async () => {
    const { model, feeds } = recordingModel(['image_height', 'image_width', 3], embeddingAnswer);
    await new SamEncoder(model).encode(image);
    const t = feeds[0]!.input_image!;
    expect(t.dims).toEqual([2, 1024, 3]);
    expect(Array.from((t.data as Float32Array).subarray((1 * 1024 + 300) * 3, (1 * 1024 + 300) * 3 + 3))).toEqual([300 % 256, 100, 255]);
  });

  it('resizes the longest side to 1024 first (2048×6 → 1024×3) and drops alpha', async () => {
    const big = { width: 2048, height: 6, channels: 4 as const, data: new Uint8Array(2048 * 6 * 4).fill(200) };
    const { model, feeds } = recordingModel(['image_height', 'image_width', 3], embeddingAnswer);
    await new SamEncoder(model).encode(big);
    expect(feeds[0]!.input_image!.dims).toEqual([3, 1024, 3]);
    expect(Array.from((feeds[0]!.input_image!.data as Float32Array).subarray(0, 3))).toEqual([200, 200, 200]);
  });
});
