// After a cut-out batch: the masks it has written (every done item of the manifest, this run's and earlier
// runs') as one COCO instance JSON for the folder and YOLO-seg labels, so a resumed run rewrites them whole, the
// same bytes as an uninterrupted run. Made from the output files alone, so a distributed batch's recorder writes
// them as a local batch does: an item's mask PNG (one object), or its regions file (prompt mode everything: every
// region found, best score first).
import { join } from 'node:path';
import { maskFromGray } from '../core/mask/binary-mask.ts';
import type { AnnotatedImage } from '../core/mask/annotation-formats.ts';
import { decodeMask } from '../image/decode-mask.ts';
import { writeAnnotationFiles, type AnnotationTargets } from '../pipelines/segment/annotation-files.ts';
import { MANIFEST_FILE_NAME } from './manifest-entry.ts';
import { OUTPUT_SUFFIXES } from './output-naming.ts';
import { readRegionsFile } from './processors/regions-file.ts';
import { readManifest } from './manifest-reader.ts';

/** Returns how many images went into the files; items written with --no-mask have no mask to read. */
export async function writeCutoutAnnotations(outputDir: string, targets: AnnotationTargets, label = 'object'): Promise<number> {
  const state = await readManifest(join(outputDir, MANIFEST_FILE_NAME), 'cutout');
  const done = [...state.latest.values()].filter((e) => e.status === 'done').sort((a, b) => a.input.localeCompare(b.input));
  const images: AnnotatedImage[] = [];
  for (const entry of done) {
    const regionsFile = entry.outputs.find((o) => o.endsWith(OUTPUT_SUFFIXES.regions));
    if (regionsFile) {
      images.push({ fileName: entry.input, ...(await readRegionsFile(join(outputDir, regionsFile), label)) });
      continue;
    }
    const maskFile = entry.outputs.find((o) => o.endsWith('.mask.png'));
    if (!maskFile) continue;
    const gray = await decodeMask(join(outputDir, maskFile));
    images.push({ fileName: entry.input, width: gray.width, height: gray.height, objects: [{ name: label, mask: maskFromGray(gray.width, gray.height, gray.data) }] });
  }
  await writeAnnotationFiles(images, { ...targets, overwrite: true });
  return images.length;
}
