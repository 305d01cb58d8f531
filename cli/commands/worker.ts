// `tessera worker --redis URL`: serves distributed batch jobs with the models installed on this machine until
// SIGTERM or Ctrl-C (graceful: a job not yet at its model call goes back to the queue, one past it finishes;
// a second signal quits at once and the job is redone elsewhere). One event line per job, JSON with --json.
import { LOW_MEMORY_OPTION } from '../low-memory-option.ts';
import { DistributedWorker, redactRedisUrl, type WorkerEvent } from '../../native-models/batch/distributed/index.ts';
import { defaultModelsRoot } from '../../native-models/index.ts';
import { redisSettingsFromCli } from '../batch/distributed-usage.ts';
import { parseNumberOption } from '../parse-number-option.ts';
import { parseOptions } from '../parse-options.ts';
import { parseProviderOption } from '../provider-option.ts';
import { createProgressReporter, type ProgressReporter } from '../progress-reporter.ts';

export const WORKER_USAGE =
  'usage: tessera worker --redis URL [--models DIR] [--concurrency N] [--provider NAME] [--threads N] [--low-memory] [--lock-duration MS] [--stalled-interval MS] [--json]';

const OPTIONS = {
  redis: { type: 'string' },
  models: { type: 'string' },
  concurrency: { type: 'string' },
  provider: { type: 'string' },
  threads: { type: 'string' },
  ...LOW_MEMORY_OPTION,
  'lock-duration': { type: 'string' },
  'stalled-interval': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

function report(reporter: ProgressReporter, event: WorkerEvent): void {
  if (event.type === 'ready') {
    reporter.event('ready', { ...event }, `worker ready: ${event.queues.join(', ')}`);
  } else if (event.type === 'warning') {
    reporter.event('warning', { ...event }, `warning: ${event.message}`);
  } else {
    const where = `${event.input} (batch ${event.batchId}, attempt ${event.attempt})`;
    const took = event.ms === undefined ? '' : ` in ${(event.ms / 1000).toFixed(2)}s`;
    reporter.event('job', { ...event }, `${event.status} ${where}${took}${event.error ? `: ${event.error}` : ''}`);
  }
}

export async function run(args: string[]): Promise<number> {
  const v = parseOptions(args, OPTIONS, WORKER_USAGE);
  if (v.help) {
    process.stdout.write(`${WORKER_USAGE}\n`);
    return 0;
  }
  const redis = redisSettingsFromCli(v.redis, WORKER_USAGE);
  const reporter = createProgressReporter(v.json ?? false);
  const optional = (name: string, raw: string | undefined) => (raw === undefined ? undefined : parseNumberOption(name, raw, 0));
  const worker = await DistributedWorker.start({
    redis,
    modelsDir: v.models ?? defaultModelsRoot(),
    concurrency: optional('concurrency', v.concurrency),
    sessions: { provider: await parseProviderOption(v.provider), threads: optional('threads', v.threads), lowMemory: v['low-memory'] ?? false },
    lockDurationMs: optional('lock-duration', v['lock-duration']),
    stalledIntervalMs: optional('stalled-interval', v['stalled-interval']),
    // Testing and demos only: a pause before each model call, so that a signal lands mid-job.
    holdMs: optional('TESSERA_WORKER_HOLD_MS', process.env.TESSERA_WORKER_HOLD_MS),
    onEvent: (event) => report(reporter, event),
  });
  reporter.event('connected', { redis: redactRedisUrl(redis.url) }, `connected to ${redactRedisUrl(redis.url)}; SIGTERM or Ctrl-C stops after the current job`);
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143); // second signal: quit now; the job is redone elsewhere
      stopping = true;
      reporter.event('stopping', { signal }, `${signal}: stopping (jobs not yet at their model call go back to the queue)`);
      void worker.close().then(resolve, (error: unknown) => {
        reporter.event('warning', { message: String(error) }, `warning: ${String(error)}`);
        resolve();
      });
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  reporter.event('stopped', {}, 'worker stopped');
  return 0;
}
