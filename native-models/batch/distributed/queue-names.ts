// Names in Redis: one BullMQ queue per job kind and model (a worker listens only on the queues its installed
// models can serve), job ids derived from the batch id, and the batch's own keys beside the queues.

import { randomBytes } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { modelIdFromName } from '../../models/manager/models-root.ts';

/** Key prefix of the queues and of the batch keys (BullMQ's default is `bull`). */
export const REDIS_PREFIX = 'tessera';

export const BATCH_KINDS = ['cutout', 'generate', 'img2img'] as const;
export type BatchKind = (typeof BATCH_KINDS)[number];

/** A model's name as submitters and workers both derive it: the folder's base name, made portable. */
export function modelNameOf(modelDirOrName: string): string {
  return modelIdFromName(basename(resolve(modelDirOrName)));
}

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
  const base = `${REDIS_PREFIX}:batch:${batchId}`;
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

export function isBatchId(value: string): boolean {
  return /^[0-9a-z]{1,12}-[0-9a-f]{8}$/.test(value);
}
