// Alpha matting: trimap from the model alpha, guided filter in the unknown band following the image's edges.
import { describe, expect, it } from 'vitest';
import { alphaMatting, buildTrimap } from '../../../../native-models/pipelines/subject/alpha-matting.ts';

describe('alpha matting', () => {
  it('trimap: sure regions eroded by erodePx, the rest unknown (128)', () => {
    const width = 40;
    const alpha = { width, height: 1, data: Uint8Array.from({ length: width }, (_, x) => (x < 20 ? 0 : 255)) };
    const trimap = buildTrimap({ ...alpha, height: 1 }, { erodePx: 3 });
    // alpha ≤ 10 for x < 20, eroded by 3 → sure background x ≤ 16; alpha ≥ 240 for x ≥ 20, eroded → x ≥ 23.
    expect(Array.from(trimap.subarray(15, 25))).toEqual([0, 0, 128, 128, 128, 128, 128, 128, 255, 255]);
  });

  it('a blurry model edge snaps to the sharp edge in the image, sure regions stay exactly 0 / 255', () => {
    const width = 60;
    const height = 20;
    const image = { width, height, channels: 3 as const, data: new Uint8Array(width * height * 3) };
    for (let y = 0; y < height; y++) for (let x = 30; x < width; x++) image.data.set([255, 255, 255], (y * width + x) * 3);
    // The model's alpha: a 20-pixel ramp centred on the image's edge at x = 30.
    const alpha = { width, height, data: new Uint8Array(width * height) };
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) alpha.data[y * width + x] = Math.round(255 * Math.min(1, Math.max(0, (x - 20) / 20)));
    const out = alphaMatting(image, alpha, { erodePx: 2, radius: 6, epsilon: 1e-4 });
    const row = Array.from(out.data.subarray(10 * width, 11 * width));
    expect(row[0]).toBe(0);
    expect(row[width - 1]).toBe(255);
    // Inside the band the matte follows the image: the ramp rises 13 per pixel, the matte jumps at the image's edge.
    expect(row[30]! - row[29]!).toBeGreaterThan(60);
    for (let x = 1; x < width; x++) expect(row[x]!).toBeGreaterThanOrEqual(row[x - 1]!);
  });
});
