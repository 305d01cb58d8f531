// The shipped catalogue's taesd entry installed from a local mirror (TESSERA_HF_ENDPOINT) serving the demo tiny
// decoder in the real export's layout: `models check` reports a tiny-decoder model for SD 1.x/2.x latents, and
// `generate --fast-decode` of a demo model without preview_decoder/ then uses it — the VAE's picture within the
// tiny decoder's tolerance — where before the install it was refused.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTinyDecoderBytes, writeDemoTinyDecoderFolder } from '../../../native-models/demo/sd/demo-tiny-decoder-folder.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { tessera as runTessera } from '../../fixtures/cli-output.ts';
import { modelsFolderWithDemoPack } from '../demo-pack.ts';
import { TestFileServer } from '../models/manager/test-file-server.ts';

let home: string;
let models: string;
let server: TestFileServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  home = await makeTempDir('tessera-tiny-decoder-cli-');
  models = await modelsFolderWithDemoPack(home);
  server = new TestFileServer();
  await server.start();
  server.addFile('/deinferno/taesd-onnx/resolve/main/vae_decoder/model.onnx', Buffer.from(demoTinyDecoderBytes()));
  env = { TESSERA_MODELS_DIR: models, TESSERA_DATA_DIR: path.join(home, 'data'), XDG_DATA_HOME: path.join(home, 'xdg'), TESSERA_HF_ENDPOINT: server.baseUrl };
});
afterAll(async () => {
  await server.close();
  await fs.rm(home, { recursive: true, force: true });
});

async function pixels(file: string): Promise<Buffer> {
  return sharp(file).removeAlpha().raw().toBuffer();
}

describe('tessera with an installed tiny decoder', () => {
  it('installs taesd from the catalogue and generate --fast-decode uses it for a model without preview_decoder/', async () => {
    const legacy = path.join(models, 'demo-pack', 'demo-sd-legacy');
    const args = (out: string, ...extra: string[]) => ['generate', '--model', legacy, '--prompt', 'red', '--steps', '2', '--seed', '3', '--width', '64', '--height', '64', '--out', path.join(home, out), ...extra];
    const before = await runTessera(args('refused.png', '--fast-decode'), env);
    expect(before.stderr).toMatch(/UNSUPPORTED.*install taesd \(SD 1\.x\/2\.x\) or taesdxl \(SDXL\) from the catalogue/);

    const installed = await runTessera(['models', 'install', 'taesd', '--accept-licence', '--json'], env);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);
    const check = await runTessera(['models', 'check', path.join(models, 'taesd'), '--json'], env);
    expect(JSON.parse(check.stdout)).toMatchObject({ kind: 'tiny-decoder', usable: true, tinyDecoder: { latentFamily: 'sd', outputRange: 'signed' } });

    const fast = await runTessera(args('fast.png', '--fast-decode'), env);
    expect(fast.stderr).toBe('');
    expect(fast.code).toBe(0);
    expect((await runTessera(args('full.png'), env)).code).toBe(0);
    const [a, b] = [await pixels(path.join(home, 'fast.png')), await pixels(path.join(home, 'full.png'))];
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
    expect(sum / a.length).toBeLessThanOrEqual(2);
  });

  it('models import --latent-family records the family of a downloaded TAESD export folder; a wrong value is a usage error', async () => {
    const bare = path.join(home, 'taesdxl-download');
    await writeDemoTinyDecoderFolder(bare);
    const refused = await runTessera(['models', 'import', bare], env);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/latent family this tiny decoder serves is not recorded .*--latent-family sd\|sdxl/);
    const wrong = await runTessera(['models', 'import', bare, '--latent-family', 'flux'], env);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/--latent-family: got "flux", expected sd or sdxl/);
    const imported = await runTessera(['models', 'import', bare, '--name', 'my-taesdxl', '--latent-family', 'sdxl', '--json'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ type: 'imported', name: 'my-taesdxl', kind: 'tiny-decoder', variant: 'tiny decoder (TAESD-class), for SDXL latents, output [-1, 1]' });
  });
});
