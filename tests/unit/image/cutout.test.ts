// composeCutout: alpha equals the mask exactly without feather, RGB copied, crop to the mask's box.
import { describe, expect, it } from 'vitest';
import { composeCutout } from '../../../native-models/image/cutout.ts';
import { drawMask } from '../core/mask/draw-mask.ts';
import type { RgbImage } from '../../../native-models/image/rgb-image.ts';

function gradient(width: number, height: number): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set([i, 100 + i, 200 - i], i * 3);
  return { width, height, channels: 3, data };
}

describe('composeCutout', () => {
  const mask = drawMask(['.....', '.##..', '.###.', '.....']);
  const image = gradient(5, 4);

  it('alpha equals mask × 255 exactly and RGB is the source, at featherPx 0', () => {
    const { image: out, box } = composeCutout(image, mask);
    expect(box).toEqual({ x: 0, y: 0, width: 5, height: 4 });
    for (let i = 0; i < 20; i++) {
      expect(out.data[i * 4 + 3]).toBe(mask.data[i] * 255);
      expect(Array.from(out.data.slice(i * 4, i * 4 + 3))).toEqual(Array.from(image.data.slice(i * 3, i * 3 + 3)));
    }
  });

  it('crops to the mask bounding box and reports where it sits', () => {
    const { image: out, box } = composeCutout(image, mask, { crop: true });
    expect(box).toEqual({ x: 1, y: 1, width: 3, height: 2 });
    expect([out.width, out.height]).toEqual([3, 2]);
    expect(Array.from({ length: 6 }, (_, i) => out.data[i * 4 + 3])).toEqual([255, 255, 0, 255, 255, 255]);
    // Top-left of the crop is source pixel (1, 1) = index 6.
    expect(Array.from(out.data.slice(0, 3))).toEqual([6, 106, 194]);
  });

  it('feathers the edge and widens the crop by the feather radius', () => {
    const { image: out, box } = composeCutout(image, mask, { featherPx: 1, crop: true });
    expect(box).toEqual({ x: 0, y: 0, width: 5, height: 4 });
    const alphas = Array.from({ length: 20 }, (_, i) => out.data[i * 4 + 3]);
    expect(alphas.some((a) => a > 0 && a < 255)).toBe(true);
    expect(alphas[0]).toBe(Math.round((255 * 1) / 9)); // corner (0,0): one mask pixel, (1,1), in its clamped 3×3 window
  });

  it('a soft alpha (background removal) is the cut-out alpha as given; the mask still decides the crop', () => {
    const soft = Uint8Array.from({ length: 20 }, (_, i) => i * 10);
    const { image: whole } = composeCutout(image, mask, { alpha: soft });
    expect(Array.from({ length: 20 }, (_, i) => whole.data[i * 4 + 3])).toEqual(Array.from(soft));
    const { box } = composeCutout(image, mask, { alpha: soft, crop: true });
    expect(box).toEqual({ x: 1, y: 1, width: 3, height: 2 });
    expect(() => composeCutout(image, mask, { alpha: new Uint8Array(3) })).toThrow(/cut-out alpha: got 3 values, expected 20/);
  });

  it('rejects a mask of another size', () => {
    expect(() => composeCutout(image, drawMask(['##']))).toThrow(/got 2x1, expected 5x4/);
  });
});
