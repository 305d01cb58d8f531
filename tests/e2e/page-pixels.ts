// Pixel checks in the page: the mean colour of a shown <img> over a rectangle (read through a canvas), and a
// per-channel tolerance assertion. Shared by the Generate and Canvas browser tests.
import type { Page } from '@playwright/test';
import { expect } from './serve-fixture.ts';

// The root tsconfig has no DOM lib (it checks Node code): the few browser shapes used in page callbacks.
export interface PageImage {
  naturalWidth: number;
  naturalHeight: number;
}
export interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): { drawImage(image: PageImage, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
}

/**
 * Mean RGB of the image named `alt` over a rectangle given as fractions of its natural size. A mean, not one
 * pixel: the demo output keeps some per-latent-pixel (8×8 block) noise at few steps.
 */
export async function meanColour(page: Page, alt: string, [fx0, fy0, fx1, fy1]: [number, number, number, number]): Promise<number[]> {
  return page.getByRole('img', { name: alt, exact: true }).evaluate(
    (node, box) => {
      const img = node as unknown as PageImage;
      const doc = (globalThis as unknown as { document: { createElement(tag: 'canvas'): PageCanvas } }).document;
      const canvas = doc.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const [x0, y0, x1, y1] = [box[0]! * img.naturalWidth, box[1]! * img.naturalHeight, box[2]! * img.naturalWidth, box[3]! * img.naturalHeight].map(Math.round) as [number, number, number, number];
      const data = ctx.getImageData(x0, y0, x1 - x0, y1 - y0).data;
      const sum = [0, 0, 0];
      for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
      return sum.map((v) => Math.round(v / (data.length / 4)));
    },
    [fx0, fy0, fx1, fy1],
  );
}

export function expectNear(actual: number[], expected: number[], tolerance: number) {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!), `channel ${i}: got ${actual.join(',')}, expected ≈ ${expected.join(',')}`).toBeLessThanOrEqual(tolerance));
}
