// Remove from the Models screen: a copied model goes to the (temp) freedesktop trash with its .trashinfo, a
// linked one loses only its link, and any model a queued or running job uses is refused with the job named.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobUpdateEvent } from '../../../native-models/api/index.ts';
import { ModelManager } from '../../../native-models/models/manager/index.ts';
import { ModelLibrary } from '../../../native-models/service/model-library.ts';
import { ModelRegistry } from '../../../native-models/service/model-registry.ts';
import { moveToTrash } from '../../../native-models/service/system-trash.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';

let scratch: string;
beforeAll(async () => {
  scratch = await makeTempDir('tessera-model-library-');
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

function library(jobs: JobUpdateEvent[] = []) {
  const root = path.join(scratch, 'models');
  const registry = new ModelRegistry(new ModelManager({ root, diskHeadroomBytes: 0 }));
  const trashPlace = { platform: 'linux' as const, env: { XDG_DATA_HOME: path.join(scratch, 'xdg') }, home: scratch };
  const lib = new ModelLibrary({ registry, jobs: () => jobs, defaults: () => ({ diffusion: 'sd-copy' }), selectedId: () => null, trash: (dir) => moveToTrash(dir, trashPlace) });
  return { lib, registry, root };
}

describe('ModelLibrary.remove', () => {
  it('trashes a copied model, unlinks a linked one, and refuses one a job uses', async () => {
    const { registry } = library();
    await registry.manager.importFolder(demoModel('demo-sd'), { mode: 'copy', name: 'sd-copy' });
    await registry.manager.importFolder(demoModel('demo-sam'), { mode: 'link', name: 'sam-link' });

    const running: JobUpdateEvent = { jobId: 'job-1', kind: 'generate', modelId: 'sd-copy', state: 'running', label: 'a red fox' };
    const busy = library([running, { ...running, jobId: 'job-0', state: 'done' }]).lib;
    await expect(busy.remove('sd-copy')).rejects.toMatchObject({ code: 'FOLDER_LOCKED', message: /a red fox/, details: { jobIds: ['job-1'] } });
    const usage = (await busy.listModelUsage()).usage.find((u) => u.modelId === 'sd-copy');
    expect(usage).toEqual({ modelId: 'sd-copy', jobs: [{ jobId: 'job-1', state: 'running', label: 'a red fox' }], defaultFor: ['diffusion'], selected: false });

    const { lib, root } = library();
    const trashed = await lib.remove('sd-copy');
    expect(trashed).toEqual({ deleted: 'sd-copy', unlinked: false, trashedTo: path.join(scratch, 'xdg', 'Trash', 'files', 'sd-copy') });
    expect(await fs.readFile(path.join(trashed.trashedTo!, 'unet', 'model.onnx'))).toEqual(await fs.readFile(path.join(demoModel('demo-sd'), 'unet', 'model.onnx')));
    expect(await fs.readFile(path.join(scratch, 'xdg', 'Trash', 'info', 'sd-copy.trashinfo'), 'utf8')).toContain(`Path=${path.join(root, 'sd-copy')}`);

    expect(await lib.remove('sam-link')).toEqual({ deleted: 'sam-link', unlinked: true });
    expect(await fs.readdir(root)).toEqual([]);
    expect((await fs.readdir(demoModel('demo-sam'))).length).toBeGreaterThan(1);
  });
});
