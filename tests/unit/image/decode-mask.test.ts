// decodeMask: grey, RGB and alpha-painted masks → one 0/255 channel; size mismatch is an error.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeMask } from '../../../native-models/image/decode-mask.ts';

async function png(data: number[], width: number, height: number, channels: 1 | 3 | 4): Promise<Buffer> {
  let p = sharp(Buffer.from(data), { raw: { width, height, channels } });
  if (channels === 1) p = p.toColourspace('b-w');
  return p.png().toBuffer();
}

describe('decodeMask', () => {
  it('thresholds grey at 128 (>= 128 → 255)', async () => {
    const mask = await decodeMask(await png([0, 127, 128, 255], 4, 1, 1));
    expect(Array.from(mask.data)).toEqual([0, 0, 255, 255]);
  });

  it('uses luminance for RGB: pure red (L = 76) is off, white and yellow (L = 226) are on', async () => {
    // PIL L = 0.299 R + 0.587 G + 0.114 B: red 76.2, yellow 225.9.
    const mask = await decodeMask(await png([255, 0, 0, 255, 255, 255, 255, 255, 0], 3, 1, 3));
    expect(Array.from(mask.data)).toEqual([0, 255, 255]);
  });

  it('uses alpha when the RGB is one constant colour (a mask painted as transparency)', async () => {
    const mask = await decodeMask(await png([0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 200], 3, 1, 4));
    expect(Array.from(mask.data)).toEqual([0, 255, 255]);
  });

  it('uses luminance for RGBA whose colours vary, whatever the alpha', async () => {
    const mask = await decodeMask(await png([255, 255, 255, 0, 0, 0, 0, 255], 2, 1, 4));
    expect(Array.from(mask.data)).toEqual([255, 0]);
  });

  it('rejects a mask of the wrong size, naming both sizes', async () => {
    const bytes = await png([0, 255, 0, 255], 2, 2, 1);
    await expect(decodeMask(bytes, { width: 4, height: 2 }, { name: 'm.png' })).rejects.toThrow(
      /mask m\.png: got 2x2, expected 4x2/,
    );
    expect((await decodeMask(bytes, { width: 2, height: 2 })).width).toBe(2);
  });
});
