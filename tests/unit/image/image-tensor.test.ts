// Pixels ↔ NCHW float tensors in [-1, 1], with the values worked out from x/127.5 − 1 and round(clip(x/2+0.5)·255).
import { describe, expect, it } from 'vitest';
import { imageToTensor, tensorToImage, tensorToImages } from '../../../native-models/image/image-tensor.ts';
import { float32Tensor } from '../../../native-models/core/tensor.ts';

describe('imageToTensor', () => {
  it('lays out planes NCHW and maps 0 → −1, 255 → 1, 51 → −0.6', () => {
    // Two pixels: (0, 51, 255) and (255, 0, 51); 51/127.5 − 1 = −0.6.
    const t = imageToTensor({ width: 2, height: 1, channels: 3, data: new Uint8Array([0, 51, 255, 255, 0, 51]) });
    expect(t.dims).toEqual([1, 3, 1, 2]);
    const expected = [-1, 1, -0.6, -1, 1, -0.6];
    Array.from(t.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('ignores alpha', () => {
    const t = imageToTensor({ width: 1, height: 1, channels: 4, data: new Uint8Array([255, 0, 255, 7]) });
    expect(Array.from(t.data)).toEqual([1, -1, 1]);
  });
});

describe('tensorToImages', () => {
  it('clips and rounds: −1 → 0, 1 → 255, 0 → round(127.5) = 128, 3 → 255, −7 → 0, NaN → 0', () => {
    const t = float32Tensor(new Float32Array([-1, 1, 0, 3, -7, NaN]), [1, 3, 1, 2]);
    const image = tensorToImage(t);
    // Pixel 0 = (R −1, G 0, B −7), pixel 1 = (R 1, G 3, B NaN).
    expect(Array.from(image.data)).toEqual([0, 128, 0, 255, 255, 0]);
  });

  it('round-trips every 8-bit value', () => {
    const data = new Uint8Array(256 * 3);
    for (let i = 0; i < data.length; i++) data[i] = i % 256;
    const image = { width: 256, height: 1, channels: 3 as const, data };
    expect(Array.from(tensorToImage(imageToTensor(image)).data)).toEqual(Array.from(data));
  });

  it('splits a batch and checks dims', () => {
    const t = float32Tensor(new Float32Array(2 * 3 * 4).fill(1), [2, 3, 2, 2]);
    expect(tensorToImages(t)).toHaveLength(2);
    expect(() => tensorToImages(float32Tensor(new Float32Array(4), [1, 4, 1, 1]))).toThrow(/expected \[B, 3, H, W\]/);
  });
});
