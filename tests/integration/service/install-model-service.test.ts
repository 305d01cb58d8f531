// The service's installModel: refused until the entry's licence is accepted (then remembered in the data folder),
// and several installs queue one behind the other. A loopback server stands in for the model host.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TesseraService } from '../../../native-models/service.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { TestFileServer } from '../models/manager/test-file-server.ts';
import { entryFor } from '../models/manager/test-catalogue.ts';

let root: string;
let server: TestFileServer;
let service: TesseraService;
let stalledFile: string;

beforeAll(async () => {
  root = await makeTempDir('tessera-install-service-');
  server = new TestFileServer();
  await server.start();
  const rels = await server.addFolder(demoModel('demo-sam'), 'demo-sam');
  const first = entryFor(server, 'demo-sam', rels, 'sam-one', 'sam', { hashes: 'real' });
  const second = entryFor(server, 'demo-sam', rels, 'sam-two', 'sam', { hashes: 'real' });
  // The first install hangs on its last file until cancelled, so the second one has to wait.
  stalledFile = `/demo-sam/${rels.at(-1)!}`;
  server.stallAlways.set(stalledFile, 100);
  const cataloguePath = path.join(root, 'catalogue.json');
  await fs.writeFile(cataloguePath, JSON.stringify({ version: 1, notes: [], models: [first, second] }));
  service = await TesseraService.start({ host: 'in-process', modelsRoot: path.join(root, 'models'), dataDir: path.join(root, 'data'), provider: 'cpu', demoPackOnFirstRun: false, cataloguePath });
});
afterAll(async () => {
  await service.dispose();
  await server.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('installModel', () => {
  it('refuses an unaccepted licence before queuing anything, naming the licence and where to read it', async () => {
    await expect(service.installModel({ catalogueId: 'sam-one' })).rejects.toMatchObject({
      code: 'LICENCE_NOT_ACCEPTED',
      message: expect.stringContaining('https://example.invalid/licence'),
      details: { licenceId: 'test-licence-1.0' },
    });
    expect((await service.listJobs()).jobs).toEqual([]);
    expect(server.requests).toEqual([]);
    expect((await service.listCatalogue()).items.map((i) => i.licenceAccepted)).toEqual([false, false]);
  });

  it('accepts it once (stored in the data folder) and queues a second install behind the first', async () => {
    const first = await service.installModel({ catalogueId: 'sam-one', acceptLicence: true });
    expect(first.queuePosition).toBe(0);
    const accepted = JSON.parse(await fs.readFile(path.join(root, 'data', 'accepted-licences.json'), 'utf8')) as { accepted: Record<string, { url: string }> };
    expect(accepted.accepted['test-licence-1.0']?.url).toBe('https://example.invalid/licence');
    expect((await service.listCatalogue()).items.every((i) => i.licenceAccepted)).toBe(true);

    // Same licence: no acceptance needed again. Queued, not started, while the first runs.
    const second = await service.installModel({ catalogueId: 'sam-two' });
    expect(second.queuePosition).toBe(1);
    const states = Object.fromEntries((await service.listJobs()).jobs.map((j) => [j.jobId, j.state]));
    expect(states[second.jobId]).toBe('queued');

    await service.cancel({ jobId: second.jobId });
    await service.cancel({ jobId: first.jobId });
    expect(server.requests.some((r) => r.path === stalledFile)).toBe(true);
  });
});
