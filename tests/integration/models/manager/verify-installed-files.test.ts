// "Check files" against a real catalogue install (hashes measured on first use): an intact folder passes, and a
// flipped byte, a truncated file and a deleted file are each named with what was expected.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelManager } from '../../../../native-models/models/manager/index.ts';
import { verifyInstalledFiles } from '../../../../native-models/models/manager/verify-installed-files.ts';
import { demoModel } from '../../demo-pack.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';
import { TestFileServer } from './test-file-server.ts';
import { entryFor } from './test-catalogue.ts';

let scratch: string;
let server: TestFileServer;
let installedDir: string;
let rels: string[];

beforeAll(async () => {
  scratch = await makeTempDir('tessera-check-files-');
  server = new TestFileServer();
  await server.start();
  rels = await server.addFolder(demoModel('demo-sd'), 'demo-sd');
  const manager = new ModelManager({ root: path.join(scratch, 'models'), diskHeadroomBytes: 0 });
  installedDir = (await manager.install(entryFor(server, 'demo-sd', rels, 'test-sd', 'diffusion', { hashes: 'none' }))).path;
});
afterAll(async () => {
  await server.close();
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('verifyInstalledFiles', () => {
  it('passes an intact install, then names each damaged file', async () => {
    const intact = await verifyInstalledFiles(installedDir);
    expect(intact.ok).toBe(true);
    expect(intact.files.map((f) => f.path)).toEqual(rels);
    expect(intact.files.every((f) => f.status === 'ok' && f.sha256 === f.expectedSha256 && f.expectedSha256 !== null)).toBe(true);

    const onnx = rels.filter((r) => r.endsWith('.onnx'));
    const [flipped, truncated] = onnx;
    const deleted = rels.find((r) => !r.endsWith('.onnx'))!;
    const flippedFile = path.join(installedDir, flipped!);
    const bytes = await fs.readFile(flippedFile);
    bytes[bytes.length >> 1]! ^= 0xff;
    await fs.writeFile(flippedFile, bytes);
    await fs.truncate(path.join(installedDir, truncated!), 10);
    await fs.rm(path.join(installedDir, deleted));

    const damaged = await verifyInstalledFiles(installedDir);
    expect(damaged.ok).toBe(false);
    const status = Object.fromEntries(damaged.files.map((f) => [f.path, f.status]));
    expect(status).toMatchObject({ [flipped!]: 'hash-mismatch', [truncated!]: 'size-mismatch', [deleted]: 'missing' });
    expect(damaged.files.filter((f) => f.status === 'ok')).toHaveLength(rels.length - 3);
    expect(damaged.files.find((f) => f.path === truncated)).toMatchObject({ size: 10, expectedSize: server.fileBytes(`/demo-sd/${truncated}`).length });
  });

  it('refuses a folder without an install manifest with MODEL_INVALID', async () => {
    await expect(verifyInstalledFiles(demoModel('demo-sam'))).rejects.toMatchObject({ code: 'MODEL_INVALID', message: /tessera-install\.json/ });
  });
});
