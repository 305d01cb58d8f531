// Catalogue installs against a loopback server serving the demo pack: full install, resume after a dropped
// connection, a server without Range support, wrong checksums and sizes, a full disk, cancel and resume.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ModelManager, INSTALL_MANIFEST_NAME, type InstallProgress, type ModelManagerOptions } from '../../../../native-models/models/manager/index.ts';
import { demoModel } from '../../demo-pack.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';
import { TestFileServer } from './test-file-server.ts';
import { entryFor, sha256Hex, type EntryOptions } from './test-catalogue.ts';

let scratch: string;
let server: TestFileServer;
let roots = 0;

beforeAll(async () => {
  scratch = await makeTempDir('tessera-install-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});
beforeEach(async () => {
  server = new TestFileServer();
  await server.start();
});
afterEach(async () => {
  await server.close();
});

function newManager(options: ModelManagerOptions = {}): ModelManager {
  return new ModelManager({ root: path.join(scratch, `root-${++roots}`), diskHeadroomBytes: 0, download: { retryDelayMs: 1, idleTimeoutMs: 10_000 }, ...options });
}

/** Serves a demo folder under /<folder>/… and returns a catalogue entry for it with id `test-model`. */
async function serve(folder: string, kind: 'diffusion' | 'sam', options: EntryOptions = { hashes: 'real' }) {
  const rels = await server.addFolder(demoModel(folder), folder);
  return { rels, entry: entryFor(server, folder, rels, 'test-model', kind, options) };
}

async function expectSameFiles(installedDir: string, folder: string, rels: string[]): Promise<void> {
  for (const rel of rels) {
    const got = await fs.readFile(path.join(installedDir, rel));
    expect(sha256Hex(got), rel).toBe(sha256Hex(server.fileBytes(`/${folder}/${rel}`)));
  }
}

/** Drops the server's stalled connection once the client reports bytes of `file` on disk. */
function dropOnFirstBytes(file: string): (e: InstallProgress) => void {
  return (e) => {
    if (e.file === file && e.fileBytesDone > 0) server.dropStalled();
  };
}

const exists = async (p: string) => (await fs.lstat(p).catch(() => undefined)) !== undefined;

describe('catalogue install', () => {
  it.each([
    ['demo-sd', 'diffusion'],
    ['demo-sam', 'sam'],
  ] as const)('installs %s end to end into a folder that passes inspection', async (folder, kind) => {
    const { rels, entry } = await serve(folder, kind);
    const manager = newManager();
    const events: InstallProgress[] = [];
    const installed = await manager.install(entry, { onProgress: (e) => events.push(e) });

    expect(installed.report.problems).toEqual([]);
    expect(installed.report).toMatchObject({ kind, usable: true });
    await expectSameFiles(installed.path, folder, rels);
    expect(installed.manifest?.files.map((f) => f.path)).toEqual(rels);
    expect(installed.manifest?.files.every((f) => f.sha256Source === 'pinned')).toBe(true);
    expect(installed.manifest?.files.every((f) => f.verifiedAgainst?.join() === 'size,sha256')).toBe(true);
    // Only the model folder is left in the root: the temp folder was renamed, not copied.
    expect(await fs.readdir(manager.root)).toEqual(['test-model']);
    expect((await manager.list()).map((m) => m.id)).toEqual(['test-model']);

    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['checking', 'downloading', 'verifying', 'installing', 'done']);
    const total = rels.reduce((sum, rel) => sum + server.fileBytes(`/${folder}/${rel}`).length, 0);
    expect(events.at(-1)).toMatchObject({ bytesDone: total, bytesTotal: total });
    expect(server.requests.every((r) => r.range === undefined)).toBe(true);
  });

  it('records measured hashes when the catalogue has none (trust on first use)', async () => {
    const { rels, entry } = await serve('demo-sd', 'diffusion', { hashes: 'none', sizes: 'unknown' });
    const installed = await newManager().install(entry);
    for (const file of installed.manifest!.files) {
      expect(file.sha256Source).toBe('first-use');
      // Nothing was published, so nothing is claimed as checked (the server's own length does not count).
      expect(file.verifiedAgainst).toEqual([]);
      expect(file.sha256).toBe(sha256Hex(server.fileBytes(`/demo-sd/${file.path}`)));
    }
    expect(installed.manifest!.files).toHaveLength(rels.length);
    expect(await exists(path.join(installed.path, INSTALL_MANIFEST_NAME))).toBe(true);
  });

  it('resumes a connection dropped mid-file with a Range request', async () => {
    const { rels, entry } = await serve('demo-sd', 'diffusion');
    const vocab = '/demo-sd/tokenizer/vocab.json';
    server.stallOnce.set(vocab, 100_000);
    const installed = await newManager().install(entry, { onProgress: dropOnFirstBytes('tokenizer/vocab.json') });

    const requests = server.requestsFor(vocab);
    expect(requests.map((r) => r.status)).toEqual([200, 206]);
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(requests[1]!.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(100_000);
    await expectSameFiles(installed.path, 'demo-sd', rels);
    expect(installed.report.usable).toBe(true);
  });

  it('completes against a server that ignores Range (answers 200) by restarting the file', async () => {
    const { rels, entry } = await serve('demo-sd', 'diffusion');
    server.ignoreRange = true;
    const vocab = '/demo-sd/tokenizer/vocab.json';
    server.stallOnce.set(vocab, 100_000);
    const installed = await newManager().install(entry, { onProgress: dropOnFirstBytes('tokenizer/vocab.json') });

    const requests = server.requestsFor(vocab);
    expect(requests.map((r) => r.status)).toEqual([200, 200]);
    expect(requests[1]!.range).toMatch(/^bytes=\d+-$/);
    await expectSameFiles(installed.path, 'demo-sd', rels);
    expect(installed.manifest?.files.find((f) => f.path === 'tokenizer/vocab.json')?.size).toBe(server.fileBytes(vocab).length);
  });

  it('fails a wrong checksum with CHECKSUM_MISMATCH and installs nothing', async () => {
    const { entry } = await serve('demo-sd', 'diffusion');
    const unet = entry.files.find((f) => f.path === 'unet/model.onnx')!;
    unet.sha256 = '0'.repeat(64);
    const manager = newManager();
    await expect(manager.install(entry)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringContaining('expected 0000') });

    expect(await exists(path.join(manager.root, 'test-model'))).toBe(false);
    const [pending] = await manager.pendingInstalls();
    expect(pending?.id).toBe('test-model');
    // The bad bytes are gone (never resumed from); files verified before it stay for the next try.
    expect(await exists(path.join(pending!.path, 'unet/model.onnx.partial'))).toBe(false);
    expect(await exists(path.join(pending!.path, 'unet/model.onnx'))).toBe(false);
    expect(await exists(path.join(pending!.path, 'model_index.json'))).toBe(true);
  });

  it('fails before the body when the server offers a size other than the catalogue size', async () => {
    const { entry } = await serve('demo-sd', 'diffusion');
    const vocab = entry.files.find((f) => f.path === 'tokenizer/vocab.json')!;
    vocab.size = vocab.size! + 1;
    const manager = newManager();
    await expect(manager.install(entry)).rejects.toMatchObject({ code: 'CHECKSUM_MISMATCH', message: expect.stringContaining('server offers') });
    expect(await exists(path.join(manager.root, 'test-model'))).toBe(false);
  });

  it('refuses to start when the disk lacks the space, before any request', async () => {
    const { entry } = await serve('demo-sd', 'diffusion');
    const manager = newManager({ statfs: async () => ({ bavail: 10, bsize: 4096 }) });
    await expect(manager.install(entry)).rejects.toMatchObject({ code: 'INSUFFICIENT_DISK_SPACE', message: expect.stringContaining('got 41.0 KB free') });
    expect(server.requests).toEqual([]);
    expect(await exists(path.join(manager.root, 'test-model'))).toBe(false);
  });

  it('checks the disk against Content-Length when the catalogue has no sizes', async () => {
    const { entry } = await serve('demo-sd', 'diffusion', { sizes: 'unknown' });
    // 500 kB free: the files before tokenizer/merges.txt (524,619 bytes) fit, merges.txt does not.
    const manager = newManager({ statfs: async () => ({ bavail: 500, bsize: 1000 }) });
    await expect(manager.install(entry)).rejects.toMatchObject({ code: 'INSUFFICIENT_DISK_SPACE' });
    expect(server.requestsFor('/demo-sd/tokenizer/merges.txt')).toHaveLength(1);
    expect(server.requestsFor('/demo-sd/tokenizer/vocab.json')).toHaveLength(0);
    const partial = path.join(manager.root, '.tmp-test-model-download', 'tokenizer/merges.txt.partial');
    expect((await fs.stat(partial)).size).toBe(0);
  });

  it('cancels through an AbortSignal, keeps a resumable partial, and resumes it with Range', async () => {
    const { rels, entry } = await serve('demo-sd', 'diffusion');
    const vocab = '/demo-sd/tokenizer/vocab.json';
    server.stallOnce.set(vocab, 200_000);
    const manager = newManager();
    const controller = new AbortController();
    const cancelled = manager.install(entry, {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.file === 'tokenizer/vocab.json' && e.fileBytesDone > 0) controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'CANCELLED' });

    const [pending] = await manager.pendingInstalls();
    const partialSize = (await fs.stat(path.join(pending!.path, 'tokenizer/vocab.json.partial'))).size;
    expect(partialSize).toBeGreaterThan(0);
    expect(partialSize).toBeLessThanOrEqual(200_000);
    expect(await exists(path.join(manager.root, 'test-model'))).toBe(false);

    const installed = await manager.install(entry);
    expect(server.requestsFor(vocab).at(-1)?.range).toBe(`bytes=${partialSize}-`);
    // Files finished before the cancel were not fetched again.
    expect(server.requestsFor('/demo-sd/model_index.json')).toHaveLength(1);
    await expectSameFiles(installed.path, 'demo-sd', rels);
    expect(await manager.pendingInstalls()).toEqual([]);
  });

  it('skips an optional file the host does not have (404) and refuses to install twice', async () => {
    const { entry } = await serve('demo-sd', 'diffusion');
    entry.files.push({ path: 'tokenizer/added_tokens.json', url: `${server.baseUrl}/demo-sd/tokenizer/added_tokens.json`, size: null, sha256: null, optional: true });
    const manager = newManager();
    const installed = await manager.install(entry);
    expect(installed.manifest?.skipped).toEqual(['tokenizer/added_tokens.json']);
    expect(await fs.readdir(path.join(installed.path, 'tokenizer'))).not.toContain('added_tokens.json.partial');
    await expect(manager.install(entry)).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
  });

  it('fails a required file the host does not have, naming the status', async () => {
    const { entry } = await serve('demo-sd', 'diffusion');
    entry.sizeVerified = false;
    entry.files.push({ path: 'unet/extra.bin', url: `${server.baseUrl}/demo-sd/unet/extra.bin`, size: null, sha256: null });
    await expect(newManager().install(entry)).rejects.toMatchObject({ code: 'DOWNLOAD_FAILED', message: expect.stringContaining('got HTTP 404') });
  });

  it('keeps downloads that do not make a usable model out of the models list', async () => {
    const { entry } = await serve('demo-sd', 'diffusion');
    entry.files = entry.files.filter((f) => f.path !== 'unet/model.onnx');
    const manager = newManager();
    await expect(manager.install(entry)).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('unet') });
    expect(await manager.list()).toEqual([]);
    await manager.discardPending('test-model');
    expect(await manager.pendingInstalls()).toEqual([]);
  });
});
