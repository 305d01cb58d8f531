// `tessera generate --refiner NAME|DIR --refiner-start S`: the CLI hands the same schedule over to the refiner as the
// engine API does (byte-identical picture), and the PNG's A1111 infotext carries "Refiner: <title>" and
// "Refiner switch at: S" (A1111's own keys, modules/processing_scripts/refiner.py), which read back.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFINER_DEFAULTS } from '../../../native-models/api/refiner-defaults.ts';
import { parseA1111Infotext } from '../../../native-models/image/png-metadata/a1111-infotext.ts';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { readPngTextChunks } from '../../../native-models/image/png-metadata/png-text-chunks.ts';
import { generateImages } from '../../../native-models/pipelines/diffusion/generate-images.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { tessera } from '../../fixtures/cli-output.ts';
import { openDemo } from './diffusion-test-kit.ts';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('tessera-refiner-cli-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const settings = { prompt: 'a red circle', steps: 10, seed: 7, width: 96, height: 64, scheduler: 'euler', guidance: 1 };
const flags = ['--prompt', settings.prompt, '--steps', '10', '--seed', '7', '--width', '96', '--height', '64', '--scheduler', 'euler', '--guidance', '1'];

describe('tessera generate --refiner', () => {
  it.each([
    ['0.7', 0.7],
    [undefined, REFINER_DEFAULTS.switchAt],
  ] as const)('--refiner-start %s: the engine\'s hand-over, recorded as A1111 writes it', async (start, switchAt) => {
    const out = path.join(dir, `refined-${start ?? 'default'}.png`);
    const result = await tessera(['generate', '--model', demoModel('demo-sdxl'), ...flags, '--refiner', demoModel('demo-sdxl-refiner'), ...(start ? ['--refiner-start', start] : []), '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const png = new Uint8Array(await fs.readFile(out));
    const [expected] = await generateImages(await openDemo('demo-sdxl'), settings, { refiner: { model: await openDemo('demo-sdxl-refiner'), switchAt } });
    expect(Buffer.from(await sharp(png).raw().toBuffer()).equals(Buffer.from(expected!.image.data))).toBe(true);

    const infotext = readPngTextChunks(png).find((c) => c.keyword === 'parameters')!.text;
    expect(infotext).toContain(`Refiner: demo-sdxl-refiner, Refiner switch at: ${switchAt}`);
    expect(parseA1111Infotext(infotext)?.parameters.refiner).toEqual({ model: 'demo-sdxl-refiner', switchAt });
    expect(readGenerationParameters(png)?.parameters.refiner).toEqual({ model: 'demo-sdxl-refiner', switchAt });
  });

  it('refuses --refiner-start without --refiner, or outside (0, 1), before any model runs', async () => {
    const alone = await tessera(['generate', '--model', demoModel('demo-sdxl'), ...flags, '--refiner-start', '0.8', '--out', path.join(dir, 'x.png')]);
    expect(alone.code).toBe(1);
    expect(alone.stderr).toContain('--refiner-start needs --refiner');
    const outside = await tessera(['generate', '--model', demoModel('demo-sdxl'), ...flags, '--refiner', demoModel('demo-sdxl-refiner'), '--refiner-start', '1', '--out', path.join(dir, 'y.png')]);
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain("--refiner-start: Too big: expected number to be <1");
  });
});
