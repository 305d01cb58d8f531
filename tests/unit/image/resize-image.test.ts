// Resize helpers: masks stay binary under nearest, img2img sizes floor to multiples of 64.
import { describe, expect, it } from 'vitest';
import { floorToMultiple, resizeForImg2Img, resizeGray, resizeImage } from '../../../native-models/image/resize-image.ts';
import { twoColourPixels } from './image-fixtures.ts';

describe('resize', () => {
  it('nearest keeps a 0/255 mask binary and doubles a 2×2 checker into 2×2 blocks', async () => {
    const out = await resizeGray({ width: 2, height: 2, data: new Uint8Array([255, 0, 0, 255]) }, 4, 4);
    expect(Array.from(out.data)).toEqual([255, 255, 0, 0, 255, 255, 0, 0, 0, 0, 255, 255, 0, 0, 255, 255]);
  });

  it('floors img2img sizes to multiples of 64 (diffusers: x − x % 64), at least 64', () => {
    expect(floorToMultiple(700, 513)).toEqual({ width: 640, height: 512 });
    expect(floorToMultiple(40, 130)).toEqual({ width: 64, height: 128 });
  });

  it('resizes an init image with Lanczos, keeping flat regions flat', async () => {
    const image = { width: 200, height: 100, channels: 3 as const, data: new Uint8Array(twoColourPixels(200, 100)) };
    const out = await resizeForImg2Img(image);
    expect([out.width, out.height, out.channels]).toEqual([192, 64, 3]);
    const left = (32 * 192 + 20) * 3;
    expect(Array.from(out.data.slice(left, left + 3))).toEqual([255, 0, 0]);
    const same = await resizeImage(image, 200, 100);
    expect(same).toBe(image);
  });
});
