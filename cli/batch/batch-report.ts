// How a batch reports on the command line, local or distributed: one line per failed/skipped item (every item
// in JSON mode), the summary, and the exit status (0 all done, 1 some failed, 130 stopped by Ctrl-C).
import { writeCutoutAnnotations, type BatchProgress, type BatchSummary, type ManifestEntry } from '../../native-models/batch/index.ts';
import type { BatchAnnotations } from './batch-job-options.ts';
import { TesseraError, type ErrorCode } from '../../native-models/index.ts';
import type { ProgressReporter } from '../progress-reporter.ts';

export function reportItem(reporter: ProgressReporter, json: boolean, entry: ManifestEntry): void {
  if (entry.status === 'failed') reporter.event('item', { ...entry }, `failed ${entry.input}: ${entry.error}`);
  else if (entry.status === 'skipped') reporter.event('item', { ...entry }, `skipped ${entry.input} (${entry.error})`);
  else if (entry.kept) {
    const message = `changed ${entry.input}: its earlier outputs (${entry.kept.join(', ')}) are kept, the new ones written beside them (${entry.outputs.join(', ')})`;
    reporter.event('item', { ...entry, message }, message);
  }
  else if (json) reporter.event('item', { ...entry }, '');
}

export function reportProgress(reporter: ProgressReporter, p: BatchProgress): void {
  reporter.update(p.finished, p.total, 'images', { succeeded: p.done, alreadyDone: p.alreadyDone, failed: p.failed, perS: p.itemsPerS, etaS: p.etaS, current: p.current });
}

/** COCO / YOLO-seg from every mask the folder holds (earlier runs' too), remade whole after each run, local or distributed. */
export async function writeAndReportAnnotations(reporter: ProgressReporter, outputDir: string, annotations: BatchAnnotations): Promise<void> {
  const count = await writeCutoutAnnotations(outputDir, annotations, annotations.label);
  const wrote = [annotations.cocoPath, annotations.yoloDir].filter(Boolean).join(' and ');
  reporter.event('annotations', { count, cocoPath: annotations.cocoPath, yoloDir: annotations.yoloDir }, `wrote ${count} images' masks to ${wrote}`);
}

/** `resumeHint`: what to run to go on after Ctrl-C (default: the same command). */
export function summaryText(kind: string, s: BatchSummary, resumeHint = 'run the same command again to resume'): string {
  const seconds = (s.elapsedMs / 1000).toFixed(1);
  const parts = [`${s.done} done`, `${s.alreadyDone} already done`, `${s.failed} failed`, `${s.skipped} skipped (not images)`];
  const left = s.total - s.finished;
  let text = `batch ${kind}: ${parts.join(', ')} of ${s.total} in ${seconds}s (${s.itemsPerS.toFixed(2)} items/s)`;
  if (s.outcome === 'cancelled') text += `; stopped by Ctrl-C with ${left} left: ${resumeHint}`;
  if (s.changedInputs.length > 0) text += `\n${s.changedInputs.length} input(s) changed since their earlier outputs: those are kept, the new ones written beside them (manifest lines with "kept"; --overwrite replaces instead)`;
  if (s.failed > 0 || s.skipped > 0) text += `\nfailed and skipped inputs are listed in ${s.manifestPath} (lines with "status":"failed" / "skipped")`;
  return text;
}

/** Prints the summary event and returns the exit status; a batch stopped by its output folder throws. */
export function reportSummary(reporter: ProgressReporter, kind: string, summary: BatchSummary, resumeHint?: string): number {
  const { failedInputs, changedInputs, ...rest } = summary;
  const text = summaryText(kind, summary, resumeHint);
  reporter.event('summary', { ...rest, failedInputs: failedInputs.slice(0, 100), changedInputs: changedInputs.slice(0, 100), message: text }, text);
  if (summary.outcome === 'stopped' && summary.error) {
    throw new TesseraError(
      summary.error.code as ErrorCode,
      `${summary.error.message}; the batch stopped with ${summary.finished} of ${summary.total} settled, the manifest ${summary.manifestPath} is intact: fix the output folder and run the same command again to resume`,
    );
  }
  if (summary.outcome === 'cancelled') return 130;
  return summary.failed > 0 ? 1 : 0;
}
