// One item of a distributed batch on a worker: the local batch's stages (load → prepare → infer → render) from
// the same job object, then the outputs published atomically, never replacing a file another process wrote.
//
// Why this is safe when two workers race on one item (a worker thought dead whose job was redone, or a killed
// worker's half-published outputs): every output is written to a temporary file and hard-linked into place
// (writeFileAtomic without overwrite), so a name holds nothing or one whole file. The submitter checked that no
// planned path held a file the manifest does not claim, and each attempt counts itself in Redis before it
// publishes; so an output already there when an attempt publishes is an earlier or concurrent attempt's of the
// same item when the count is above one: it is kept, not replaced, and the item is done. Items the manifest
// claims (a redo, or --overwrite) are replaced by rename, which is atomic too. Workers never write the
// manifest: they push a result, and the one follower holding the recorder lock appends one line per input
// (see batch-follower.ts), so duplicate results of a raced item collapse into one `done` line.

import { access, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { TesseraError, isTesseraError } from '../../api/errors.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';
import type { BatchItem } from '../batch-job.ts';
import type { WriteOutputFile } from '../batch-runner.ts';
import type { ManifestEntry } from '../manifest-entry.ts';
import type { ItemJob } from './batch-spec.ts';
import type { AnyBatchJob } from '../batch-job-factory.ts';

export interface ItemHooks {
  /** After decoding, before the model call; throws to hand the job back (graceful shutdown). */
  beforeInfer?(): Promise<void>;
  /** Runs the model call; a worker serializes them per model (a SAM predictor holds one image at a time). */
  infer<T>(call: () => Promise<T>): Promise<T>;
  /** Counts this attempt to publish the item's outputs; resolves to the count including it. */
  notePublishAttempt(): Promise<number>;
  /** The count now (a concurrent attempt may have started since). */
  publishAttempts(): Promise<number>;
  /** Output writer (default writeFileAtomic). */
  writeFile?: WriteOutputFile;
}

export type ItemOutcome = { status: 'alreadyDone' } | { status: 'done'; entry: ManifestEntry };

/** Facts gathered before a failure, for its manifest line. */
export interface ItemFacts {
  hash?: string;
  started: number;
}

export function describeError(error: unknown): { code: string; message: string } {
  if (isTesseraError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
}

export function failedEntry(kind: string, input: string, error: unknown, facts: ItemFacts, parameters?: Record<string, unknown>): ManifestEntry {
  const { code, message } = describeError(error);
  return { input, status: 'failed', outputs: [], job: kind, hash: facts.hash, parameters, code, error: message, ms: Math.round(performance.now() - facts.started), at: new Date().toISOString() };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function outputPath(outputDir: string, rel: string): string {
  return join(outputDir, ...rel.split('/'));
}

export async function processItem(job: AnyBatchJob, planned: BatchItem, payload: ItemJob, hooks: ItemHooks, facts: ItemFacts): Promise<ItemOutcome> {
  const { outputDir } = payload.spec;
  const loaded = await job.load(planned);
  facts.hash = loaded.hash;
  const before = payload.previous;
  const present = before ? await Promise.all(before.outputs.map((o) => exists(outputPath(outputDir, o)))) : [];
  if (before && before.hash === loaded.hash && present.every(Boolean)) return { status: 'alreadyDone' };
  // The input changed since its earlier outputs: those stay, the new ones take the names the submitter reserved.
  const kept = before && before.hash !== loaded.hash && payload.changedOutputs ? before.outputs.filter((_, k) => present[k]) : [];
  const item = kept.length > 0 ? { ...planned, outputs: payload.changedOutputs! } : { ...planned, outputs: payload.outputs };
  const overwrite = kept.length > 0 ? false : payload.overwrite;
  const prepared = await job.prepare(item, loaded.data);
  await hooks.beforeInfer?.();
  const result = await hooks.infer(() => job.infer(item, prepared));
  const rendered = await job.render(item, result);
  const names = [...rendered.files.keys()].sort().join('\n');
  if (names !== [...item.outputs].sort().join('\n')) throw new TesseraError('INTERNAL', `${item.input}: got outputs [${[...rendered.files.keys()].join(', ')}], expected [${item.outputs.join(', ')}]`);
  const attempt = await hooks.notePublishAttempt();
  const write = hooks.writeFile ?? writeFileAtomic;
  for (const output of item.outputs) {
    const path = outputPath(outputDir, output);
    try {
      await mkdir(dirname(path), { recursive: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
      throw new TesseraError('IO_ERROR', `cannot create output folder ${dirname(path)} (${code}), expected a writable folder`, { file: dirname(path), errno: code });
    }
    try {
      await write(path, rendered.files.get(output) as Uint8Array, { overwrite });
    } catch (error) {
      const raced = isTesseraError(error) && error.code === 'OUTPUT_EXISTS' && (attempt > 1 || (await hooks.publishAttempts()) > 1);
      if (!raced) throw error;
      // Another attempt of this item published this name first: its whole file stays.
    }
  }
  const parameters = rendered.parameters ? { ...job.parameters, ...rendered.parameters } : job.parameters;
  const entry: ManifestEntry = {
    input: item.input,
    status: 'done',
    outputs: [...item.outputs],
    job: job.kind,
    hash: loaded.hash,
    parameters,
    result: rendered.result,
    ...(kept.length > 0 ? { kept } : {}),
    ms: Math.round(performance.now() - facts.started),
    at: new Date().toISOString(),
  };
  return { status: 'done', entry };
}
