// An install interrupted by an app restart: the first service instance is disposed mid-file (as quitting the app
// does), a new instance over the same models and data folders shows the partial bytes in the catalogue, and
// installing again resumes that file with an HTTP Range request from the partial's size, against a real loopback
// HTTP server, ending with the same files the server holds.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TesseraService } from '../../../native-models/service.ts';
import type { JobUpdateEvent } from '../../../native-models/api/index.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { TestFileServer } from '../models/manager/test-file-server.ts';
import { entryFor } from '../models/manager/test-catalogue.ts';

const STALL_AFTER = 4096; // bytes of the last file the first instance receives before its connection stalls

let root: string;
let server: TestFileServer;
let rels: string[];
let stalledUrl: string;

function startService(): Promise<TesseraService> {
  return TesseraService.start({
    host: 'in-process',
    modelsRoot: path.join(root, 'models'),
    dataDir: path.join(root, 'data'),
    provider: 'cpu',
    demoPackOnFirstRun: false,
    cataloguePath: path.join(root, 'catalogue.json'),
  });
}

/** Resolves with the job's final update (done, failed or cancelled). */
function finalUpdate(service: TesseraService, jobId: string): Promise<JobUpdateEvent> {
  return new Promise((resolve) => {
    service.onJobUpdate((u) => {
      if (u.jobId === jobId && u.state !== 'queued' && u.state !== 'running') resolve(u);
    });
  });
}

beforeAll(async () => {
  root = await makeTempDir('tessera-install-restart-');
  server = new TestFileServer();
  await server.start();
  rels = await server.addFolder(demoModel('demo-sam'), 'demo-sam');
  // The largest file stalls, so the cut lands inside it with bytes on disk.
  const sizes = rels.map((rel) => server.fileBytes(`/demo-sam/${rel}`).length);
  const largest = rels[sizes.indexOf(Math.max(...sizes))]!;
  stalledUrl = `/demo-sam/${largest}`;
  expect(server.fileBytes(stalledUrl).length).toBeGreaterThan(STALL_AFTER * 2);
  const entry = entryFor(server, 'demo-sam', rels, 'sam-restart', 'sam', { hashes: 'real' });
  await fs.writeFile(path.join(root, 'catalogue.json'), JSON.stringify({ version: 1, notes: [], models: [entry] }));
});
afterAll(async () => {
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('an install interrupted by a restart', () => {
  it('resumes from the partial file with a Range request in the next service instance', async () => {
    server.stallOnce.set(stalledUrl, STALL_AFTER);
    const first = await startService();
    let bytesOnDisk = 0;
    const reached = new Promise<void>((resolve) => {
      first.onDownloadProgress((p) => {
        if (p.file !== undefined && stalledUrl.endsWith(p.file) && p.fileBytesDone > 0) {
          bytesOnDisk = p.fileBytesDone;
          resolve();
        }
      });
    });
    const job = await first.installModel({ catalogueId: 'sam-restart', acceptLicence: true });
    const firstFinal = finalUpdate(first, job.jobId);
    await reached;
    // Quitting the app: the running install is stopped and the instance closed, the stalled connection left open.
    await first.dispose();
    expect((await firstFinal).state).toBe('cancelled');
    server.dropStalled();

    const second = await startService();
    try {
      const [item] = (await second.listCatalogue()).items;
      expect(item).toMatchObject({ id: 'sam-restart', installed: false });
      expect(item!.partialBytes).toBeGreaterThanOrEqual(bytesOnDisk);
      const requestsBefore = server.requestsFor(stalledUrl).length;

      // The licence acceptance was stored in the data folder by the first instance: no need to accept again.
      const again = await second.installModel({ catalogueId: 'sam-restart' });
      const final = await finalUpdate(second, again.jobId);
      expect(final.state).toBe('done');

      const resumed = server.requestsFor(stalledUrl).slice(requestsBefore);
      expect(resumed).toHaveLength(1);
      expect(resumed[0]).toMatchObject({ status: 206 });
      const from = Number(/^bytes=(\d+)-$/.exec(resumed[0]!.range ?? '')?.[1]);
      expect(from).toBeGreaterThanOrEqual(bytesOnDisk);
      expect(from).toBeLessThanOrEqual(STALL_AFTER);
      // Every other file was fetched once in all: those finished before the restart were not fetched again.
      for (const rel of rels) if (`/demo-sam/${rel}` !== stalledUrl) expect(server.requestsFor(`/demo-sam/${rel}`)).toHaveLength(1);
      for (const rel of rels) {
        expect((await fs.readFile(path.join(root, 'models', 'sam-restart', rel))).equals(server.fileBytes(`/demo-sam/${rel}`))).toBe(true);
      }
      expect((await second.listCatalogue()).items[0]).toMatchObject({ installed: true, partialBytes: 0 });
    } finally {
      await second.dispose();
    }
  });
});
