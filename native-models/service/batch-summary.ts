// getBatchSummary: what an output folder's manifest says, input by input (its latest line): how many are done,
// failed, skipped or were interrupted, and which failed with what. The Batch panel shows it when a run ends
// and offers "Resume" when a folder already holds a batch.
import fs from 'node:fs/promises';
import path from 'node:path';
import { BATCH_FAILURES_LISTED, type BatchFolderSummary, type BatchKind } from '../api/index.ts';
import { MANIFEST_FILE_NAME, parseManifest } from '../batch/index.ts';
import { TesseraError } from '../api/errors.ts';

export async function readBatchFolderSummary(outputDir: string, kind?: BatchKind): Promise<BatchFolderSummary> {
  const manifestPath = path.join(outputDir, MANIFEST_FILE_NAME);
  const empty: BatchFolderSummary = {
    outputDir,
    manifestPath,
    exists: false,
    kinds: [],
    counts: { done: 0, failed: 0, skipped: 0, interrupted: 0 },
    failures: [],
    failuresLeftOut: 0,
    updatedAt: null,
  };
  let text: string;
  try {
    text = await fs.readFile(manifestPath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return empty;
    throw new TesseraError('IO_ERROR', `cannot read the manifest ${manifestPath} (${code ?? String(error)}), expected a readable file`, { file: manifestPath, errno: code });
  }
  const kinds = [...new Set([...parseManifest(text).latest.values()].map((e) => e.job))].sort();
  const { latest } = parseManifest(text, kind);
  const summary: BatchFolderSummary = { ...empty, exists: true, kinds };
  for (const entry of latest.values()) {
    if (entry.status === 'started') summary.counts.interrupted += 1;
    else summary.counts[entry.status] += 1;
    if (entry.status !== 'failed') continue;
    if (summary.failures.length < BATCH_FAILURES_LISTED) summary.failures.push({ input: entry.input, ...(entry.code ? { code: entry.code } : {}), error: entry.error ?? 'failed without a message' });
    else summary.failuresLeftOut += 1;
  }
  for (const { at } of latest.values()) if (typeof at === 'string' && (summary.updatedAt === null || at > summary.updatedAt)) summary.updatedAt = at;
  return summary;
}
