// review.jsonl: the cut-outs of a subject batch whose confidence fell below the batch's `reviewBelow`, one JSON
// line each, rebuilt from the manifest after every run (so a resumed batch lists all of them, and a result
// fixed in the Studio, marked `reviewed`, drops out).
import path from 'node:path';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';
import { MANIFEST_FILE_NAME } from '../manifest-entry.ts';
import { readManifest } from '../manifest-reader.ts';

export const REVIEW_FILE_NAME = 'review.jsonl';

export interface ReviewLine {
  input: string;
  outputs: string[];
  confidence: number;
  reviewBelow: number;
}

/**
 * The entries of the output folder's manifest that wait for review (latest line per input, done, marked);
 * null when no entry was processed with a `reviewBelow` (the batch keeps no review queue).
 */
export async function reviewEntries(outputDir: string): Promise<ReviewLine[] | null> {
  const { latest } = await readManifest(path.join(outputDir, MANIFEST_FILE_NAME), 'cutout');
  if (![...latest.values()].some((e) => e.parameters?.reviewBelow !== undefined)) return null;
  const lines: ReviewLine[] = [];
  for (const entry of latest.values()) {
    if (entry.status !== 'done' || entry.result?.review !== true || entry.result.reviewed === true) continue;
    lines.push({ input: entry.input, outputs: entry.outputs, confidence: Number(entry.result.confidence), reviewBelow: Number(entry.parameters?.reviewBelow) });
  }
  return lines.sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
}

/** Writes review.jsonl (atomically; it is derived, so it is replaced) and returns its lines; nothing without a review queue. */
export async function writeReviewList(outputDir: string): Promise<ReviewLine[] | null> {
  const lines = await reviewEntries(outputDir);
  if (lines === null) return null;
  const text = lines.map((l) => JSON.stringify(l)).join('\n') + (lines.length ? '\n' : '');
  await writeFileAtomic(path.join(outputDir, REVIEW_FILE_NAME), Buffer.from(text), { overwrite: true });
  return lines;
}
