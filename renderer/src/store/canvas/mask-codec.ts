// Mask PNG ↔ BinaryMask in the browser (createImageBitmap + OffscreenCanvas). The slice takes a MaskCodec so
// unit tests in Node substitute their own; only this file touches the DOM's image decoders.
import type { EncodedImage } from '../../../../native-models/api/index.ts';
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import { bytesToBase64, encodedToBlob } from './encoded-bytes.ts';

export interface MaskCodec {
  /** A mask PNG (grey or RGB(A), white = inside, the host's rule: value ≥ 128) → 0/1 mask. */
  decode(image: EncodedImage): Promise<BinaryMask>;
  /** 0/1 mask → PNG, white = inside (what generate's `mask` and renderCutout expect). */
  encode(mask: BinaryMask): Promise<EncodedImage>;
}

// The few DOM image APIs used, typed here: the store's modules are also type-checked by the Node profile
// (the unit tests import them), which has no DOM library.
interface Pixels {
  readonly data: Uint8ClampedArray;
}
interface Context2d {
  drawImage(image: unknown, x: number, y: number): void;
  getImageData(x: number, y: number, width: number, height: number): Pixels;
  createImageData(width: number, height: number): Pixels;
  putImageData(pixels: Pixels, x: number, y: number): void;
}
interface Bitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}
interface Dom {
  createImageBitmap(blob: Blob, options: { colorSpaceConversion: 'none'; premultiplyAlpha: 'none' }): Promise<Bitmap>;
  OffscreenCanvas: new (width: number, height: number) => { getContext(kind: '2d'): Context2d | null; convertToBlob(options: { type: string }): Promise<Blob> };
}
const dom = globalThis as unknown as Dom;

export const browserMaskCodec: MaskCodec = {
  async decode(image) {
    // No colour management or premultiplication: mask values must come back exactly 0 or 255.
    const bitmap = await dom.createImageBitmap(encodedToBlob(image), { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const { width, height } = bitmap;
    const context = new dom.OffscreenCanvas(width, height).getContext('2d')!;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    const rgba = context.getImageData(0, 0, width, height).data;
    const data = new Uint8Array(width * height);
    for (let i = 0; i < data.length; i++) data[i] = rgba[i * 4]! >= 128 ? 1 : 0;
    return { width, height, data };
  },
  async encode(mask) {
    const canvas = new dom.OffscreenCanvas(mask.width, mask.height);
    const context = canvas.getContext('2d')!;
    const pixels = context.createImageData(mask.width, mask.height);
    for (let i = 0; i < mask.data.length; i++) {
      const v = mask.data[i] ? 255 : 0;
      pixels.data[i * 4] = v;
      pixels.data[i * 4 + 1] = v;
      pixels.data[i * 4 + 2] = v;
      pixels.data[i * 4 + 3] = 255;
    }
    context.putImageData(pixels, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/png' });
    return { mimeType: 'image/png', base64: bytesToBase64(new Uint8Array(await blob.arrayBuffer())) };
  },
};
