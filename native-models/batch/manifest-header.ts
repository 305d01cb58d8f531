// The manifest's header: the settings a job kind's outputs in this folder were made with, and the resume rule
// built on it — a run with other settings is refused (its "already done" would be a lie), unless it redoes every
// item with them (overwrite), which records a new header. Shared by local batches and the distributed submitter.

import { TesseraError } from '../api/errors.ts';
import type { BatchJob } from './batch-job.ts';
import type { ManifestHeader } from './manifest-entry.ts';
import type { ManifestState } from './manifest-reader.ts';

export interface ResumeDecision {
  /** A header line to append before any item line (a fresh folder, an older manifest without one, or a redo). */
  header?: ManifestHeader;
  /** Settings changed and overwrite was asked: every item is redone, none counts as already done. */
  redoAll: boolean;
}

type JobSettings = Pick<BatchJob, 'kind' | 'parameters' | 'outputParameters'>;

/** The settings recorded in the header: what decides how the outputs look. */
export function headerParameters(job: JobSettings): Record<string, unknown> {
  return job.outputParameters ?? job.parameters;
}

function shown(value: unknown): string {
  return value === undefined ? '(not set)' : JSON.stringify(value);
}

/** `crop: true now, (not set) before`, one per setting that differs, in key order. */
export function parameterDifferences(before: Record<string, unknown>, now: Record<string, unknown>, keys = new Set([...Object.keys(before), ...Object.keys(now)])): string[] {
  return [...keys].sort().filter((k) => JSON.stringify(before[k]) !== JSON.stringify(now[k])).map((k) => `${k}: ${shown(now[k])} now, ${shown(before[k])} before`);
}

/**
 * What the folder's outputs were made with: its latest header for the job kind; for a manifest written before
 * headers existed, the job-level settings its latest done line recorded (compared only on the settings this
 * run states, since those lines mix in per-item values).
 */
function differences(job: JobSettings, state: ManifestState): string[] | null {
  const recorded = state.headers.get(job.kind);
  if (recorded) return parameterDifferences(recorded.parameters, headerParameters(job));
  const done = [...state.latest.values()].filter((e) => e.status === 'done' && e.parameters);
  if (done.length === 0) return null;
  const before = done.at(-1)!.parameters!;
  return parameterDifferences(before, job.parameters, new Set(Object.keys(job.parameters)));
}

export function resumeDecision(job: JobSettings, state: ManifestState, outputDir: string, overwrite: boolean): ResumeDecision {
  const header: ManifestHeader = { type: 'header', job: job.kind, parameters: headerParameters(job), at: new Date().toISOString() };
  const diff = differences(job, state);
  const headed = state.headers.has(job.kind);
  if (diff === null || diff.length === 0) return { header: headed ? undefined : header, redoAll: false };
  if (overwrite) return { header: { ...header, redo: true }, redoAll: true };
  throw new TesseraError(
    'INVALID_ARGUMENT',
    `output folder ${outputDir}: got ${job.kind} settings that differ from those its outputs were made with (${diff.join('; ')}), expected the same settings to resume: redo every item with the new ones (--overwrite), or choose another output folder`,
    { differences: diff },
  );
}
