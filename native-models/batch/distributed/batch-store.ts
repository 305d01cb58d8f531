// A distributed batch's state in Redis beside its queue: the record the submitter writes (spec, totals, where
// the manifest is), the list of results workers push as items settle, the publish-attempt counters and the
// recorder lock that lets one follower at a time write the manifest.

import { Redis } from 'ioredis';
import { z } from 'zod';
import { TesseraError } from '../../api/errors.ts';
import { DistributedBatchSpecSchema, ItemResultSchema, parseWith, type ItemResult } from './batch-spec.ts';
import { BATCH_RECORD_PREFIX, batchKeys, folderKey } from './queue-names.ts';
import { redactRedisUrl, redisOptions, redisSettings, type RedisConnectionSettings, type RedisRole } from './redis-connection.ts';

const BatchRecordSchema = z.object({
  batchId: z.string(),
  spec: DistributedBatchSpecSchema,
  queue: z.string(),
  /** Items (images, or prompt × count), as `BatchProgress.total`. */
  total: z.number().int().nonnegative(),
  /** Inputs that are not images, recorded `skipped` by the submitter. */
  skipped: z.number().int().nonnegative(),
  manifestPath: z.string(),
  /** Byte length of the manifest once the submitter's lines were written: final lines after it are this batch's. */
  manifestOffset: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type BatchRecord = z.infer<typeof BatchRecordSchema>;
export type BatchState = 'running' | 'completed';

// Extend the lock when it is ours, take it when it is free; one round trip, so two followers cannot both win.
const ACQUIRE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
return redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) and 1 or 0`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

// Takes an output folder for a batch unless another batch there is still running (its record not completed);
// returns that batch's id, or nothing when the folder is now ours. One script, so two submitters cannot both win.
const CLAIM_FOLDER = `local holder = redis.call('get', KEYS[1])
if holder and holder ~= ARGV[1] and redis.call('hget', ARGV[2] .. holder, 'state') == 'running' then return holder end
redis.call('set', KEYS[1], ARGV[1])
return false`;

/** How long a finished batch's keys stay in Redis for `batch status` (7 days). */
const FINISHED_TTL_S = 7 * 24 * 3600;

// A server certificate that does not verify will not verify on the next try either: retrying would hang forever.
const UNTRUSTED_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_UNTRUSTED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export class BatchStore {
  /** The last connection error, for a clear message when a call gives up. */
  private lastError: (Error & { code?: string }) | null = null;

  constructor(
    readonly redis: Redis,
    private readonly where = 'Redis',
  ) {}

  static connect(settings: string | RedisConnectionSettings, role: RedisRole = 'wait'): BatchStore {
    const redis = new Redis(redisOptions(settings, role));
    const store = new BatchStore(redis, `Redis at ${redactRedisUrl(redisSettings(settings).url)}`);
    // Connection errors are retried by ioredis (retryStrategy); a listener keeps them from crashing the process.
    redis.on('error', (error: Error & { code?: string }) => {
      store.lastError = error;
      if (UNTRUSTED_CERTIFICATE.has(error.code ?? '')) redis.disconnect();
    });
    return store;
  }

  /** Round trip to the server: fails with the connection's reason when it cannot be reached or trusted. */
  async ping(): Promise<void> {
    await this.guarded(() => this.redis.ping());
  }

  /** Runs a first command; a connection that gave up becomes an IO_ERROR saying why (not a bare retry error). */
  private async guarded<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      const cause = this.lastError;
      if (!cause || error instanceof TesseraError) throw error;
      const hint = UNTRUSTED_CERTIFICATE.has(cause.code ?? '') ? '; for a server certificate from a private CA, give its PEM file (TESSERA_REDIS_CA)' : '';
      throw new TesseraError('IO_ERROR', `${this.where}: cannot connect (${cause.message}${cause.code ? ` [${cause.code}]` : ''}), expected a reachable Redis server${hint}`);
    }
  }

  async saveRecord(record: BatchRecord): Promise<void> {
    await this.redis.hset(batchKeys(record.batchId).record, { json: JSON.stringify(record), state: 'running' });
  }

  async loadRecord(batchId: string): Promise<BatchRecord & { state: BatchState }> {
    const fields = await this.guarded(() => this.redis.hgetall(batchKeys(batchId).record));
    if (!fields.json) {
      throw new TesseraError('INVALID_ARGUMENT', `batch ${batchId}: got no such batch in this Redis, expected the id \`tessera batch … --detach\` printed (finished batches are kept ${FINISHED_TTL_S / 86400} days)`);
    }
    const record = parseWith(BatchRecordSchema, JSON.parse(fields.json), 'batch record');
    return { ...record, state: fields.state === 'completed' ? 'completed' : 'running' };
  }

  /** True while the batch's record says running; false once completed or when Redis no longer has it. */
  async isRunning(batchId: string): Promise<boolean> {
    const state = await this.guarded(() => this.redis.hget(batchKeys(batchId).record, 'state'));
    return state === 'running';
  }

  async markCompleted(batchId: string): Promise<void> {
    const keys = batchKeys(batchId);
    await this.redis.multi().hset(keys.record, 'state', 'completed').expire(keys.record, FINISHED_TTL_S).expire(keys.results, FINISHED_TTL_S).del(keys.publishing).exec();
  }

  /** Claims `outputDir` for `batchId`; returns the id of the unfinished batch that holds it instead, if any. */
  async claimFolder(outputDir: string, batchId: string): Promise<string | null> {
    const holder = await this.guarded(() => this.redis.eval(CLAIM_FOLDER, 1, folderKey(outputDir), batchId, BATCH_RECORD_PREFIX));
    return typeof holder === 'string' ? holder : null;
  }

  /** Lets the folder go again when the batch that claimed it was never submitted. */
  async releaseFolder(outputDir: string, batchId: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, folderKey(outputDir), batchId);
  }

  async pushResult(batchId: string, result: ItemResult): Promise<void> {
    await this.redis.rpush(batchKeys(batchId).results, JSON.stringify(result));
  }

  /** Results `from` (0-based) onwards, at most `count`. */
  async readResults(batchId: string, from: number, count: number): Promise<ItemResult[]> {
    const lines = await this.redis.lrange(batchKeys(batchId).results, from, from + count - 1);
    return lines.map((line) => parseWith(ItemResultSchema, JSON.parse(line), 'item result') as ItemResult);
  }

  /** Counts an attempt to publish the outputs of `input`; returns the count including this one. */
  notePublishAttempt(batchId: string, input: string): Promise<number> {
    return this.redis.hincrby(batchKeys(batchId).publishing, input, 1);
  }

  async publishAttempts(batchId: string, input: string): Promise<number> {
    return Number((await this.redis.hget(batchKeys(batchId).publishing, input)) ?? 0);
  }

  /** Takes or extends the recorder lock for `ttlMs`; false when another live follower holds it. */
  async holdRecorder(batchId: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, batchKeys(batchId).recorder, token, String(ttlMs))) === 1;
  }

  async releaseRecorder(batchId: string, token: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, batchKeys(batchId).recorder, token);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
