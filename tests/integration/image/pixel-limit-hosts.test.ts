// The pixel limit at every door an image comes in by: `tessera segment` / `generate --init`, a folder batch,
// and the API (openImage, segment uploads, updateSettings.maxPixels). The bomb is a 16000×16000 PNG declared in a
// valid IHDR (256 Mpx: under sharp's own default limit, so before the 64 Mpx limit it was decoded).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, DEFAULT_MAX_PIXELS, type EncodedImage } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { EngineBackendsImpl } from '../../../native-models/service/engine-backends.ts';
import { maxPixels } from '../../../native-models/image/pixel-limit.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { stderrLines } from '../../fixtures/cli-output.ts';
import { pngDeclaringSize, twoColourPng } from '../../unit/image/image-fixtures.ts';
import { demoModel, demoPackDir } from '../demo-pack.ts';
import { readManifestLines, tessera } from '../batch/batch-cli.ts';
import { drawImage } from '../segment/draw.ts';
import { encodePng } from '../../../native-models/image/encode-png.ts';

const TOO_LARGE = /IMAGE_TOO_LARGE.*got 16000x16000 \(256000000 pixels\), expected at most 67108864 pixels \(raise the limit with --max-pixels N/;
let root: string;
let bomb: string;
let small: string;

beforeAll(async () => {
  root = await makeTempDir('tessera-pixel-limit-');
  bomb = path.join(root, 'bomb.png');
  small = path.join(root, 'small.png');
  await fs.writeFile(bomb, pngDeclaringSize(16_000, 16_000));
  // a red disc on grey: the demo SAM's centre prompt selects it
  await fs.writeFile(small, await encodePng(drawImage(64, 64, [128, 128, 128], [{ kind: 'disc', cx: 32, cy: 32, r: 20, colour: [255, 0, 0] }])));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function expectOneLine(result: { code: number | null; stderr: string }, message: RegExp): void {
  expect(result.code).toBe(1);
  expect(stderrLines(result.stderr)).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}

describe('CLI', () => {
  it('segment --image BOMB is one IMAGE_TOO_LARGE line', async () => {
    expectOneLine(await tessera(['segment', '--model', demoModel('demo-sam'), '--image', bomb, '--point', '1,1']), TOO_LARGE);
  });

  it('generate --init BOMB is one IMAGE_TOO_LARGE line', async () => {
    expectOneLine(await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'x', '--init', bomb, '--out', path.join(root, 'g.png')]), TOO_LARGE);
  });

  it('--max-pixels sets the limit for the run, and a bad value is a usage line', async () => {
    expectOneLine(await tessera(['segment', '--model', demoModel('demo-sam'), '--image', small, '--point', '1,1', '--max-pixels', '4000']), /got 64x64 \(4096 pixels\), expected at most 4000 pixels/);
    expectOneLine(await tessera(['segment', '--model', demoModel('demo-sam'), '--image', small, '--point', '1,1', '--max-pixels', 'lots']), /--max-pixels: got "lots", expected a whole number of pixels/);
  });

  it('batch cutout records the bomb as IMAGE_TOO_LARGE and cuts out the rest', async () => {
    const inputDir = path.join(root, 'batch-in');
    const outputDir = path.join(root, 'batch-out');
    await fs.mkdir(inputDir);
    await fs.copyFile(bomb, path.join(inputDir, 'bomb.png'));
    await fs.copyFile(small, path.join(inputDir, 'small.png'));
    const result = await tessera(['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', outputDir]);
    expect(result.code).toBe(1); // one input failed
    const lines = (await readManifestLines(outputDir)).reverse(); // the latest line of an input is its state
    expect(lines.find((l) => l.input === 'bomb.png')).toMatchObject({ code: 'IMAGE_TOO_LARGE', error: expect.stringMatching(TOO_LARGE.source.replace('IMAGE_TOO_LARGE.*', '')) });
    expect(lines.find((l) => l.input === 'small.png')).toMatchObject({ status: 'done' });
  });
});

describe('API', () => {
  let service: TesseraService;
  let modelsDir: string;
  const encoded = (png: Uint8Array): EncodedImage => ({ mimeType: 'image/png', base64: Buffer.from(png).toString('base64') });

  beforeAll(async () => {
    modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-pixel-limit-models-'));
    await fs.symlink(demoPackDir(), path.join(modelsDir, 'demo-pack'));
    service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, backends: new EngineBackendsImpl(), provider: 'cpu' });
  });
  afterAll(async () => {
    await service.dispose();
    await fs.rm(modelsDir, { recursive: true, force: true });
  });

  it('openImage and segment refuse the bomb with IMAGE_TOO_LARGE', async () => {
    const image = encoded(pngDeclaringSize(16_000, 16_000));
    await expect(dispatchApiCall(service, 'openImage', { image })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/got 16000x16000/) });
    await expect(dispatchApiCall(service, 'segment', { modelId: 'demo-pack/demo-sam', image: { image }, points: [{ x: 1, y: 1, label: 1 }] })).rejects.toMatchObject({
      code: 'IMAGE_TOO_LARGE',
    });
  });

  it('Settings.maxPixels is the limit in force, defaulting to 64 Mpx, and a bad value is refused', async () => {
    expect((await service.getSettings()).settings.maxPixels).toBe(DEFAULT_MAX_PIXELS);
    const png = encoded(await twoColourPng(64, 64));
    try {
      await dispatchApiCall(service, 'updateSettings', { maxPixels: 4000 });
      expect(maxPixels()).toBe(4000);
      await expect(dispatchApiCall(service, 'openImage', { image: png })).rejects.toMatchObject({ code: 'IMAGE_TOO_LARGE', message: expect.stringMatching(/expected at most 4000 pixels/) });
      await expect(dispatchApiCall(service, 'updateSettings', { maxPixels: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    } finally {
      await dispatchApiCall(service, 'updateSettings', { maxPixels: DEFAULT_MAX_PIXELS });
    }
    await expect(dispatchApiCall(service, 'openImage', { image: png })).resolves.toMatchObject({ width: 64, height: 64 });
  });
});
