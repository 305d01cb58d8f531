// The contract checks a declared image type against the bytes: real PNG/JPEG/WebP files (made by sharp) pass
// under their own type, an SVG (or another format) declared as image/png is refused naming what it is.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { parseApiCall } from '../../../native-models/api/index.ts';
import { base64Prefix, sniffImageFormat } from '../../../native-models/api/image-format.ts';

const pixels = { create: { width: 4, height: 4, channels: 3 as const, background: { r: 200, g: 10, b: 10 } } };
const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString('base64');
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4" fill="red"/></svg>';

async function files() {
  return {
    'image/png': b64(await sharp(pixels).png().toBuffer()),
    'image/jpeg': b64(await sharp(pixels).jpeg().toBuffer()),
    'image/webp': b64(await sharp(pixels).webp().toBuffer()),
  } as const;
}

const openImage = (mimeType: string, base64: string) => () => parseApiCall('openImage', { image: { mimeType, base64 } });

describe('declared image type vs bytes', () => {
  it('accepts each format under its own type and refuses it under the others', async () => {
    const encoded = await files();
    for (const [declared] of Object.entries(encoded)) {
      for (const [actual, base64] of Object.entries(encoded)) {
        if (actual === declared) expect(openImage(declared, base64)).not.toThrow();
        else expect(openImage(declared, base64)).toThrow(`image.mimeType: got ${sniffImageFormat(base64Prefix(base64, 12)).name} bytes declared as ${declared}`);
      }
    }
  });

  it.each([
    ['an SVG', SVG, 'text (SVG, XML or HTML)'],
    ['an SVG with an XML declaration and a BOM', `\uFEFF<?xml version="1.0"?>${SVG}`, 'text (SVG, XML or HTML)'],
    ['HTML', '<!doctype html><script>alert(1)</script>', 'text (SVG, XML or HTML)'],
    ['a GIF', 'GIF89a\x01\x00\x01\x00', 'GIF'],
    ['plain bytes', 'not an image at all', 'unknown'],
  ])('refuses %s declared as image/png, naming it', (_label, content, name) => {
    expect(openImage('image/png', b64(content))).toThrow(`image.mimeType: got ${name} bytes declared as image/png, expected image/png bytes`);
  });

  it('checks images nested in requests too (generate init image, segment image, cut-out mask)', () => {
    const svg = { image: { mimeType: 'image/png', base64: b64(SVG) } };
    expect(() => parseApiCall('generate', { modelId: 'sd', prompt: 'x', steps: 4, guidance: 7, seed: 1, width: 64, height: 64, initImage: svg, strength: 0.5 })).toThrow('initImage.image.mimeType: got text');
    expect(() => parseApiCall('segment', { modelId: 'sam', image: svg, points: [{ x: 1, y: 1, label: 1 }] })).toThrow('image.image.mimeType: got text');
    expect(() => parseApiCall('renderCutout', { image: { imageId: 'img-a' }, mask: svg })).toThrow('mask.image.mimeType: got text');
  });

  it('reads the leading bytes of base64 exactly', () => {
    const bytes = Uint8Array.from({ length: 40 }, (_, i) => (i * 37 + 11) & 0xff);
    expect([...base64Prefix(b64(bytes), 12)]).toEqual([...bytes.subarray(0, 12)]);
    expect([...base64Prefix(b64(bytes.subarray(0, 5)), 12)]).toEqual([...bytes.subarray(0, 5)]);
  });
});
