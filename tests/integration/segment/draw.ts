// Drawn test images for segmentation: shapes of known colour on a background, as RGB HWC, plus IoU.
import type { RgbImage } from '../../../native-models/image/rgb-image.ts';
import type { BinaryMask } from '../../../native-models/core/mask/binary-mask.ts';

export type Rgb = [number, number, number];
export interface Shape {
  kind: 'disc' | 'rect';
  /** centre x, y and radius (disc) or x0, y0, x1, y1 (rect), in pixels */
  cx?: number;
  cy?: number;
  r?: number;
  x0?: number;
  y0?: number;
  x1?: number;
  y1?: number;
  colour: Rgb;
}

export function inside(shape: Shape, x: number, y: number): boolean {
  if (shape.kind === 'disc') return (x + 0.5 - shape.cx!) ** 2 + (y + 0.5 - shape.cy!) ** 2 <= shape.r! ** 2;
  return x >= shape.x0! && x < shape.x1! && y >= shape.y0! && y < shape.y1!;
}

export function drawImage(width: number, height: number, background: Rgb, shapes: Shape[]): RgbImage {
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const shape = [...shapes].reverse().find((s) => inside(s, x, y));
      data.set(shape ? shape.colour : background, (y * width + x) * 3);
    }
  }
  return { width, height, channels: 3, data };
}

export function shapeMask(width: number, height: number, shape: Shape): BinaryMask {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = inside(shape, x, y) ? 1 : 0;
  return { width, height, data };
}

export function iou(a: BinaryMask, b: BinaryMask): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.data.length; i++) {
    if (a.data[i] && b.data[i]) both += 1;
    if (a.data[i] || b.data[i]) either += 1;
  }
  return either === 0 ? 1 : both / either;
}
