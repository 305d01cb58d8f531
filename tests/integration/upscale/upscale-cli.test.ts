// `tessera upscale` end to end with the real CLI on the demo pack's upscaler (nearest ×4 with a block signature):
// the PNG written, --tile changing the tile count but never a pixel, --json, the default model, bad options.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModel, modelsFolderWithDemoPack } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { stderrLines, tessera } from '../../fixtures/cli-output.ts';
import { drawImage, type Shape } from '../segment/draw.ts';

const W = 75;
const H = 53;
const disc: Shape = { kind: 'disc', cx: 37, cy: 26, r: 16, colour: [230, 40, 40] };
const BACKGROUND = [40, 170, 70] as const;
let dir: string;
let imagePath: string;

async function rgb(file: string) {
  const { data, info } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

beforeAll(async () => {
  dir = await makeTempDir('tessera-upscale-cli-');
  imagePath = path.join(dir, 'disc.png');
  const image = drawImage(W, H, [...BACKGROUND], [disc]);
  await sharp(Buffer.from(image.data), { raw: { width: W, height: H, channels: 3 } }).png().toFile(imagePath);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('tessera upscale', () => {
  it('writes the ×4 PNG: flat areas are the demo formula, the disc is where it was, --tile never changes a pixel', async () => {
    const small = path.join(dir, 'x4-tile32.png');
    const whole = path.join(dir, 'x4-whole.png');
    const tiled = await tessera(['upscale', imagePath, small, '--model', demoModel('demo-upscaler-x4'), '--tile', '32', '--json']);
    expect(stderrLines(tiled.stderr)).toEqual([]);
    expect(tiled.code).toBe(0);
    expect(JSON.parse(tiled.stdout)).toMatchObject({ type: 'upscale', scale: 4, width: W * 4, height: H * 4, tiles: 6, tile: 32, overlap: 16 });
    const untiled = await tessera(['upscale', imagePath, whole, '--model', demoModel('demo-upscaler-x4'), '--tile', '4096']);
    expect(untiled.code).toBe(0);
    expect(untiled.stdout).toMatch(/75×53 → 300×212 \(×4\) with .*demo-upscaler-x4, 1 tile\(s\)/);
    const a = await rgb(small);
    const b = await rgb(whole);
    expect([a.width, a.height, a.channels]).toEqual([300, 212, 3]);
    expect(Buffer.compare(a.data, b.data)).toBe(0);
    // A flat background pixel v at block position (by, bx) is round(240·v/255 + 4·by + bx) (the demo's formula, ±1 for float rounding).
    for (const [x, y] of [[1, 2], [298, 3], [5, 210]] as const) {
      const k = 4 * (y % 4) + (x % 4);
      for (let c = 0; c < 3; c++) expect(Math.abs(a.data[(y * 300 + x) * 3 + c]! - (240 * BACKGROUND[c]!) / 255 - k)).toBeLessThanOrEqual(1);
    }
    // The disc's centre, ×4.
    expect(a.data[(26 * 4 * 300 + 37 * 4) * 3]).toBeGreaterThan(200);
  });

  it('with no --model it takes the first upscaler installed; none installed is MODEL_NOT_FOUND', async () => {
    const root = await modelsFolderWithDemoPack(dir);
    const result = await tessera(['upscale', imagePath, path.join(dir, 'default.png'), '--json'], { TESSERA_MODELS_DIR: root });
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(JSON.parse(result.stdout)).toMatchObject({ model: 'demo-pack/demo-upscaler-x4', scale: 4 });
    const empty = path.join(dir, 'no-models');
    await fs.mkdir(empty);
    const none = await tessera(['upscale', imagePath, path.join(dir, 'none.png')], { TESSERA_MODELS_DIR: empty });
    expect(none.code).not.toBe(0);
    expect(stderrLines(none.stderr)).toEqual([expect.stringMatching(/MODEL_NOT_FOUND.*no upscaler installed/)]);
  });

  it.each([
    [['--tile', '8'], /--tile: got "8", expected an integer ≥ 32/],
    [['--overlap', 'x'], /--overlap: got "x", expected a number/],
    [['--model', demoModel('demo-rembg-u2net')], /MODEL_INVALID.*got no usable upscaler/],
  ])('%j is one clear line and writes nothing', async (extra, message) => {
    const out = path.join(dir, 'bad.png');
    const result = await tessera(['upscale', imagePath, out, ...extra]);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr).join('\n')).toMatch(message);
    expect(await fs.stat(out).catch(() => undefined)).toBeUndefined();
  });
});
