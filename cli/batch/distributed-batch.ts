// `tessera batch … --redis URL`: submits the batch as jobs for `tessera worker`s and follows it with the local
// batch's progress bar, manifest and exit status; `--detach` prints the batch id instead, and `batch status ID`
// and `batch wait ID` look at or follow it later. Ctrl-C stops following; the workers go on.
import {
  followDistributedBatch,
  getDistributedBatchStatus,
  isBatchId,
  modelNameOf,
  submitDistributedBatch,
  type RedisConnectionSettings,
} from '../../native-models/batch/distributed/index.ts';
import { parseBatchArgs, withDefaultCutoutModel, withResolvedModel, type BatchAnnotations } from './batch-job-options.ts';
import { writeBatchAnnotations } from './batch-annotations.ts';
import { dirname } from 'node:path';
import { writeReviewList } from '../../native-models/batch/index.ts';
import { reportItem, reportProgress, reportSummary } from './batch-report.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { parseOptions } from '../parse-options.ts';
import { createProgressReporter } from '../progress-reporter.ts';
import { CliUsageError } from '../usage-error.ts';
import { DISTRIBUTED_BATCH_USAGE, redisSettingsFromCli } from './distributed-usage.ts';

const DISTRIBUTED_FLAGS = { redis: { type: 'string' }, detach: { type: 'boolean' }, attempts: { type: 'string' }, 'backoff-ms': { type: 'string' } } as const;

/** Splits the distributed flags off, leaving a local batch's arguments. */
function splitFlags(args: string[]): { batchArgs: string[]; flags: string[] } {
  const batchArgs: string[] = [];
  const flags: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = args[i]!.replace(/^--/, '').split('=')[0]!;
    if (!args[i]!.startsWith('--') || !Object.hasOwn(DISTRIBUTED_FLAGS, name)) {
      batchArgs.push(args[i]!);
      continue;
    }
    flags.push(args[i]!);
    if (DISTRIBUTED_FLAGS[name as keyof typeof DISTRIBUTED_FLAGS].type === 'string' && !args[i]!.includes('=') && i + 1 < args.length) flags.push(args[++i]!);
  }
  return { batchArgs, flags };
}

function optionalNumber(name: string, raw: string | undefined): number | undefined {
  return raw === undefined ? undefined : parseNumberOption(name, raw, 0);
}

/** `annotations`: --coco / --yolo of the submitting command, written from the manifest this process recorded. */
async function follow(batchId: string, redis: RedisConnectionSettings, json: boolean, annotations?: BatchAnnotations): Promise<number> {
  const reporter = createProgressReporter(json);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
    reporter.event('stopping', { batchId }, `stopped following batch ${batchId}; its workers go on`);
  };
  process.on('SIGINT', onSigint);
  try {
    const summary = await followDistributedBatch(batchId, {
      redis,
      signal: controller.signal,
      onItem: (entry) => reportItem(reporter, json, entry),
      onProgress: (p) => reportProgress(reporter, p),
    });
    reporter.finish();
    // A subject batch's review queue, from the manifest this process recorded (a watcher leaves it to the recorder).
    if (summary.recorded && summary.kind === 'cutout') await writeReviewList(dirname(summary.manifestPath));
    // COCO / YOLO as a local batch writes them: from every mask the manifest lists, by the recording process only
    // (a watcher would race it for the same files).
    if (summary.recorded && summary.kind === 'cutout' && annotations) await writeBatchAnnotations(reporter, dirname(summary.manifestPath), annotations);
    if (annotations && !summary.recorded) reporter.event('warning', { batchId }, `--coco / --yolo not written: another process records batch ${batchId}; run the batch again to write them from its manifest`);
    if (!summary.recorded) reporter.event('warning', { batchId }, `another process records batch ${batchId} in ${summary.manifestPath}; this one only watched`);
    return reportSummary(reporter, summary.kind, summary, `the workers go on; follow again with: tessera batch wait ${batchId} --redis URL`);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

async function status(args: string[]): Promise<number> {
  const v = parseOptions(args.slice(2), { redis: DISTRIBUTED_FLAGS.redis, json: { type: 'boolean' } }, DISTRIBUTED_BATCH_USAGE);
  const s = await getDistributedBatchStatus(args[1]!, { redis: redisSettingsFromCli(v.redis, DISTRIBUTED_BATCH_USAGE) });
  const text = [
    `batch ${s.batchId} (${s.kind}, model ${s.model}): ${s.state}, ${s.finished} of ${s.total} settled: ${s.done} done, ${s.alreadyDone} already done, ${s.failed} failed; ${s.skipped} skipped (not images)`,
    `queue ${s.queue}: ${s.queueJobs.waiting} waiting, ${s.queueJobs.active} active, ${s.queueJobs.delayed} retrying later, ${s.queueJobs.failed} failed; ${s.workers} worker(s) listening`,
    `manifest: ${s.manifestPath}`,
  ].join('\n');
  process.stdout.write(v.json ? `${JSON.stringify({ type: 'status', ...s })}\n` : `${text}\n`);
  return 0;
}

export async function runDistributedBatch(args: string[]): Promise<number> {
  if ((args[0] === 'status' || args[0] === 'wait') && !isBatchId(args[1] ?? '')) {
    throw new CliUsageError(`batch ${args[0]}: got ${args[1] === undefined ? 'no batch id' : `"${args[1]}"`}, expected the id printed by --detach\n${DISTRIBUTED_BATCH_USAGE}`);
  }
  if (args[0] === 'status') return status(args);
  if (args[0] === 'wait') {
    const v = parseOptions(args.slice(2), { redis: DISTRIBUTED_FLAGS.redis, json: { type: 'boolean' } }, DISTRIBUTED_BATCH_USAGE);
    return follow(args[1]!, redisSettingsFromCli(v.redis, DISTRIBUTED_BATCH_USAGE), v.json ?? false);
  }
  const { batchArgs, flags } = splitFlags(args);
  const f = parseOptions(flags, DISTRIBUTED_FLAGS, DISTRIBUTED_BATCH_USAGE);
  const redis = redisSettingsFromCli(f.redis, DISTRIBUTED_BATCH_USAGE);
  const { spec, annotations } = parseBatchArgs(await withDefaultCutoutModel(await withResolvedModel(batchArgs))); // the local batch's options and checks, one spec for both
  // The files are made once the batch is settled, by the process following it: a detached submit never is.
  if (annotations && f.detach) throw new CliUsageError(`--coco / --yolo are written when the batch ends, by the process following it: they cannot go with --detach\n${DISTRIBUTED_BATCH_USAGE}`);
  const json = batchArgs.includes('--json');
  const submitted = await submitDistributedBatch({
    redis,
    spec,
    overwrite: batchArgs.includes('--overwrite'),
    attempts: optionalNumber('attempts', f.attempts),
    backoffMs: optionalNumber('backoff-ms', f['backoff-ms']),
  });
  const reporter = createProgressReporter(json);
  const { batchId, queue, total, workers } = submitted;
  const said = submitted.attached ? `batch ${batchId} (the same batch) is already running on this folder: following it` : `batch ${batchId}: ${total} item(s) on queue ${queue}`;
  reporter.event(submitted.attached ? 'attached' : 'submitted', { ...submitted }, `${said}, ${workers} worker(s) listening`);
  if (workers === 0) reporter.event('warning', { queue }, `no worker listens on ${queue} yet: start one with \`tessera worker --redis URL --models DIR\` on a machine that has model ${modelNameOf(spec.model)}`);
  if (f.detach) {
    reporter.event('detached', { batchId }, `follow it with: tessera batch wait ${batchId} --redis URL   (or: tessera batch status ${batchId} --redis URL)`);
    return 0;
  }
  return follow(batchId, redis, json, annotations);
}
