// Reads manifest.jsonl into the state a resumed run needs, tolerating a torn last line (SIGKILL mid-append)
// and, more generally, any line that is not a complete JSON object.

import { readFile } from 'node:fs/promises';
import { TesseraError } from '../api/errors.ts';
import type { ManifestEntry, ManifestHeader, ManifestStatus } from './manifest-entry.ts';

const STATUSES: ReadonlySet<ManifestStatus> = new Set(['started', 'done', 'failed', 'skipped']);

export interface ManifestState {
  /** The latest line per input (later lines supersede earlier ones). */
  latest: Map<string, ManifestEntry>;
  /** Every output path any line of an input ever listed: files the batch may replace when it redoes that input. */
  claimed: Map<string, Set<string>>;
  /** The latest header line per job kind (manifests written before headers have none). */
  headers: Map<string, ManifestHeader>;
  /** Lines skipped because they were not a complete entry (a torn last line after a kill, hand edits). */
  unreadableLines: number;
}

/**
 * Parses manifest text; pure, so it is unit-testable without files. With `job`, lines of other job kinds
 * (a cut-out batch and an img2img batch sharing one output folder) are ignored.
 */
export function parseManifest(text: string, job?: string): ManifestState {
  const state: ManifestState = { latest: new Map(), claimed: new Map(), headers: new Map(), unreadableLines: 0 };
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const header = parseHeader(line);
    if (header) {
      if (job !== undefined && header.job !== job) continue;
      state.headers.set(header.job, header);
      // A redo with new settings: what was done before it no longer counts (its outputs stay claimed).
      if (header.redo) for (const [input, entry] of state.latest) if (entry.job === header.job) state.latest.delete(input);
      continue;
    }
    const entry = parseLine(line);
    if (!entry) {
      state.unreadableLines += 1;
      continue;
    }
    if (job !== undefined && entry.job !== job) continue;
    state.latest.set(entry.input, entry);
    let claimed = state.claimed.get(entry.input);
    if (!claimed) state.claimed.set(entry.input, (claimed = new Set()));
    for (const output of entry.outputs) claimed.add(output);
  }
  return state;
}

function parseHeader(line: string): ManifestHeader | null {
  if (!line.startsWith('{"type":"header"')) return null; // cheap: entries never start so
  try {
    const value = JSON.parse(line) as Partial<ManifestHeader>;
    if (typeof value.job === 'string' && typeof value.parameters === 'object' && value.parameters !== null) return value as ManifestHeader;
  } catch {
    // a torn header: counted below as an unreadable line
  }
  return null;
}

function parseLine(line: string): ManifestEntry | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Partial<ManifestEntry>;
  if (typeof entry.input !== 'string' || !STATUSES.has(entry.status as ManifestStatus)) return null;
  if (!Array.isArray(entry.outputs) || !entry.outputs.every((o) => typeof o === 'string')) return null;
  return entry as ManifestEntry;
}

/** Reads a manifest file; a missing file is an empty state (a fresh batch). */
export async function readManifest(path: string, job?: string): Promise<ManifestState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // No manifest yet; ENOTDIR: the output folder is a file or under one, which creating it reports clearly.
    if (code === 'ENOENT' || code === 'ENOTDIR') return parseManifest('', job);
    throw new TesseraError('IO_ERROR', `cannot read the manifest ${path} (${code ?? String(error)}), expected a readable file`, { file: path, errno: code });
  }
  return parseManifest(text, job);
}
