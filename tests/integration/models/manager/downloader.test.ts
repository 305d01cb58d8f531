// downloadFile on its own: redirects, HTTP errors, bounded retries, reuse of finished files, resume of a
// partial left by an earlier process (hashed before appending), a published md5, 416 on a complete partial, cancel.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile, type DownloadProgress } from '../../../../native-models/models/manager/index.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';
import { TestFileServer } from './test-file-server.ts';
import { sha256Hex } from './test-catalogue.ts';

const BODY = randomBytes(300_000);
const tuning = { retryDelayMs: 1, idleTimeoutMs: 10_000 };
let scratch: string;
let server: TestFileServer;
let n = 0;

beforeAll(async () => {
  scratch = await makeTempDir('tessera-download-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  server = new TestFileServer();
  server.addFile('/files/blob.bin', BODY);
  await server.start();
});
afterEach(async () => {
  await server.close();
});

const dest = () => path.join(scratch, `d${++n}`, 'blob.bin');
const url = () => `${server.baseUrl}/files/blob.bin`;

describe('downloadFile', () => {
  it('downloads, verifies the pinned hash and reports monotonic progress ending at the total', async () => {
    const events: DownloadProgress[] = [];
    const result = await downloadFile({ url: url(), dest: dest(), expectedSize: BODY.length, expectedSha256: sha256Hex(BODY), tuning, onProgress: (p) => events.push(p) });
    expect(result).toMatchObject({ size: BODY.length, sha256: sha256Hex(BODY), resumedFromBytes: 0, requests: 1 });
    expect(sha256Hex(await fs.readFile(result.path))).toBe(sha256Hex(BODY));
    const done = events.map((e) => e.bytesDone);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(events.at(-1)).toMatchObject({ bytesDone: BODY.length, bytesTotal: BODY.length });
  });

  it('follows redirects', async () => {
    server.redirects.set('/moved/blob.bin', '/files/blob.bin');
    const result = await downloadFile({ url: `${server.baseUrl}/moved/blob.bin`, dest: dest(), tuning });
    expect(result.sha256).toBe(sha256Hex(BODY));
    expect(server.requests.map((r) => r.status)).toEqual([302, 200]);
  });

  it('fails a 404 at once with DOWNLOAD_FAILED and the status', async () => {
    const target = dest();
    await expect(downloadFile({ url: `${server.baseUrl}/files/missing.bin`, dest: target, tuning })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      details: { status: 404 },
    });
    expect(server.requests).toHaveLength(1);
    expect(await fs.stat(target).catch(() => undefined)).toBeUndefined();
  });

  it('gives up after the configured number of retries when no attempt makes progress', async () => {
    server.dropAlways.set('/files/blob.bin', 0);
    await expect(downloadFile({ url: url(), dest: dest(), tuning: { ...tuning, retries: 2 } })).rejects.toMatchObject({
      code: 'DOWNLOAD_FAILED',
      message: expect.stringContaining('gave up after 3 attempts'),
    });
    expect(server.requests).toHaveLength(3);
  });

  it('keeps retrying while attempts make progress, resuming each time', async () => {
    server.stallAlways.set('/files/blob.bin', 100_000);
    // Each attempt gets at most 100 kB before its connection is dropped, so at least 3 attempts are needed although
    // `retries` is 0: attempts that bring bytes do not count against it.
    const result = await downloadFile({
      url: url(),
      dest: dest(),
      tuning: { ...tuning, retries: 0, progressIntervalMs: 0 },
      onProgress: () => server.dropStalled(),
    });
    expect(result.sha256).toBe(sha256Hex(BODY));
    const offsets = server.requests.map((r) => Number(/^bytes=(\d+)-$/.exec(r.range ?? 'bytes=0-')![1]));
    expect(offsets.length).toBeGreaterThanOrEqual(3);
    expect(offsets[0]).toBe(0);
    for (let i = 1; i < offsets.length; i++) expect(offsets[i]).toBeGreaterThan(offsets[i - 1]!);
  });

  it('drops a stalled connection after the idle timeout and resumes', async () => {
    server.stallOnce.set('/files/blob.bin', 50_000);
    const result = await downloadFile({ url: url(), dest: dest(), tuning: { ...tuning, idleTimeoutMs: 500 } });
    expect(result.sha256).toBe(sha256Hex(BODY));
    expect(server.requests).toHaveLength(2);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(server.requests[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(50_000);
  });

  it('sends If-Range on resume, so a file replaced on the server between attempts comes back whole', async () => {
    server.etags = true;
    server.stallOnce.set('/files/blob.bin', 100_000);
    const replacement = randomBytes(250_000);
    const result = await downloadFile({
      url: url(),
      dest: dest(),
      tuning,
      onProgress: (p) => {
        if (p.bytesDone > 0 && server.requests.length === 1) {
          server.addFile('/files/blob.bin', replacement);
          server.dropStalled();
        }
      },
    });
    expect(server.requests[1]).toMatchObject({ status: 200, ifRange: `"${sha256Hex(BODY)}"` });
    expect(server.requests[1]!.range).toMatch(/^bytes=\d+-$/);
    expect(result).toMatchObject({ size: replacement.length, sha256: sha256Hex(replacement) });
  });

  it('resumes a partial left by an earlier process, hashing its bytes first', async () => {
    const target = dest();
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(`${target}.partial`, BODY.subarray(0, 1000));
    const result = await downloadFile({ url: url(), dest: target, expectedSha256: sha256Hex(BODY), tuning });
    expect(result).toMatchObject({ resumedFromBytes: 1000, sha256: sha256Hex(BODY) });
    expect(server.requests.map((r) => r.range)).toEqual(['bytes=1000-']);
    expect(await fs.stat(`${target}.partial`).catch(() => undefined)).toBeUndefined();
  });

  it('checks a published md5 (hosts that publish only md5), also across a resume', async () => {
    const md5 = createHash('md5').update(BODY).digest('hex');
    const target = dest();
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(`${target}.partial`, BODY.subarray(0, 5000));
    const result = await downloadFile({ url: url(), dest: target, expectedMd5: md5, tuning });
    expect(result).toMatchObject({ resumedFromBytes: 5000, sha256: sha256Hex(BODY) });

    const wrong = dest();
    await expect(downloadFile({ url: url(), dest: wrong, expectedMd5: '0'.repeat(32), tuning })).rejects.toMatchObject({
      code: 'CHECKSUM_MISMATCH',
      message: expect.stringContaining(`got md5 ${md5}, expected ${'0'.repeat(32)}`),
    });
    // Bytes that failed their md5 are neither kept for a resume nor renamed into place.
    expect(await fs.readdir(path.dirname(wrong))).toEqual([]);
  });

  it('rejects a corrupt partial prefix with CHECKSUM_MISMATCH and deletes it', async () => {
    const target = dest();
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(`${target}.partial`, Buffer.alloc(1000, 7));
    await expect(downloadFile({ url: url(), dest: target, expectedSha256: sha256Hex(BODY), tuning })).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH' });
    expect(await fs.stat(`${target}.partial`).catch(() => undefined)).toBeUndefined();
  });

  it('treats 416 on a complete partial as done', async () => {
    const target = dest();
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(`${target}.partial`, BODY);
    const result = await downloadFile({ url: url(), dest: target, tuning });
    expect(result.sha256).toBe(sha256Hex(BODY));
    expect(server.requests.map((r) => r.status)).toEqual([416]);
  });

  it('reuses a finished file without a request, and replaces one that no longer matches', async () => {
    const target = dest();
    await downloadFile({ url: url(), dest: target, tuning });
    const again = await downloadFile({ url: url(), dest: target, expectedSha256: sha256Hex(BODY), tuning });
    expect(again.requests).toBe(0);
    await fs.writeFile(target, 'stale');
    const replaced = await downloadFile({ url: url(), dest: target, expectedSize: BODY.length, tuning });
    expect(replaced).toMatchObject({ requests: 1, sha256: sha256Hex(BODY) });
  });

  it('does nothing for an already aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(downloadFile({ url: url(), dest: dest(), signal: controller.signal, tuning })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(server.requests).toEqual([]);
  });
});
