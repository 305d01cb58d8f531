// Masks for annotation tools: one COCO instance JSON for all images, and a YOLO-seg folder (one `<image stem>.txt`
// per image, mirroring the images' relative folders, plus `classes.txt`, one name per line, line = class index).
// The contents are built once here; the CLI and batch write them atomically, the API hands them to the Studio.
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

export interface AnnotationFile {
  /** Relative to the YOLO folder (label files, classes.txt). */
  path: string;
  text: string;
}

export function cocoFileText(images: readonly AnnotatedImage[], segmentation: 'polygons' | 'rle' = 'polygons'): string {
  return JSON.stringify(cocoInstances(images, { segmentation })) + '\n';
}

/** The YOLO-seg folder's files; refuses two images whose label files would be the same. */
export function yoloFiles(images: readonly AnnotatedImage[]): AnnotationFile[] {
  const names = classNames(images);
  // Ultralytics finds an image's labels by its path with the extension replaced by .txt: x.jpg and x.png in
  // one folder would share a file, so that is refused before anything is written.
  const labelFiles = images.map((image) => path.join(path.dirname(image.fileName), `${path.basename(image.fileName, path.extname(image.fileName))}.txt`));
  const clash = labelFiles.findIndex((f, i) => labelFiles.indexOf(f) !== i);
  if (clash >= 0) {
    const first = images[labelFiles.indexOf(labelFiles[clash]!)]!.fileName;
    throw new TesseraError('INVALID_ARGUMENT', `YOLO labels: ${first} and ${images[clash]!.fileName} would share ${labelFiles[clash]}, expected image names that differ without their extension`);
  }
  return [...images.map((image, i) => ({ path: labelFiles[i]!, text: yoloSegLabels(image, names) })), { path: 'classes.txt', text: names.map((n) => n + '\n').join('') }];
}

export async function writeAnnotationFiles(images: readonly AnnotatedImage[], targets: AnnotationTargets): Promise<void> {
  const overwrite = targets.overwrite ?? false;
  if (targets.cocoPath) {
    await fs.mkdir(path.dirname(targets.cocoPath), { recursive: true });
    await writeFileAtomic(targets.cocoPath, Buffer.from(cocoFileText(images, targets.cocoSegmentation)), { overwrite });
  }
  if (targets.yoloDir) {
    for (const file of yoloFiles(images)) {
      const target = path.join(targets.yoloDir, file.path);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await writeFileAtomic(target, Buffer.from(file.text), { overwrite });
    }
  }
}
