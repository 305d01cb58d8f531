// The light half of `tessera batch … --redis`: the usage text, telling a distributed invocation from a local
// one, and the Redis settings of the CLI — kept apart so that a local batch never loads BullMQ.
import type { RedisConnectionSettings } from '../../native-models/batch/distributed/redis-connection.ts';
import { CliUsageError } from '../usage-error.ts';

export const DISTRIBUTED_BATCH_USAGE = [
  'on workers:  tessera batch cutout|generate|img2img … --redis URL [--detach] [--attempts N] [--backoff-ms MS]  (--model: a model name the workers have; paths on storage every worker reaches)',
  '             (batch cutout --coco FILE / --yolo DIR: written from the manifest when the batch ends, so not with --detach)',
  '             tessera batch status ID --redis URL [--json]',
  '             tessera batch wait ID --redis URL [--json]',
  'Redis URL: redis://[user:password@]host[:port][/db], rediss://… for TLS; TESSERA_REDIS_PASSWORD and TESSERA_REDIS_CA (PEM file) are used when set',
].join('\n');

export function isDistributedBatch(args: string[]): boolean {
  return args[0] === 'status' || args[0] === 'wait' || args.some((a) => a === '--redis' || a.startsWith('--redis='));
}

/** The Redis settings of the CLI: the URL, and a password and CA file from the environment when set. */
export function redisSettingsFromCli(url: string | undefined, usage: string): RedisConnectionSettings {
  if (!url) throw new CliUsageError(`--redis URL is required\n${usage}`);
  return { url, password: process.env.TESSERA_REDIS_PASSWORD || undefined, caFile: process.env.TESSERA_REDIS_CA || undefined };
}
