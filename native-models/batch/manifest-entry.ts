// The shape of one manifest.jsonl line: what happened to one input, with enough to resume and to audit.

/**
 * `started` is a write-ahead claim written (and synced) before any output of the item is written, so
 * that a resumed run knows which existing files are its own partial outputs; `done`, `failed` and
 * `skipped` are final. The latest line for an input is its state.
 */
export type ManifestStatus = 'started' | 'done' | 'failed' | 'skipped';

export interface ManifestEntry {
  /** Path relative to the input folder ('/' separators), or `prompts.txt#L3#2` for generate items. */
  input: string;
  status: ManifestStatus;
  /** Paths relative to the output folder ('/' separators). */
  outputs: string[];
  /** Job kind: cutout, generate, img2img. */
  job: string;
  /** sha256 (hex) of the input bytes; for generate items, of the canonical request. */
  hash?: string;
  /** For failed and skipped items: one line for people. */
  error?: string;
  /** For failed items: the TesseraError code (IMAGE_UNREADABLE, OUTPUT_EXISTS, …). */
  code?: string;
  /** The settings the item was processed with (job-level plus per-item). */
  parameters?: Record<string, unknown>;
  /**
   * For a done item whose input changed since an earlier done line: that line's outputs, kept as they were
   * (never overwritten without --overwrite); this line's outputs are new names beside them.
   */
  kept?: string[];
  /** What processing found: seed, mask score and area, box… */
  result?: Record<string, unknown>;
  /** Wall time spent on the item (decode to last output written), milliseconds. */
  ms?: number;
  /** ISO-8601 time the line was written. */
  at: string;
}

/**
 * A header line: the settings one job kind's outputs in the folder are made with (see manifest-header.ts). The
 * latest header of a kind is in force; one with `redo` starts a redo with new settings, so that the done lines
 * before it no longer count (their outputs stay claimed, to be replaced). Readers older than headers skip it as
 * a line that is not an entry.
 */
export interface ManifestHeader {
  type: 'header';
  job: string;
  parameters: Record<string, unknown>;
  redo?: true;
  at: string;
}

export const MANIFEST_FILE_NAME = 'manifest.jsonl';
