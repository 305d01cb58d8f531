// The regions file of one image in prompt mode `everything` (`x.regions.json`): every mask segment-everything found,
// best score first, each as compressed COCO RLE with its score, area and bbox. It is the item's whole output, so the
// folder's COCO / YOLO files can be remade from the outputs alone after any run (cutout-annotations.ts), and a
// worker of a distributed batch writes the same bytes as a local batch does for the same image.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { TesseraError } from '../../api/errors.ts';
import type { AnnotatedObject } from '../../core/mask/annotation-formats.ts';
import { maskArea, maskBoundingBox } from '../../core/mask/binary-mask.ts';
import { decodeRle, encodeCompressedRle } from '../../core/mask/coco-rle.ts';
import type { ScoredMask } from './segmenter-port.ts';

const RegionsFileSchema = z.strictObject({
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  regions: z.array(
    z.strictObject({
      score: z.number(),
      area: z.number().int().positive(),
      /** [x, y, width, height] of the mask's pixels. */
      bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      /** Compressed COCO RLE, size [height, width] (column-major, as pycocotools). */
      rle: z.strictObject({ size: z.tuple([z.number().int(), z.number().int()]), counts: z.string() }),
    }),
  ),
});

/** The file's bytes; empty masks are left out (they are no region). */
export function encodeRegionsFile(width: number, height: number, masks: readonly ScoredMask[]): Uint8Array {
  const regions = masks.flatMap(({ mask, score }) => {
    const box = maskBoundingBox(mask);
    return box ? [{ score, area: maskArea(mask), bbox: [box.x, box.y, box.width, box.height], rle: encodeCompressedRle(mask) }] : [];
  });
  return Buffer.from(JSON.stringify({ width, height, regions }) + '\n');
}

/** Reads a regions file back as annotation objects named `label`, in the file's order. */
export async function readRegionsFile(path: string, label: string): Promise<{ width: number; height: number; objects: AnnotatedObject[] }> {
  let parsed: z.infer<typeof RegionsFileSchema>;
  try {
    parsed = RegionsFileSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  } catch (error) {
    throw new TesseraError('INVALID_ARGUMENT', `regions file ${path}: got ${error instanceof Error ? error.message : String(error)}, expected a regions file written by tessera batch cutout --prompt everything`);
  }
  return { width: parsed.width, height: parsed.height, objects: parsed.regions.map((r) => ({ name: label, mask: decodeRle(r.rle), score: r.score })) };
}
