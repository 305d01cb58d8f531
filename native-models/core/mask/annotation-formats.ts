// Masks as annotation-tool files: COCO instance JSON (cocodataset.org/#format-data, read by pycocotools) and
// YOLO-seg label lines (Ultralytics' segment dataset format). Pure: the caller writes the files.
import { TesseraError } from '../../api/errors.ts';
import { maskArea, maskBoundingBox, type BinaryMask } from './binary-mask.ts';
import { encodeCompressedRle, type CocoCompressedRle } from './coco-rle.ts';
import { isOuterRing, maskToPolygons } from './mask-polygons.ts';

export interface AnnotatedObject {
  /** Category (COCO) / class (YOLO) name. */
  name: string;
  mask: BinaryMask;
  score?: number;
}

export interface AnnotatedImage {
  /** As the dataset refers to the image (relative path or file name). */
  fileName: string;
  width: number;
  height: number;
  objects: AnnotatedObject[];
}

export interface CocoAnnotation {
  id: number;
  image_id: number;
  category_id: number;
  /** Polygons [[x0, y0, x1, y1, …], …] (iscrowd 0) or compressed RLE (iscrowd 1), as the format documents. */
  segmentation: number[][] | CocoCompressedRle;
  /** Foreground pixels of the mask (what pycocotools' maskUtils.area gives for its RLE), either encoding. */
  area: number;
  /** [x, y, width, height] of the mask's pixels. */
  bbox: [number, number, number, number];
  iscrowd: 0 | 1;
  score?: number;
}

export interface CocoInstances {
  images: { id: number; file_name: string; width: number; height: number }[];
  annotations: CocoAnnotation[];
  categories: { id: number; name: string; supercategory: string }[];
}

/** Class names in order of first appearance: COCO category id = index + 1, YOLO class = index. */
export function classNames(images: readonly AnnotatedImage[]): string[] {
  return [...new Set(images.flatMap((i) => i.objects.map((o) => o.name)))];
}

export function cocoInstances(images: readonly AnnotatedImage[], options: { segmentation?: 'polygons' | 'rle' } = {}): CocoInstances {
  const names = classNames(images);
  const rle = options.segmentation === 'rle';
  let nextId = 1;
  const annotations: CocoAnnotation[] = [];
  images.forEach((image, index) => {
    for (const o of image.objects) {
      if (o.mask.width !== image.width || o.mask.height !== image.height) {
        throw new TesseraError('INVALID_ARGUMENT', `${image.fileName}: mask "${o.name}" is ${o.mask.width}×${o.mask.height}, expected the image's ${image.width}×${image.height}`);
      }
      const box = maskBoundingBox(o.mask);
      if (!box) continue; // an empty mask is no instance
      annotations.push({
        id: nextId++,
        image_id: index + 1,
        category_id: names.indexOf(o.name) + 1,
        segmentation: rle ? encodeCompressedRle(o.mask) : maskToPolygons(o.mask, { tolerance: 1 }).filter((ring) => ring.length >= 6),
        area: maskArea(o.mask),
        bbox: [box.x, box.y, box.width, box.height],
        iscrowd: rle ? 1 : 0,
        ...(o.score === undefined ? {} : { score: o.score }),
      });
    }
  });
  return {
    images: images.map((i, index) => ({ id: index + 1, file_name: i.fileName, width: i.width, height: i.height })),
    annotations,
    categories: names.map((name, i) => ({ id: i + 1, name, supercategory: 'object' })),
  };
}

/**
 * YOLO-seg label text for one image: a line `class x1 y1 x2 y2 …` per outer ring (a mask in pieces gives one line
 * per piece; holes are not expressible), coordinates normalised to 0–1 by the image size, 6 decimals.
 */
export function yoloSegLabels(image: AnnotatedImage, names: readonly string[]): string {
  const lines: string[] = [];
  for (const o of image.objects) {
    const cls = names.indexOf(o.name);
    if (cls < 0) throw new TesseraError('INVALID_ARGUMENT', `${image.fileName}: class "${o.name}" is not in the class list (${names.join(', ')})`);
    for (const ring of maskToPolygons(o.mask, { tolerance: 1 })) {
      if (ring.length < 6 || !isOuterRing(ring)) continue;
      const coords = ring.map((v, i) => (v / (i % 2 === 0 ? image.width : image.height)).toFixed(6));
      lines.push(`${cls} ${coords.join(' ')}`);
    }
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}
