// `tessera batch cutout|generate|img2img`: a resumable folder batch with a progress bar (JSON lines when
// not on a terminal), Ctrl-C stopping after the current item, and a summary pointing at the manifest.
import { BatchRunner, type BatchSummary, type ManifestEntry } from '../../native-models/batch/index.ts';
import { TesseraError, type ErrorCode } from '../../native-models/index.ts';
import { BATCH_USAGE, parseBatchArgs } from '../batch/batch-job-options.ts';
import { createProgressReporter, type ProgressReporter } from '../progress-reporter.ts';

function reportItem(reporter: ProgressReporter, json: boolean, entry: ManifestEntry): void {
  if (entry.status === 'failed') reporter.event('item', { ...entry }, `failed ${entry.input}: ${entry.error}`);
  else if (entry.status === 'skipped') reporter.event('item', { ...entry }, `skipped ${entry.input} (${entry.error})`);
  else if (json) reporter.event('item', { ...entry }, '');
}

function summaryText(kind: string, s: BatchSummary): string {
  const seconds = (s.elapsedMs / 1000).toFixed(1);
  const parts = [`${s.done} done`, `${s.alreadyDone} already done`, `${s.failed} failed`, `${s.skipped} skipped (not images)`];
  const left = s.total - s.finished;
  let text = `batch ${kind}: ${parts.join(', ')} of ${s.total} in ${seconds}s (${s.itemsPerS.toFixed(2)} items/s)`;
  if (s.outcome === 'cancelled') text += `; stopped by Ctrl-C with ${left} left: run the same command again to resume`;
  if (s.failed > 0 || s.skipped > 0) text += `\nfailed and skipped inputs are listed in ${s.manifestPath} (lines with "status":"failed" / "skipped")`;
  return text;
}

export async function run(args: string[]): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h' || args.includes('--help')) {
    process.stdout.write(`${BATCH_USAGE}\n`);
    return 0;
  }
  const parsed = parseBatchArgs(args);
  const reporter = createProgressReporter(parsed.json);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130); // second Ctrl-C: quit now (the manifest keeps the run resumable)
    controller.abort();
    reporter.event('stopping', {}, 'stopping after the current item (Ctrl-C again to quit at once; re-run to resume)');
  };
  process.on('SIGINT', onSigint);
  const opened = await parsed.open();
  let summary: BatchSummary;
  try {
    const runner = new BatchRunner({
      outputDir: parsed.out,
      inputDir: parsed.inputDir,
      overwrite: parsed.overwrite,
      allowOutputInsideInput: parsed.allowOutputInsideInput,
      concurrency: parsed.concurrency,
      signal: controller.signal,
      onItem: (entry) => reportItem(reporter, parsed.json, entry),
      onProgress: (p) => reporter.update(p.finished, p.total, 'images', { succeeded: p.done, alreadyDone: p.alreadyDone, failed: p.failed, perS: p.itemsPerS, etaS: p.etaS, current: p.current }),
    });
    summary = await opened.run(runner);
  } finally {
    process.off('SIGINT', onSigint);
    reporter.finish();
    await opened.release();
  }
  const { failedInputs, ...rest } = summary;
  const text = summaryText(parsed.kind, summary);
  reporter.event('summary', { ...rest, failedInputs: failedInputs.slice(0, 100), message: text }, text);
  if (summary.outcome === 'stopped' && summary.error) {
    throw new TesseraError(
      summary.error.code as ErrorCode,
      `${summary.error.message}; the batch stopped with ${summary.finished} of ${summary.total} settled, the manifest ${summary.manifestPath} is intact: fix the output folder and run the same command again to resume`,
    );
  }
  if (summary.outcome === 'cancelled') return 130;
  return summary.failed > 0 ? 1 : 0;
}
