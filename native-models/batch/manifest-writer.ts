// Appends manifest.jsonl lines durably: each append resolves only after the line is on disk (fdatasync),
// and appends that arrive together share one write + sync (group commit) so the log never slows a batch.

import { open, type FileHandle } from 'node:fs/promises';
import { TesseraError } from '../api/errors.ts';
import { ownEntry } from '../core/own-entry.ts';
import type { ManifestEntry, ManifestHeader } from './manifest-entry.ts';

interface Pending {
  line: string;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class ManifestWriter {
  private readonly pending: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private failure: TesseraError | null = null;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  /**
   * Opens (creating) the manifest for appending. A torn last line left by a killed run gets a newline
   * first, so the next entry starts on its own line instead of gluing onto the fragment.
   */
  static async open(path: string): Promise<ManifestWriter> {
    let handle: FileHandle;
    try {
      handle = await open(path, 'a+');
    } catch (error) {
      throw writeError(error, path);
    }
    const writer = new ManifestWriter(path, handle);
    try {
      const { size } = await handle.stat();
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        if (last[0] !== 0x0a) await handle.write('\n');
      }
    } catch (error) {
      await handle.close();
      throw writeError(error, path);
    }
    return writer;
  }

  /** Resolves once the line is synced; after a write failure every append rejects with that failure. */
  append(entry: ManifestEntry | ManifestHeader): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const line = JSON.stringify(entry) + '\n';
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      if (!this.flushing) this.flushing = this.flush();
    });
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.pending.length);
      try {
        if (this.failure) throw this.failure;
        await this.handle.write(batch.map((p) => p.line).join(''));
        await this.handle.datasync();
        for (const p of batch) p.resolve();
      } catch (error) {
        this.failure ??= writeError(error, this.path);
        for (const p of batch) p.reject(this.failure);
      }
    }
    this.flushing = null;
  }

  async close(): Promise<void> {
    if (this.flushing) await this.flushing;
    await this.handle.close();
  }
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exhausted',
  ENOTDIR: 'a parent of the path is not a folder',
  EISDIR: 'the path is a folder',
};

function writeError(error: unknown, path: string): TesseraError {
  if (error instanceof TesseraError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
  const reason = ownEntry(REASONS, code) ?? (error instanceof Error ? error.message : String(error));
  return new TesseraError('IO_ERROR', `cannot write the manifest ${path}: ${reason} (${code})`, { file: path, errno: code });
}
