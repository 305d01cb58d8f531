// Downloads one file to `<dest>.partial` — resuming with HTTP Range, retrying dropped connections with backoff,
// reporting progress, honouring an AbortSignal — verifies its size, sha256 and (where a host publishes only that)
// md5, then renames it to `dest`.
import { createHash, type Hash } from 'node:crypto';
import { createReadStream, constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { TesseraError, isTesseraError } from '../../api/errors.ts';
import { contentLength, httpGet, parseContentRange } from './http-get.ts';
import { TransferRateMeter } from './transfer-rate.ts';

export interface DownloadProgress {
  url: string;
  bytesDone: number;
  /** null while the server has not said (no Content-Length). */
  bytesTotal: number | null;
  bytesPerSecond: number;
}

export interface DownloadTuning {
  /** Consecutive failed attempts that brought no new bytes before giving up. */
  retries: number;
  /** First pause between attempts; doubles with each failure without progress, capped at 30 s. */
  retryDelayMs: number;
  /** Hard bound on requests per file, even when every attempt makes some progress. */
  maxAttempts: number;
  /** A silent socket (no headers, no body bytes) is dropped and retried after this long. */
  idleTimeoutMs: number;
  /** Minimum spacing of progress events (the last one, at completion, is always sent). */
  progressIntervalMs: number;
}

export const DEFAULT_DOWNLOAD_TUNING: DownloadTuning = {
  retries: 5,
  retryDelayMs: 500,
  maxAttempts: 100,
  idleTimeoutMs: 60_000,
  progressIntervalMs: 250,
};

export interface DownloadRequest {
  url: string;
  /** Final path; bytes arrive in `dest + '.partial'` first. */
  dest: string;
  /** Exact size in bytes, or null/undefined when unknown (the server's length is then checked instead). */
  expectedSize?: number | null;
  /** Lower-case hex sha256, or null/undefined to just measure it (trust on first use). */
  expectedSha256?: string | null;
  /** Lower-case hex md5 some hosts publish instead of a sha256 (rembg's releases); checked when given. */
  expectedMd5?: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Called with the bytes still to come once the server has announced a length; throw to stop (disk check). */
  beforeBody?: (remainingBytes: number) => Promise<void>;
  tuning?: Partial<DownloadTuning>;
}

export interface DownloadResult {
  path: string;
  size: number;
  sha256: string;
  /** Bytes already on disk (partial or complete file) when this call started. */
  resumedFromBytes: number;
  /** HTTP requests made; 0 when `dest` was already complete. */
  requests: number;
}

/** A failure worth another attempt (dropped connection, 5xx, a range the server got wrong). */
class RetryableError extends Error {}

/** The digests kept while bytes arrive: sha256 always, md5 only when there is a published one to compare. */
interface Digests {
  sha256: Hash;
  md5: Hash | null;
}

interface PartialState {
  done: number;
  hash: Digests;
}

interface Expected {
  size: number | null;
  sha256: string | null;
  md5: string | null;
}

function newDigests(withMd5: boolean): Digests {
  return { sha256: createHash('sha256'), md5: withMd5 ? createHash('md5') : null };
}

const MAX_BACKOFF_MS = 30_000;

function cancelled(url: string, partialPath: string): TesseraError {
  return new TesseraError('CANCELLED', `${url}: download cancelled; ${partialPath} is kept so the download can resume`);
}

/** Digests of the first `bytes` bytes of `file` (a resumed partial is hashed before new bytes are appended). */
async function hashPrefix(file: string, bytes: number, withMd5: boolean): Promise<Digests> {
  const hash = newDigests(withMd5);
  if (bytes === 0) return hash;
  for await (const chunk of createReadStream(file, { start: 0, end: bytes - 1 })) updateDigests(hash, chunk as Buffer);
  return hash;
}

function updateDigests(hash: Digests, chunk: Buffer): void {
  hash.sha256.update(chunk);
  hash.md5?.update(chunk);
}

function checkIntegrity(url: string, size: number, hash: Digests, expected: Expected): string {
  if (expected.size !== null && size !== expected.size) {
    throw new TesseraError('CHECKSUM_MISMATCH', `${url}: got ${size} bytes, expected ${expected.size}`, { size, expectedSize: expected.size });
  }
  const sha256 = hash.sha256.digest('hex');
  if (expected.sha256 !== null && sha256 !== expected.sha256) {
    throw new TesseraError('CHECKSUM_MISMATCH', `${url}: got sha256 ${sha256}, expected ${expected.sha256}`, { sha256, expectedSha256: expected.sha256 });
  }
  const md5 = hash.md5?.digest('hex') ?? null;
  if (expected.md5 !== null && md5 !== expected.md5) {
    throw new TesseraError('CHECKSUM_MISMATCH', `${url}: got md5 ${md5}, expected ${expected.md5}`, { md5, expectedMd5: expected.md5 });
  }
  return sha256;
}

/** A `dest` left complete by an earlier run is reused when it still matches; otherwise it is removed. */
async function reuseComplete(request: DownloadRequest, expected: Expected): Promise<DownloadResult | undefined> {
  const stat = await fs.stat(request.dest).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  const hash = await hashPrefix(request.dest, stat.size, expected.md5 !== null);
  let sha256: string;
  try {
    sha256 = checkIntegrity(request.url, stat.size, hash, expected);
  } catch (error) {
    if (!isTesseraError(error)) throw error;
    await fs.rm(request.dest, { force: true });
    return undefined;
  }
  return { path: request.dest, size: stat.size, sha256, resumedFromBytes: stat.size, requests: 0 };
}

export async function downloadFile(request: DownloadRequest): Promise<DownloadResult> {
  const tuning = { ...DEFAULT_DOWNLOAD_TUNING, ...request.tuning };
  const { url, signal } = request;
  const expected: Expected = { size: request.expectedSize ?? null, sha256: request.expectedSha256?.toLowerCase() ?? null, md5: request.expectedMd5?.toLowerCase() ?? null };
  const expectedSize = expected.size;
  const withMd5 = expected.md5 !== null;
  const partialPath = `${request.dest}.partial`;
  if (signal?.aborted) throw cancelled(url, partialPath);
  await fs.mkdir(path.dirname(request.dest), { recursive: true });
  const reused = await reuseComplete(request, expected);
  if (reused) return reused;

  const file = await fs.open(partialPath, fsConstants.O_RDWR | fsConstants.O_CREAT);
  let open = true;
  try {
    let onDisk = (await file.stat()).size;
    if (expectedSize !== null && onDisk > expectedSize) {
      await file.truncate(0);
      onDisk = 0;
    }
    const state: PartialState = { done: onDisk, hash: await hashPrefix(partialPath, onDisk, withMd5) };
    const restart = async () => {
      await file.truncate(0);
      state.done = 0;
      state.hash = newDigests(withMd5);
    };

    let total: number | null = expectedSize;
    // A strong ETag seen in this call: resumes send it as If-Range, so a file replaced on the server between
    // attempts comes back whole (200) instead of its tail being appended to the old file's head.
    let etag: string | undefined;
    let meter = new TransferRateMeter();
    let lastEmitMs = -Infinity;
    const emit = (force: boolean) => {
      const now = performance.now();
      if (!request.onProgress || (!force && now - lastEmitMs < tuning.progressIntervalMs)) return;
      lastEmitMs = now;
      request.onProgress({ url, bytesDone: state.done, bytesTotal: total ?? expectedSize, bytesPerSecond: Math.max(0, meter.sample(state.done, now)) });
    };

    /** One GET; returns when the whole file is on disk, throws RetryableError for another try. */
    const attempt = async (): Promise<void> => {
      const ranged = state.done > 0;
      const rangeHeaders: Record<string, string> = ranged ? { Range: `bytes=${state.done}-`, ...(etag ? { 'If-Range': etag } : {}) } : {};
      const response = await httpGet(url, { headers: rangeHeaders, signal, idleTimeoutMs: tuning.idleTimeoutMs });
      const { status, headers, body } = response;
      try {
        if (status === 416 && ranged) {
          // Asked past the end: either the partial is already complete, or the file changed on the server.
          const announced = parseContentRange(headers['content-range'])?.total ?? null;
          if (announced === state.done) return;
          await restart();
          throw new RetryableError(`server refused bytes=${state.done}- (file size ${announced ?? 'unknown'}); restarting from zero`);
        }
        if (status === 408 || status === 429 || status >= 500) throw new RetryableError(`HTTP ${status}`);
        if (status !== 200 && status !== 206) {
          throw new TesseraError('DOWNLOAD_FAILED', `${url}: got HTTP ${status}, expected 200 or 206`, { status });
        }
        const length = contentLength(headers);
        const tag = headers.etag;
        etag = tag && !tag.startsWith('W/') ? tag : undefined;
        if (status === 206) {
          const range = parseContentRange(headers['content-range']);
          if (!range || range.start !== state.done) {
            await restart();
            throw new RetryableError(`got Content-Range "${headers['content-range'] ?? ''}", expected bytes ${state.done}-…; restarting from zero`);
          }
          total = range.total ?? (length === null ? null : state.done + length);
        } else {
          // 200 is the whole file, also when a range was asked for (a server without range support).
          if (ranged) await restart();
          total = length;
        }
        if (total !== null && expectedSize !== null && total !== expectedSize) {
          throw new TesseraError('CHECKSUM_MISMATCH', `${url}: server offers ${total} bytes, expected ${expectedSize}`, { size: total, expectedSize });
        }
        if (total !== null) await request.beforeBody?.(total - state.done);
        meter = new TransferRateMeter();
        for await (const chunk of body as AsyncIterable<Buffer>) {
          if (total !== null && state.done + chunk.length > total) {
            await restart();
            throw new RetryableError(`server sent more than the ${total} bytes it announced; restarting from zero`);
          }
          // The hash only ever sees bytes that are on disk, so an interrupted write resumes consistently.
          await file.write(chunk, 0, chunk.length, state.done);
          updateDigests(state.hash, chunk);
          state.done += chunk.length;
          emit(false);
        }
        if (total !== null && state.done < total) throw new RetryableError(`connection closed after ${state.done} of ${total} bytes`);
      } finally {
        // A body read to the end leaves its socket to the keep-alive pool; anything else is torn down.
        if (!body.readableEnded) body.destroy();
      }
    };

    let requests = 0;
    let failuresWithoutProgress = 0;
    for (;;) {
      const before = state.done;
      requests++;
      try {
        await attempt();
        break;
      } catch (error) {
        if (signal?.aborted) throw cancelled(url, partialPath);
        if (isTesseraError(error)) throw error;
        failuresWithoutProgress = state.done > before ? 0 : failuresWithoutProgress + 1;
        if (failuresWithoutProgress > tuning.retries || requests >= tuning.maxAttempts) {
          throw new TesseraError('DOWNLOAD_FAILED', `${url}: gave up after ${requests} attempts (last error: ${(error as Error).message}); ${partialPath} is kept for resume`, {
            bytesDone: state.done,
          });
        }
        const pause = Math.min(MAX_BACKOFF_MS, tuning.retryDelayMs * 2 ** Math.max(0, failuresWithoutProgress - 1));
        await delay(pause, undefined, { signal }).catch(() => {
          throw cancelled(url, partialPath);
        });
      }
    }

    emit(true);
    await file.close();
    open = false;
    let sha256: string;
    try {
      sha256 = checkIntegrity(url, state.done, state.hash, expected);
    } catch (error) {
      // Bytes that fail verification must not be resumed from.
      await fs.rm(partialPath, { force: true });
      throw error;
    }
    await fs.rename(partialPath, request.dest);
    return { path: request.dest, size: state.done, sha256, resumedFromBytes: onDisk, requests };
  } catch (error) {
    if (open) {
      open = false;
      await file.close();
    }
    if (isTesseraError(error) && error.code === 'CHECKSUM_MISMATCH') await fs.rm(partialPath, { force: true });
    throw error;
  } finally {
    if (open) await file.close();
  }
}
