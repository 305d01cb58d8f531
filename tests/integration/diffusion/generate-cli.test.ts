// `tessera generate` end to end: PNG written with its parameters, metadata read back, one-line errors.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { readPngTextChunks } from '../../../native-models/image/png-metadata/png-text-chunks.ts';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { stderrLines, tessera } from '../../fixtures/cli-output.ts';
import { PLAIN_GENERATION_DEFAULTS } from '../../../native-models/api/generation-defaults.ts';
import { DEFAULT_FORM } from '../../../renderer/src/store/generate-params.ts';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('tessera-generate-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('tessera generate', () => {
  it('writes a PNG of the prompt with A1111 + Tessera metadata that reads back', async () => {
    const out = path.join(dir, 'red-circle.png');
    const args = ['generate', '--model', demoModel('demo-sd'), '--prompt', 'a red circle', '--negative', 'blue', '--steps', '6'];
    const result = await tessera([...args, '--scheduler', 'euler', '--guidance', '1', '--seed', '1234', '--width', '64', '--height', '72', '--out', out, '--json']);
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const events = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(events.filter((e) => e.type === 'progress')).toHaveLength(6);
    expect(events.at(-1)).toMatchObject({ type: 'image', path: out, seed: 1234 });

    const png = await fs.readFile(out);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([64, 72]);
    // centre pixel is red (the disc), a corner is mid-gray
    const at = (x: number, y: number) => Array.from(data.subarray((y * 64 + x) * info.channels, (y * 64 + x) * info.channels + 3));
    expect(at(32, 24)).toEqual([255, 0, 0]);
    expect(at(1, 1)).toEqual([128, 128, 128]);

    const meta = readGenerationParameters(new Uint8Array(png));
    expect(meta).toMatchObject({
      dialect: 'tessera',
      parameters: { prompt: 'a red circle', negativePrompt: 'blue', steps: 6, sampler: 'euler', guidance: 1, seed: 1234, width: 64, height: 72, model: 'demo-sd' },
    });
  });

  it("writes the model's own scheduler in the A1111 parameters exactly as the same one asked for by name (PLMS)", async () => {
    const sampler = async (name: string, extra: string[]) => {
      const out = path.join(dir, `sampler-${name}.png`);
      const result = await tessera(['generate', '--model', demoModel('demo-sd-legacy'), '--prompt', 'a red circle', '--steps', '2', '--seed', '3', '--width', '64', '--height', '64', '--out', out, ...extra]);
      expect(result.code, result.stderr).toBe(0);
      const chunk = readPngTextChunks(new Uint8Array(await fs.readFile(out))).find((c) => c.keyword === 'parameters');
      return /Sampler: ([^,]+)/.exec(chunk?.text ?? '')?.[1];
    };
    // The legacy demo folder's scheduler_config.json names PNDMScheduler (SD 1.5's own).
    expect(await sampler('default', [])).toBe('PLMS');
    expect(await sampler('pndm', ['--scheduler', 'pndm'])).toBe('PLMS');
  });

  it('without --steps/--guidance writes the same Steps and CFG scale as the Studio form starts with (one default)', async () => {
    const out = path.join(dir, 'defaults.png');
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'a red circle', '--seed', '5', '--width', '64', '--height', '64', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const parameters = readGenerationParameters(new Uint8Array(await fs.readFile(out)))?.parameters;
    expect(parameters).toMatchObject({ steps: PLAIN_GENERATION_DEFAULTS.steps, guidance: PLAIN_GENERATION_DEFAULTS.guidance });
    expect({ steps: DEFAULT_FORM.steps, guidance: DEFAULT_FORM.guidance }).toEqual({ steps: parameters?.steps, guidance: parameters?.guidance });
  });

  it('never overwrites an existing output without --overwrite', async () => {
    const out = path.join(dir, 'existing.png');
    await fs.writeFile(out, 'keep me');
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'red', '--steps', '2', '--width', '64', '--height', '64', '--out', out]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/OUTPUT_EXISTS/);
    expect(await fs.readFile(out, 'utf8')).toBe('keep me');
  });

  it('--fast-decode reaches the engine: a folder without a tiny decoder is refused in one line, nothing written', async () => {
    const out = path.join(dir, 'fast.png');
    const result = await tessera(['generate', '--model', demoModel('demo-sd-legacy'), '--prompt', 'red', '--steps', '1', '--width', '64', '--height', '64', '--fast-decode', '--out', out, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error \[UNSUPPORTED\]: .*demo-sd-legacy: fast decode needs a tiny decoder: the folder has no preview_decoder\/model\.onnx and no tiny decoder for SD 1\.x\/2\.x latents is installed/);
    await expect(fs.access(out)).rejects.toThrow();
  });

  it('refuses a taken output path before any step runs, naming --overwrite', async () => {
    // --count 2 --seed 5 writes x-5.png and x-6.png; the second is taken, so neither is made.
    const out = path.join(dir, 'taken.png');
    const taken = path.join(dir, 'taken-6.png');
    await fs.writeFile(taken, 'keep me');
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'red', '--steps', '2', '--width', '16', '--height', '16', '--count', '2', '--seed', '5', '--out', out, '--json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error [OUTPUT_EXISTS]: ${taken}: got an existing file, expected a free path (pass --overwrite to replace it)`);
    expect(result.stdout).toBe('');
    await expect(fs.access(path.join(dir, 'taken-5.png'))).rejects.toThrow();
    expect(await fs.readFile(taken, 'utf8')).toBe('keep me');
  });

  it.each([
    [['--width', '100'], /width: got 100, expected a multiple of 8/],
    [['--scheduler', 'warp-drive'], /warp-drive/],
    [['--steps', 'ten'], /--steps: got "ten", expected a number/],
    [['--init', '/nonexistent/picture.png'], /IMAGE_UNREADABLE/],
  ])('%j is one clear line and a non-zero exit', async (extra, message) => {
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'red', '--steps', '2', '--width', '64', '--height', '64', ...extra, '--out', path.join(dir, 'x.png')]);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('a missing model folder is one clear line', async () => {
    const result = await tessera(['generate', '--model', path.join(dir, 'no-such-model'), '--prompt', 'red']);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/no-such-model.*folder not found/);
  });

  it('a mask of the wrong size is one clear line', async () => {
    const init = path.join(dir, 'init.png');
    const mask = path.join(dir, 'mask.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#336699' } }).png().toFile(init);
    await sharp({ create: { width: 32, height: 32, channels: 3, background: '#ffffff' } }).png().toFile(mask);
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'red', '--steps', '2', '--init', init, '--mask', mask, '--out', path.join(dir, 'y.png')]);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/got 32x32, expected 64x64|got 32×32, expected 64×64/);
  });

  it('--outpaint extends the init image: original pixels kept exactly, new strip generated, recorded in the metadata', async () => {
    const init = path.join(dir, 'outpaint-init.png');
    const original = Buffer.alloc(40 * 40 * 3).map((_, i) => (i * 7) % 199);
    await sharp(original, { raw: { width: 40, height: 40, channels: 3 } }).png().toFile(init);
    const out = path.join(dir, 'outpainted.png');
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'yellow', '--steps', '4', '--guidance', '1', '--seed', '2', '--init', init, '--outpaint', 'right=24', '--outpaint-overlap', '8', '--out', out]);
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([64, 40]);
    for (let y = 0; y < 40; y++) expect(Buffer.compare(data.subarray(y * 64 * 3, (y * 64 + 32) * 3), original.subarray(y * 40 * 3, (y * 40 + 32) * 3))).toBe(0);
    const [r, g, b] = Array.from(data.subarray((20 * 64 + 60) * 3, (20 * 64 + 60) * 3 + 3));
    expect(Math.abs(r! - 255) + Math.abs(g! - 255) + b!).toBeLessThanOrEqual(24); // the prompt's yellow
    expect(readGenerationParameters(new Uint8Array(await fs.readFile(out)))?.parameters).toMatchObject({ width: 64, height: 40, outpaint: { left: 0, right: 24, top: 0, bottom: 0, overlap: 8 } });
  });

  it('--hires-* runs the second pass at the hires size and writes A1111 Hires keys', async () => {
    const out = path.join(dir, 'hires.png');
    const result = await tessera(['generate', '--model', demoModel('demo-sd'), '--prompt', 'a red circle', '--steps', '4', '--guidance', '1', '--seed', '2', '--width', '64', '--height', '64', '--hires-scale', '1.5', '--hires-steps', '3', '--hires-strength', '0.6', '--hires-upscaler', 'lanczos', '--out', out]);
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const png = await fs.readFile(out);
    const { info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([96, 96]);
    const a1111 = readPngTextChunks(new Uint8Array(png)).find((c) => c.keyword === 'parameters')!.text;
    expect(a1111).toMatch(/Size: 64x64, Model: demo-sd, Denoising strength: 0\.6, Hires upscale: 1\.5, Hires steps: 3, Hires upscaler: Lanczos/);
  });
});
