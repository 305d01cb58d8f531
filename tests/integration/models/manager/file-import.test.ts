// Importing a single .onnx file: a background-removal model becomes its own folder, one half of a SAM pair
// brings its partner, and a file that is no model on its own is refused leaving nothing in the models folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelManager } from '../../../../native-models/models/manager/index.ts';
import { demoModel } from '../../demo-pack.ts';
import { makeTempDir } from '../../../fixtures/tiny-models.ts';

let scratch: string;
let roots = 0;
beforeAll(async () => {
  scratch = await makeTempDir('tessera-file-import-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});
const newManager = () => new ModelManager({ root: path.join(scratch, `root-${++roots}`), diskHeadroomBytes: 0 });

describe('ModelManager.importFile', () => {
  it('copies a background-removal .onnx into a new folder named after it, with a manifest', async () => {
    const manager = newManager();
    const installed = await manager.importFile(path.join(demoModel('demo-rembg-u2net'), 'u2net.onnx'), {});
    expect(installed).toMatchObject({ id: 'u2net', linked: false, report: { kind: 'background-removal', usable: true } });
    expect((await fs.readdir(installed.path)).sort()).toEqual(['tessera-install.json', 'u2net.onnx']);
    expect(installed.manifest?.files).toEqual([{ path: 'u2net.onnx', size: (await fs.stat(path.join(demoModel('demo-rembg-u2net'), 'u2net.onnx'))).size, sha256: null, sha256Source: null }]);
  });

  it('one half of a SAM pair brings the other half', async () => {
    const manager = newManager();
    const installed = await manager.importFile(path.join(demoModel('demo-sam'), 'sam_demo.decoder.onnx'), { name: 'my-sam' });
    expect(installed).toMatchObject({ id: 'my-sam', report: { kind: 'sam', usable: true } });
    expect((await fs.readdir(installed.path)).sort()).toEqual(['sam_demo.decoder.onnx', 'sam_demo.encoder.onnx', 'tessera-install.json']);
  });

  it('refuses a file that is not a usable model on its own, and leaves no folder behind', async () => {
    const manager = newManager();
    const unet = path.join(demoModel('demo-sd'), 'text_encoder', 'model.onnx');
    await expect(manager.importFile(unet, {})).rejects.toMatchObject({ code: 'MODEL_INVALID', message: /not a usable model on its own/ });
    await expect(manager.importFile(path.join(demoModel('demo-sd'), 'model_index.json'), {})).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await fs.readdir(manager.root).catch(() => [])).toEqual([]);
  });
});
