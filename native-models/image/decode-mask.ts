// Decodes a mask image (grey, RGB or RGBA) into one 0/255 channel, checking its size against the image
// it belongs to.
//
// Which channel counts: the luminance (ITU-R 601, as PIL's convert("L")), EXCEPT when every pixel has the
// same RGB colour and the image has alpha, i.e. a mask painted as transparency, where the alpha counts.
// Values >= 128 become 255 (white = selected, diffusers' inpainting rule "≥ 0.5 after /255"), others 0.

import { TesseraError } from '../api/errors.ts';
import { decodeImage } from './decode-image.ts';
import type { DecodeImageOptions } from './decode-image.ts';
import type { GrayImage, ImageSize, RgbImage } from './rgb-image.ts';

export async function decodeMask(
  source: string | Uint8Array,
  expectedSize?: ImageSize,
  options: DecodeImageOptions = {},
): Promise<GrayImage> {
  const image = await decodeImage(source, options);
  const name = typeof source === 'string' ? source : (options.name ?? 'mask data');
  if (expectedSize && (image.width !== expectedSize.width || image.height !== expectedSize.height)) {
    throw new TesseraError(
      'INVALID_ARGUMENT',
      `mask ${name}: got ${image.width}x${image.height}, expected ${expectedSize.width}x${expectedSize.height} (the image size)`,
      { file: name, width: image.width, height: image.height },
    );
  }
  return binariseMaskImage(image);
}

/** The 0/255 mask of decoded pixels, by the rule in the file header. */
export function binariseMaskImage(image: RgbImage): GrayImage {
  const { width, height, channels, data } = image;
  const n = width * height;
  const out = new Uint8Array(n);
  if (channels === 4 && rgbIsConstant(image)) {
    for (let i = 0; i < n; i++) out[i] = data[i * 4 + 3] >= 128 ? 255 : 0;
    return { width, height, data: out };
  }
  for (let i = 0; i < n; i++) {
    const p = i * channels;
    // PIL's fixed-point L = R·299/1000 + G·587/1000 + B·114/1000, rounded.
    const luma = (data[p] * 19595 + data[p + 1] * 38470 + data[p + 2] * 7471 + 0x8000) >> 16;
    out[i] = luma >= 128 ? 255 : 0;
  }
  return { width, height, data: out };
}

function rgbIsConstant(image: RgbImage): boolean {
  const { data, channels } = image;
  for (let p = channels; p < data.length; p += channels) {
    if (data[p] !== data[0] || data[p + 1] !== data[1] || data[p + 2] !== data[2]) return false;
  }
  return true;
}
