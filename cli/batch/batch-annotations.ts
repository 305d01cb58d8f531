// After a cut-out batch, local or on workers: COCO / YOLO-seg from every mask the folder's manifest lists (earlier
// runs' too), remade whole after each run, and the event saying what was written.
import { writeCutoutAnnotations } from '../../native-models/batch/index.ts';
import type { ProgressReporter } from '../progress-reporter.ts';
import type { BatchAnnotations } from './batch-job-options.ts';

export async function writeBatchAnnotations(reporter: ProgressReporter, outputDir: string, annotations: BatchAnnotations): Promise<void> {
  const count = await writeCutoutAnnotations(outputDir, annotations, annotations.label);
  const wrote = [annotations.cocoPath, annotations.yoloDir].filter(Boolean).join(' and ');
  reporter.event('annotations', { count, cocoPath: annotations.cocoPath, yoloDir: annotations.yoloDir }, `wrote ${count} images' masks to ${wrote}`);
}
