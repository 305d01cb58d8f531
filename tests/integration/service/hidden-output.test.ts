// Outputs into hidden folders of the home directory (~/.ssh, ~/.gnupg, ~/.config, any ~/.name) are refused at
// the API unless the call confirms with allowHiddenOutput: Settings' outputDir and a batch's outputDir. The
// folder browser (listFolders) on the same service: its roots are the home and the configured folders.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type ApiResult } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';
import { modelsFolderWithDemoPack } from '../demo-pack.ts';

let home: string;
let savedHome: string | undefined;
let service: TesseraService;

beforeAll(async () => {
  home = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-home-'));
  savedHome = process.env.HOME;
  process.env.HOME = home; // os.homedir() reads $HOME on POSIX
  const models = await modelsFolderWithDemoPack(home);
  await fs.mkdir(path.join(home, 'pictures'));
  service = await TesseraService.start({ host: 'in-process', modelsRoot: models, dataDir: path.join(home, 'data'), backends: new EngineBackendsImpl(), provider: 'cpu' });
});
afterAll(async () => {
  await service.dispose();
  process.env.HOME = savedHome;
  await fs.rm(home, { recursive: true, force: true });
});

describe('hidden home folders as outputs', () => {
  it.each(['.ssh', '.gnupg', '.config/autostart', '.local/share/x'])('Settings outputDir ~/%s is refused without allowHiddenOutput', async (rel) => {
    const dir = path.join(home, rel);
    const hidden = `~/${rel.split('/')[0]}`;
    await expect(dispatchApiCall(service, 'updateSettings', { outputDir: dir })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: `output folder ${dir}: got a folder inside ${hidden}, a hidden folder of the home directory, expected another folder (pass allowHiddenOutput: true to write there anyway)`,
    });
    expect((await service.getSettings()).settings.outputDir).toBeNull();
  });

  it('allowHiddenOutput: true confirms it; ordinary folders need nothing', async () => {
    const confirmed = await dispatchApiCall(service, 'updateSettings', { outputDir: path.join(home, '.tessera-out'), allowHiddenOutput: true });
    expect(confirmed).toMatchObject({ outputDir: path.join(home, '.tessera-out') });
    const plain = await dispatchApiCall(service, 'updateSettings', { outputDir: path.join(home, 'pictures') });
    expect(plain).toMatchObject({ outputDir: path.join(home, 'pictures') });
  });

  it('a batch into ~/.ssh is refused, and nothing is written there', async () => {
    const outputDir = path.join(home, '.ssh');
    await expect(dispatchApiCall(service, 'startBatch', { kind: 'generate', modelId: 'demo-pack/demo-sd', outputDir, options: { prompts: ['x'] } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('got a folder inside ~/.ssh, a hidden folder of the home directory'),
    });
    await expect(fs.stat(outputDir)).rejects.toThrow();
  });
});

describe('listFolders through the service', () => {
  it('offers the home, models, data and output folders as roots and browses under them only', async () => {
    const roots = (await dispatchApiCall(service, 'listFolders', {})) as ApiResult<'listFolders'>;
    expect(roots.roots.map((r) => r.label)).toEqual(['Home', 'Models folder', 'Data folder', 'Output folder']);
    expect(roots.roots[0]!.path).toBe(await fs.realpath(home));
    const listing = (await dispatchApiCall(service, 'listFolders', { path: home })) as ApiResult<'listFolders'>;
    expect(listing.folders.map((f) => f.name)).toEqual(expect.arrayContaining(['data', 'models', 'pictures']));
    await expect(dispatchApiCall(service, 'listFolders', { path: os.tmpdir() })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
