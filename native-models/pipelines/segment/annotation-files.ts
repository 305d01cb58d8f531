// Writes masks for annotation tools, atomically: one COCO instance JSON for all images, and a YOLO-seg folder
// (one `<image stem>.txt` per image (mirroring the images' relative folders) plus `classes.txt`, one name per line, line number = class index).
import fs from 'node:fs/promises';
import path from 'node:path';
import { classNames, cocoInstances, yoloSegLabels, type AnnotatedImage } from '../../core/mask/annotation-formats.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';
import { TesseraError } from '../../api/errors.ts';

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
    // Ultralytics finds an image's labels by its path with the extension replaced by .txt: x.jpg and x.png in
    // one folder would share a file, so that is refused before anything is written.
    const labelFiles = images.map((image) => path.join(path.dirname(image.fileName), `${path.basename(image.fileName, path.extname(image.fileName))}.txt`));
    const clash = labelFiles.findIndex((f, i) => labelFiles.indexOf(f) !== i);
    if (clash >= 0) {
      const first = images[labelFiles.indexOf(labelFiles[clash]!)]!.fileName;
      throw new TesseraError('INVALID_ARGUMENT', `YOLO labels: ${first} and ${images[clash]!.fileName} would share ${labelFiles[clash]}, expected image names that differ without their extension`);
    }
    for (const [i, image] of images.entries()) {
      const file = path.join(targets.yoloDir, labelFiles[i]!);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await writeFileAtomic(file, Buffer.from(yoloSegLabels(image, names)), { overwrite });
    }
    await writeFileAtomic(path.join(targets.yoloDir, 'classes.txt'), Buffer.from(names.map((n) => n + '\n').join('')), { overwrite });
  }
}
