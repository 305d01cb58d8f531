// Writes masks for annotation tools, atomically: one COCO instance JSON for all images, and a YOLO-seg folder
// (one `<image stem>.txt` per image plus `classes.txt`, one name per line, line number = class index).
import fs from 'node:fs/promises';
import path from 'node:path';
import { classNames, cocoInstances, yoloSegLabels, type AnnotatedImage } from '../../core/mask/annotation-formats.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';

export interface AnnotationTargets {
  cocoPath?: string;
  yoloDir?: string;
  /** COCO segmentation encoding; polygons by default. */
  cocoSegmentation?: 'polygons' | 'rle';
  overwrite?: boolean;
}

export async function writeAnnotationFiles(images: readonly AnnotatedImage[], targets: AnnotationTargets): Promise<void> {
  const overwrite = targets.overwrite ?? false;
  if (targets.cocoPath) {
    const json = JSON.stringify(cocoInstances(images, { segmentation: targets.cocoSegmentation }));
    await fs.mkdir(path.dirname(targets.cocoPath), { recursive: true });
    await writeFileAtomic(targets.cocoPath, Buffer.from(json + '\n'), { overwrite });
  }
  if (targets.yoloDir) {
    const names = classNames(images);
    await fs.mkdir(targets.yoloDir, { recursive: true });
    for (const image of images) {
      const stem = path.basename(image.fileName, path.extname(image.fileName));
      await writeFileAtomic(path.join(targets.yoloDir, `${stem}.txt`), Buffer.from(yoloSegLabels(image, names)), { overwrite });
    }
    await writeFileAtomic(path.join(targets.yoloDir, 'classes.txt'), Buffer.from(names.map((n) => n + '\n').join('')), { overwrite });
  }
}
