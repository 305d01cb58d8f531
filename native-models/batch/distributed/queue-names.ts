// Names in Redis: one BullMQ queue per job kind and model (a worker listens only on the queues its installed
// models can serve), job ids derived from the batch id, and the batch's own keys beside the queues.

import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { modelIdFromName } from '../../models/manager/models-root.ts';
import { sha256Hex } from '../content-hash.ts';
import type { BatchJobKind } from '../batch-job-spec.ts';

export { modelNameOf } from '../batch-job-spec.ts';

/** Key prefix of the queues and of the batch keys (BullMQ's default is `bull`). */
export const REDIS_PREFIX = 'tessera';

/** The job kinds a queue serves: a batch's kinds (batch-job-spec.ts). */
export type BatchKind = BatchJobKind;

/** `cutout.demo-sam`: BullMQ queue names may not hold ':'; model names never do (see modelIdFromName). */
export function queueName(kind: BatchKind, model: string): string {
  return `${kind}.${modelIdFromName(model)}`;
}

/** Time-ordered and unique enough across machines: `m1abc2de-1a2b3c4d`. */
export function newBatchId(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** The job of item `index`: a fixed id, so re-adding a batch's jobs (a retried submit) adds nothing twice. */
export function itemJobId(batchId: string, index: number): string {
  return `${batchId}-${index}`;
}

export function batchKeys(batchId: string) {
  const base = `${BATCH_RECORD_PREFIX}${batchId}`;
  return {
    /** Hash: the batch record (spec, totals, manifest path and offset, state). */
    record: base,
    /** List: one JSON result per settled attempt, pushed by workers (and by followers for jobs BullMQ failed). */
    results: `${base}:results`,
    /** Hash: input → publish attempts, telling an earlier attempt's output file from a foreign one. */
    publishing: `${base}:publishing`,
    /** String with expiry: the follower that writes the manifest (one at a time). */
    recorder: `${base}:recorder`,
  };
}

/** Prefix of batch record keys: the folder guard's script finds a batch's record from its id with it. */
export const BATCH_RECORD_PREFIX = `${REDIS_PREFIX}:batch:`;

/** String: the id of the last batch submitted on an output folder (see BatchStore.claimFolder). */
export function folderKey(outputDir: string): string {
  return `${REDIS_PREFIX}:folder:${sha256Hex(resolve(outputDir))}`;
}

export function isBatchId(value: string): boolean {
  return /^[0-9a-z]{1,12}-[0-9a-f]{8}$/.test(value);
}
