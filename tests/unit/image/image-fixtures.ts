// Test helper: small images drawn with sharp, and hand-crafted damaged files.

import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import encodeChunks from 'png-chunks-encode';

/** A width × height RGB PNG, left half red, right half blue. */
export async function twoColourPng(width: number, height: number): Promise<Buffer> {
  return sharp(twoColourPixels(width, height), { raw: { width, height, channels: 3 } }).png().toBuffer();
}

export function twoColourPixels(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = (y * width + x) * 3;
      if (x < width / 2) data[p] = 255;
      else data[p + 2] = 255;
    }
  }
  return data;
}

/**
 * A PNG whose IHDR declares width × height (8-bit RGB) with a token IDAT: valid chunks and CRCs,
 * so only the declared size is wrong.
 */
export function pngDeclaringSize(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type RGB
  return encodeChunks([
    { name: 'IHDR', data: ihdr },
    { name: 'IDAT', data: new Uint8Array(deflateSync(Buffer.alloc(64))) },
    { name: 'IEND', data: new Uint8Array(0) },
  ]);
}
