// decodeImage / decodeRgb with real sharp: formats, channels, EXIF orientation, and the error codes for
// every kind of bad input a batch meets.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeImage, decodeRgb, readImageSize } from '../../../native-models/image/decode-image.ts';
import { isTesseraError } from '../../../native-models/api/errors.ts';
import { DEFAULT_MAX_PIXELS, maxPixels, setMaxPixels } from '../../../native-models/image/pixel-limit.ts';
import { pngDeclaringSize, twoColourPixels, twoColourPng } from './image-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'tessera-decode-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isTesseraError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a TesseraError');
}

describe('decodeImage', () => {
  it('decodes PNG exactly: HWC RGB, left red / right blue', async () => {
    const image = await decodeImage(await twoColourPng(6, 4));
    expect([image.width, image.height, image.channels]).toEqual([6, 4, 3]);
    expect(Buffer.from(image.data)).toEqual(twoColourPixels(6, 4));
  });

  it('decodes JPEG and WebP (lossy: colours within a tolerance)', async () => {
    const raw = twoColourPixels(32, 16);
    for (const format of ['jpeg', 'webp'] as const) {
      const bytes = await sharp(raw, { raw: { width: 32, height: 16, channels: 3 } }).toFormat(format, { quality: 95 }).toBuffer();
      const path = join(dir, `two.${format}`);
      writeFileSync(path, bytes);
      const image = await decodeImage(path);
      expect([image.width, image.height, image.channels]).toEqual([32, 16, 3]);
      // Pixel (4, 8) is deep in the red half, (28, 8) in the blue half.
      const red = (8 * 32 + 4) * 3;
      const blue = (8 * 32 + 28) * 3;
      expect(image.data[red]).toBeGreaterThan(220);
      expect(image.data[red + 2]).toBeLessThan(40);
      expect(image.data[blue + 2]).toBeGreaterThan(220);
      expect(image.data[blue]).toBeLessThan(40);
    }
  });

  it('expands grey to RGB and keeps alpha as a 4th channel; decodeRgb drops alpha', async () => {
    const grey = await sharp(Buffer.from([10, 200, 30, 40]), { raw: { width: 2, height: 2, channels: 1 } }).toColourspace('b-w').png().toBuffer();
    const g = await decodeImage(grey);
    expect(g.channels).toBe(3);
    expect(Array.from(g.data.slice(0, 6))).toEqual([10, 10, 10, 200, 200, 200]);

    const rgba = await sharp(Buffer.from([1, 2, 3, 0, 4, 5, 6, 255]), { raw: { width: 2, height: 1, channels: 4 } }).png().toBuffer();
    const a = await decodeImage(rgba);
    expect(a.channels).toBe(4);
    expect(Array.from(a.data)).toEqual([1, 2, 3, 0, 4, 5, 6, 255]);
    const rgb = await decodeRgb(rgba);
    // Dropped, not composited: the transparent pixel keeps its colour (PIL convert("RGB")).
    expect(rgb.channels).toBe(3);
    expect(Array.from(rgb.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('honours EXIF orientation (6 = rotate 90° clockwise: a 32×16 file shows as 16×32)', async () => {
    const raw = twoColourPixels(32, 16);
    const jpeg = await sharp(raw, { raw: { width: 32, height: 16, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const image = await decodeImage(jpeg);
    expect([image.width, image.height]).toEqual([16, 32]);
    // Rotating clockwise puts the file's left (red) half on top.
    expect(image.data[(4 * 16 + 8) * 3]).toBeGreaterThan(220);
    expect(image.data[(28 * 16 + 8) * 3 + 2]).toBeGreaterThan(220);
    expect(await readImageSize(jpeg)).toEqual({ width: 16, height: 32 });
  });
});

describe('decode errors', () => {
  it('zero-byte file → IMAGE_UNREADABLE naming the file', async () => {
    const path = join(dir, 'empty.png');
    writeFileSync(path, '');
    const e = await errorOf(decodeImage(path));
    expect(e.code).toBe('IMAGE_UNREADABLE');
    expect(e.message).toContain(path);
    expect(e.message).toContain('0 bytes');
  });

  it('text file named .png → IMAGE_UNREADABLE with what sharp said', async () => {
    const path = join(dir, 'notes.png');
    writeFileSync(path, 'these are my notes, not a picture\n');
    const e = await errorOf(decodeImage(path));
    expect(e.code).toBe('IMAGE_UNREADABLE');
    expect(e.message).toContain('notes.png');
    expect(e.message).toMatch(/sharp: .*unsupported image format/);
  });

  it('truncated PNG → IMAGE_UNREADABLE', async () => {
    const png = await twoColourPng(64, 64);
    const e = await errorOf(decodeImage(png.subarray(0, Math.floor(png.length * 0.6)), { name: 'cut.png' }));
    expect(e.code).toBe('IMAGE_UNREADABLE');
    expect(e.message).toContain('cut.png');
  });

  it('corrupt PNG (bytes after the signature scrambled) → IMAGE_UNREADABLE', async () => {
    const png = Buffer.from(await twoColourPng(64, 64));
    for (let i = 12; i < png.length - 12; i++) png[i] ^= 0x5a;
    expect((await errorOf(decodeImage(png))).code).toBe('IMAGE_UNREADABLE');
  });

  it('missing file → IMAGE_UNREADABLE with ENOENT', async () => {
    const e = await errorOf(decodeImage(join(dir, 'nope.png')));
    expect(e.code).toBe('IMAGE_UNREADABLE');
    expect(e.message).toContain('ENOENT');
  });

  it('PNG declaring 100000×100000 → IMAGE_TOO_LARGE with the declared size', async () => {
    const path = join(dir, 'huge.png');
    writeFileSync(path, pngDeclaringSize(100_000, 100_000));
    const e = await errorOf(decodeImage(path));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toContain('100000x100000');
    expect((await errorOf(readImageSize(path))).code).toBe('IMAGE_TOO_LARGE');
  });

  it('a PNG declaring 16000×16000 (under sharp\'s own 268 Mpx default) is refused from its header by the 64 Mpx limit', async () => {
    expect(DEFAULT_MAX_PIXELS).toBe(8192 * 8192);
    const bomb = pngDeclaringSize(16_000, 16_000);
    const e = await errorOf(decodeRgb(bomb, { name: 'bomb.png' }));
    expect(e.code).toBe('IMAGE_TOO_LARGE');
    expect(e.message).toBe('bomb.png: got 16000x16000 (256000000 pixels), expected at most 67108864 pixels (raise the limit with --max-pixels N or Settings\' maxPixels)');
  });

  it('the process-wide limit (Settings.maxPixels, --max-pixels) applies to every decode and is validated', async () => {
    const png = await twoColourPng(64, 64);
    try {
      setMaxPixels(4000);
      expect(maxPixels()).toBe(4000);
      expect((await errorOf(decodeImage(png))).code).toBe('IMAGE_TOO_LARGE');
      expect((await errorOf(readImageSize(png))).code).toBe('IMAGE_TOO_LARGE');
      expect(() => setMaxPixels(0)).toThrow(/max pixels: got 0, expected an integer from 1 to/);
    } finally {
      setMaxPixels(DEFAULT_MAX_PIXELS);
    }
    expect((await decodeImage(png)).width).toBe(64);
  });

  it('the pixel limit is a parameter: 64×64 = 4096 px fails a 4000 px limit, passes 4096', async () => {
    const png = await twoColourPng(64, 64);
    expect((await errorOf(decodeImage(png, { limitInputPixels: 4000 }))).code).toBe('IMAGE_TOO_LARGE');
    expect((await decodeImage(png, { limitInputPixels: 4096 })).width).toBe(64);
  });
});
