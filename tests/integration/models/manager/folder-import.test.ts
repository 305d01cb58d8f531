// Importing model folders (copy and link), listing and deleting them — never touching anything outside the root.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelManager } from '../../../../native-models/models/manager/index.ts';
import { demoModel } from '../../demo-pack.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';

let scratch: string;
let roots = 0;

beforeAll(async () => {
  scratch = await makeTempDir('tessera-import-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const newManager = () => new ModelManager({ root: path.join(scratch, `root-${++roots}`), diskHeadroomBytes: 0 });

async function fileCount(dir: string): Promise<number> {
  return (await fs.readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length;
}

describe('ModelManager import, list and delete', () => {
  it('copies a folder in, validated, with a manifest, and lists it', async () => {
    const manager = newManager();
    const source = demoModel('demo-sd');
    const installed = await manager.importFolder(source, { mode: 'copy' });
    expect(installed).toMatchObject({ id: 'demo-sd', linked: false, report: { kind: 'diffusion', usable: true } });
    expect(installed.manifest).toMatchObject({ source: 'import', importedFrom: path.resolve(source) });
    // Every source file plus the manifest.
    expect(await fileCount(installed.path)).toBe((await fileCount(source)) + 1);
    expect(installed.manifest?.files).toHaveLength(await fileCount(source));
    expect(await fs.readdir(manager.root)).toEqual(['demo-sd']);
    expect((await manager.list()).map((m) => m.id)).toEqual(['demo-sd']);
  });

  it('links a folder under a chosen name; deleting the link leaves the source intact', async () => {
    const manager = newManager();
    const source = demoModel('demo-sd-legacy');
    const before = await fileCount(source);
    const installed = await manager.importFolder(source, { mode: 'link', name: 'my-legacy' });
    expect(installed).toMatchObject({ id: 'my-legacy', linked: true, linkTarget: path.resolve(source), report: { usable: true } });
    expect(installed.manifest).toBeUndefined();
    await manager.delete('my-legacy');
    expect(await manager.list()).toEqual([]);
    expect(await fileCount(source)).toBe(before);
  });

  it('deletes a copied model completely', async () => {
    const manager = newManager();
    await manager.importFolder(demoModel('demo-sd'), { mode: 'copy', name: 'to-delete' });
    await manager.delete('to-delete');
    expect(await fs.readdir(manager.root)).toEqual([]);
    await expect(manager.delete('to-delete')).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('refuses an unusable folder with the report’s problems and leaves the root empty', async () => {
    const manager = newManager();
    const broken = path.join(scratch, 'broken-sd');
    await fs.cp(demoModel('demo-sd'), broken, { recursive: true });
    await fs.rm(path.join(broken, 'unet', 'model.onnx'));
    await expect(manager.importFolder(broken, { mode: 'copy' })).rejects.toMatchObject({ code: 'MODEL_INVALID', message: expect.stringContaining('unet') });
    expect(await fs.readdir(manager.root).catch(() => [])).toEqual([]);
  });

  it('refuses a name that is taken, a bad name, and a folder inside the root', async () => {
    const manager = newManager();
    await manager.importFolder(demoModel('demo-sd'), { mode: 'copy', name: 'taken' });
    await expect(manager.importFolder(demoModel('demo-sd'), { mode: 'link', name: 'taken' })).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
    await expect(manager.importFolder(demoModel('demo-sd'), { mode: 'copy', name: '../escape' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(manager.importFolder(path.join(manager.root, 'taken'), { mode: 'copy', name: 'again' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(manager.importFolder(path.join(scratch, 'nowhere'), { mode: 'copy' })).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
  });

  it('never deletes outside the root or the manager’s own temp folders', async () => {
    const manager = newManager();
    const outside = path.join(scratch, 'outside');
    await fs.mkdir(outside, { recursive: true });
    for (const id of ['../outside', '..', '.', 'a/b', '.tmp-x-download', '']) {
      await expect(manager.delete(id), id).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect((await fs.stat(outside)).isDirectory()).toBe(true);
  });
});
