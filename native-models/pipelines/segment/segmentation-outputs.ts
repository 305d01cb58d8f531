// What a segmentation produces on disk: a binary mask PNG, an RGBA cut-out PNG, and JSON (COCO RLE + polygons).
import type { BinaryMask } from '../../core/mask/binary-mask.ts';
import { maskArea, maskBoundingBox } from '../../core/mask/binary-mask.ts';
import { encodeCompressedRle } from '../../core/mask/coco-rle.ts';
import { maskToPolygons } from '../../core/mask/mask-polygons.ts';
import { composeCutout } from '../../image/cutout.ts';
import { encodeMaskPng, encodePng } from '../../image/encode-png.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';

export interface SegmentationOutputs {
  /** Binary mask PNG at the image size (0 / 255). */
  maskPath?: string;
  /** RGBA PNG with alpha from the mask. */
  cutoutPath?: string;
  crop?: boolean;
  featherPx?: number;
  overwrite?: boolean;
}

/** The mask for labelling tools: COCO compressed RLE (as pycocotools writes it) and polygons [x0, y0, x1, y1, …]. */
export function maskJson(mask: BinaryMask, score?: number) {
  const box = maskBoundingBox(mask);
  return {
    width: mask.width,
    height: mask.height,
    ...(score === undefined ? {} : { score }),
    area: maskArea(mask),
    bbox: box ? [box.x, box.y, box.width, box.height] : null,
    rle: encodeCompressedRle(mask),
    polygons: maskToPolygons(mask, { tolerance: 1 }),
  };
}

export async function writeSegmentationOutputs(image: RgbImage, mask: BinaryMask, outputs: SegmentationOutputs): Promise<void> {
  const overwrite = outputs.overwrite ?? false;
  if (outputs.maskPath) await writeFileAtomic(outputs.maskPath, await encodeMaskPng(mask), { overwrite });
  if (outputs.cutoutPath) {
    const cutout = composeCutout(image, mask, { crop: outputs.crop ?? false, featherPx: outputs.featherPx ?? 0 });
    await writeFileAtomic(outputs.cutoutPath, await encodePng(cutout.image), { overwrite });
  }
}
