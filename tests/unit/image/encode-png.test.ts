// encodePng and friends: lossless round trips through sharp, grey files stay grey.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeGrayPng, encodeMaskPng, encodePng } from '../../../native-models/image/encode-png.ts';
import { decodeImage } from '../../../native-models/image/decode-image.ts';
import { drawMask } from '../core/mask/draw-mask.ts';

describe('encodePng', () => {
  it('round-trips RGB and RGBA bytes exactly', async () => {
    const rgb = new Uint8Array([1, 2, 3, 250, 251, 252, 7, 8, 9, 100, 110, 120]);
    expect(Array.from((await decodeImage(await encodePng({ width: 2, height: 2, channels: 3, data: rgb }))).data)).toEqual(Array.from(rgb));
    const rgba = new Uint8Array([1, 2, 3, 0, 250, 251, 252, 128]);
    const back = await decodeImage(await encodePng({ width: 2, height: 1, channels: 4, data: rgba }));
    expect(back.channels).toBe(4);
    expect(Array.from(back.data)).toEqual(Array.from(rgba));
  });

  it('writes grey as a 1-channel PNG with the same values', async () => {
    const png = await encodeGrayPng({ width: 3, height: 1, data: new Uint8Array([0, 128, 255]) });
    const meta = await sharp(png).metadata();
    expect([meta.channels, meta.space]).toEqual([1, 'b-w']);
    const { data } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect(Array.from(data)).toEqual([0, 128, 255]);
  });

  it('writes masks as 0/255 grey at the mask size', async () => {
    const png = await encodeMaskPng(drawMask(['#.', '.#', '##']));
    const { data, info } = await sharp(png).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([2, 3]);
    expect(Array.from(data)).toEqual([255, 0, 0, 255, 255, 255]);
  });

  it('rejects data of the wrong length', async () => {
    await expect(encodePng({ width: 2, height: 2, channels: 3, data: new Uint8Array(11) })).rejects.toThrow(/got 11 bytes, expected 12/);
  });
});
