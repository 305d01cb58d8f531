// `tessera batch cutout|generate|img2img`: a resumable folder batch with a progress bar (JSON lines when
// not on a terminal), Ctrl-C stopping after the current item, and a summary pointing at the manifest.
// With --redis it runs on workers instead (cli/batch/distributed-batch.ts); `batch status|wait ID` follow one.
import { BatchRunner, checkBatchResumable, checkFolderFree, type BatchSummary } from '../../native-models/batch/index.ts';
import { resolveModelArg } from '../../native-models/index.ts';
import { BATCH_USAGE, parseBatchArgs, withDefaultCutoutModel, withResolvedModel } from '../batch/batch-job-options.ts';
import { reportItem, reportProgress, reportSummary, writeAndReportAnnotations } from '../batch/batch-report.ts';
import { DISTRIBUTED_BATCH_USAGE, isDistributedBatch } from '../batch/distributed-usage.ts';
import { createProgressReporter } from '../progress-reporter.ts';

export async function run(args: string[]): Promise<number> {
  if (args[0] === '--help' || args[0] === '-h' || args.includes('--help')) {
    process.stdout.write(`${BATCH_USAGE}\n${DISTRIBUTED_BATCH_USAGE}\n`);
    return 0;
  }
  if (isDistributedBatch(args)) return (await import('../batch/distributed-batch.ts')).runDistributedBatch(args); // loads BullMQ only here
  // Names are resolved before parsing (the spec records folders); an unknown one fails after the usage checks,
  // listing the installed names.
  const parsed = parseBatchArgs(await withDefaultCutoutModel(await withResolvedModel(args)));
  await resolveModelArg(parsed.spec.model);
  const reporter = createProgressReporter(parsed.json);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130); // second Ctrl-C: quit now (the manifest keeps the run resumable)
    controller.abort();
    reporter.event('stopping', {}, 'stopping after the current item (Ctrl-C again to quit at once; re-run to resume)');
  };
  process.on('SIGINT', onSigint);
  // Refused before the model loads; the runner applies both rules again (its lock is what guarantees the first).
  await checkFolderFree(parsed.out);
  await checkBatchResumable(parsed.spec, parsed.overwrite);
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
      onProgress: (p) => reportProgress(reporter, p),
      onNotice: (message) => reporter.event('notice', { message }, message),
    });
    summary = await opened.run(runner);
    if (parsed.annotations) await writeAndReportAnnotations(reporter, parsed.out, parsed.annotations);
  } finally {
    process.off('SIGINT', onSigint);
    reporter.finish();
    await opened.release();
  }
  return reportSummary(reporter, parsed.kind, summary);
}
