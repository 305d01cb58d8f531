// COCO instance JSON and YOLO-seg labels from masks, checked against the documented formats: COCO's
// (cocodataset.org/#format-data: images / annotations / categories, bbox [x, y, w, h], RLE iscrowd 1 or polygons
// iscrowd 0) and Ultralytics' segment labels ("class x1 y1 … xn yn", normalised 0–1, one object per line).
import { describe, expect, it } from 'vitest';
import { classNames, cocoInstances, yoloSegLabels, type AnnotatedImage } from '../../../../native-models/core/mask/annotation-formats.ts';
import { decodeRle } from '../../../../native-models/core/mask/coco-rle.ts';
import { polygonsToMask } from '../../../../native-models/core/mask/mask-polygons.ts';
import { maskIou } from '../../../../native-models/core/mask/mask-scores.ts';
import type { BinaryMask } from '../../../../native-models/core/mask/binary-mask.ts';
import type { CocoCompressedRle } from '../../../../native-models/core/mask/coco-rle.ts';
import { expectCocoSchema } from '../../../fixtures/coco-schema.ts';

function rectMask(width: number, height: number, x0: number, y0: number, x1: number, y1: number): BinaryMask {
  const data = new Uint8Array(width * height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) data[y * width + x] = 1;
  return { width, height, data };
}

/** Two images; "cup" appears first, so it is category 1 / class 0. */
const images: AnnotatedImage[] = [
  { fileName: 'a.png', width: 40, height: 30, objects: [{ name: 'cup', mask: rectMask(40, 30, 5, 5, 15, 20), score: 0.9 }, { name: 'plate', mask: rectMask(40, 30, 20, 10, 38, 28) }] },
  { fileName: 'b.jpg', width: 20, height: 20, objects: [{ name: 'plate', mask: rectMask(20, 20, 2, 2, 10, 10) }, { name: 'cup', mask: rectMask(20, 20, 0, 0, 0, 0) }] },
];

describe('cocoInstances', () => {
  it('RLE: schema, categories from object names, area and bbox agreeing with the RLE; empty masks skipped', () => {
    const coco = cocoInstances(images, { segmentation: 'rle' });
    expectCocoSchema(JSON.parse(JSON.stringify(coco)));
    expect(coco.categories.map((c) => [c.id, c.name])).toEqual([[1, 'cup'], [2, 'plate']]);
    expect(coco.annotations.map((a) => [a.image_id, a.category_id])).toEqual([[1, 1], [1, 2], [2, 2]]);
    for (const a of coco.annotations) {
      const mask = decodeRle(a.segmentation as CocoCompressedRle);
      expect(a.area).toBe(mask.data.reduce((s, v) => s + v, 0));
    }
    expect(coco.annotations[0]).toMatchObject({ bbox: [5, 5, 10, 15], area: 150, iscrowd: 1, score: 0.9 });
  });

  it('polygons (default): iscrowd 0, rings that rasterise back to the mask', () => {
    const coco = cocoInstances(images);
    expectCocoSchema(JSON.parse(JSON.stringify(coco)));
    const a = coco.annotations[1]!;
    expect(a.iscrowd).toBe(0);
    expect(maskIou(polygonsToMask(a.segmentation as number[][], 40, 30), images[0]!.objects[1]!.mask)).toBe(1);
  });
});

describe('yoloSegLabels', () => {
  it('one line per object: class index, then x y pairs normalised by the image size', () => {
    const names = classNames(images);
    const lines = yoloSegLabels(images[0]!, names).trim().split('\n');
    expect(lines).toHaveLength(2);
    const parsed = lines.map((l) => l.split(' ').map(Number));
    expect(parsed.map((p) => p[0])).toEqual([0, 1]);
    for (const p of parsed) {
      const coords = p.slice(1);
      expect(coords.length % 2 === 0 && coords.length >= 6).toBe(true);
      expect(coords.every((v) => v >= 0 && v <= 1)).toBe(true);
    }
    // back to pixels, the plate's ring is its rectangle
    const ring = parsed[1]!.slice(1).map((v, i) => v * (i % 2 === 0 ? 40 : 30));
    expect(maskIou(polygonsToMask([ring], 40, 30), images[0]!.objects[1]!.mask)).toBeGreaterThan(0.99);
    expect(yoloSegLabels(images[1]!, names).trim().split('\n')).toHaveLength(1); // the empty cup gives no line
  });
});
