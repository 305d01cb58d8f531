// `tessera cutout` end to end on the demo pack's background-removal model (u2net contract, subject = far from
// the border colour): cut-out, --mask-only, --bgcolor, --crop, --refine with SAM, --alpha-matting, --json.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeSubjectModel } from '../../fixtures/subject-models.ts';
import { stderrLines, tessera } from '../../fixtures/cli-output.ts';
import { drawImage, iou, shapeMask, type Shape } from '../segment/draw.ts';

const W = 240;
const H = 160;
const disc: Shape = { kind: 'disc', cx: 110, cy: 80, r: 50, colour: [230, 40, 40] };
let dir: string;
let imagePath: string;

async function rgba(file: string) {
  const { data, info } = await sharp(file).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

function alphaMask(image: { data: Buffer; width: number; height: number }) {
  return { width: image.width, height: image.height, data: Uint8Array.from({ length: image.width * image.height }, (_, i) => (image.data[i * 4 + 3]! >= 128 ? 1 : 0)) };
}

beforeAll(async () => {
  dir = await makeTempDir('tessera-cutout-cli-');
  imagePath = path.join(dir, 'disc.png');
  const image = drawImage(W, H, [40, 170, 70], [disc]);
  await sharp(Buffer.from(image.data), { raw: { width: W, height: H, channels: 3 } }).png().toFile(imagePath);
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('tessera cutout', () => {
  it('cuts out the subject (alpha = the disc), keeps the colours, and --json prints its confidence', async () => {
    const out = path.join(dir, 'cut.png');
    const result = await tessera(['cutout', imagePath, out, '--model', demoModel('demo-rembg-u2net'), '--json']);
    expect(stderrLines(result.stderr)).toEqual([]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { type: string; confidence: number; family: string; bbox: number[] };
    expect(json).toMatchObject({ type: 'cutout', family: 'u2net' });
    expect(json.confidence).toBeGreaterThan(0.9);
    expect(json.confidence).toBeLessThanOrEqual(1);
    const cut = await rgba(out);
    expect([cut.width, cut.height]).toEqual([W, H]);
    expect(iou(alphaMask(cut), shapeMask(W, H, disc))).toBeGreaterThan(0.95);
    const centre = (80 * W + 110) * 4;
    expect(Array.from(cut.data.subarray(centre, centre + 4))).toEqual([230, 40, 40, 255]);
    expect(cut.data[3]).toBe(0); // corner: background
  });

  it('--mask-only writes the grey mask (rembg only_mask) and ignores --bgcolor', async () => {
    const out = path.join(dir, 'mask.png');
    const result = await tessera(['cutout', imagePath, out, '--model', demoModel('demo-rembg-u2net'), '--mask-only', '--bgcolor', '0,0,255']);
    expect(result.code).toBe(0);
    const meta = await sharp(out).metadata();
    expect(meta.channels).toBe(1);
    const { data } = await sharp(out).greyscale().raw().toBuffer({ resolveWithObject: true });
    const mask = { width: W, height: H, data: Uint8Array.from(data, (v) => (v >= 128 ? 1 : 0)) };
    expect(iou(mask, shapeMask(W, H, disc))).toBeGreaterThan(0.95);
  });

  it('--bgcolor lays the cut-out over the colour (opaque); --crop crops to the subject', async () => {
    const out = path.join(dir, 'blue.png');
    const result = await tessera(['cutout', imagePath, out, '--model', demoModel('demo-rembg-u2net'), '--bgcolor', '0,0,255', '--crop', '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { bbox: [number, number, number, number] };
    const cut = await rgba(out);
    expect([cut.width, cut.height]).toEqual([json.bbox[2], json.bbox[3]]);
    expect(Math.abs(cut.width - 100)).toBeLessThanOrEqual(3);
    expect(Array.from(cut.data.subarray(0, 4))).toEqual([0, 0, 255, 255]); // crop corner: outside the disc
    for (let i = 3; i < cut.data.length; i += 4) expect(cut.data[i]).toBe(255);
  });

  it('--feather PX softens the subject\'s edge over about PX pixels and widens --crop by PX on each side', async () => {
    const plain = path.join(dir, 'sharp-edge.png');
    const soft = path.join(dir, 'feathered.png');
    const model = ['--model', demoModel('demo-rembg-u2net')];
    expect((await tessera(['cutout', imagePath, plain, ...model])).code).toBe(0);
    const feathered = await tessera(['cutout', imagePath, soft, ...model, '--feather', '6', '--json']);
    expect(stderrLines(feathered.stderr)).toEqual([]);
    const [a, b] = [await rgba(plain), await rgba(soft)];
    // Along the disc's middle row, from its centre leftwards out of it: how many pixels are partly transparent.
    const soft1 = (image: typeof a) => Array.from({ length: 110 }, (_, i) => image.data[(80 * W + 110 - i) * 4 + 3]!).filter((v) => v > 5 && v < 250).length;
    expect(soft1(b)).toBeGreaterThanOrEqual(soft1(a) + 6);
    expect(soft1(b)).toBeLessThanOrEqual(2 * 6 + 4);
    // Still the disc: opaque inside, transparent far outside, and the same subject.
    expect(b.data[(80 * W + 110) * 4 + 3]).toBe(255);
    expect(b.data[3]).toBe(0);
    expect(iou(alphaMask(b), shapeMask(W, H, disc))).toBeGreaterThan(0.93);

    // The subject's box (bbox in --json) stays; the cropped image around it grows by the feather on each side.
    const [wide, tight] = [path.join(dir, 'feathered-crop.png'), path.join(dir, 'sharp-crop.png')];
    const cropped = await tessera(['cutout', imagePath, wide, ...model, '--feather', '6', '--crop', '--json']);
    const sharpCrop = await tessera(['cutout', imagePath, tight, ...model, '--crop', '--json']);
    expect(JSON.parse(cropped.stdout).bbox).toEqual(JSON.parse(sharpCrop.stdout).bbox);
    const [w, t] = [await sharp(wide).metadata(), await sharp(tight).metadata()];
    expect([w.width, w.height]).toEqual([t.width! + 12, t.height! + 12]);
  });

  it('--feather must be a whole number of pixels: one clear line', async () => {
    const result = await tessera(['cutout', imagePath, path.join(dir, 'bad-feather.png'), '--model', demoModel('demo-rembg-u2net'), '--feather', '1.5']);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/feather/)]);
  });

  it('--refine with the demo SAM keeps SAM\'s mask where it agrees; --alpha-matting runs; both still the disc', async () => {
    const out = path.join(dir, 'refined.png');
    const result = await tessera(['cutout', imagePath, out, '--model', demoModel('demo-rembg-u2net'), '--refine', demoModel('demo-sam'), '--alpha-matting', '--json']);
    expect(stderrLines(result.stderr)).toEqual([]);
    const json = JSON.parse(result.stdout) as { refined: { kept: boolean; agreement: number } };
    expect(json.refined.kept).toBe(true);
    expect(json.refined.agreement).toBeGreaterThan(0.9);
    expect(iou(alphaMask(await rgba(out)), shapeMask(W, H, disc))).toBeGreaterThan(0.93);
  });

  it('with no --model, the first background-removal model installed in the models folder is used', async () => {
    const root = path.join(dir, 'models');
    await fs.cp(demoModel('demo-rembg-u2net'), path.join(root, 'my-u2net'), { recursive: true });
    const out = path.join(dir, 'default.png');
    const result = await tessera(['cutout', imagePath, out, '--json'], { TESSERA_MODELS_DIR: root });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ model: 'my-u2net' });
    const empty = path.join(dir, 'no-models');
    await fs.mkdir(empty);
    const none = await tessera(['cutout', imagePath, path.join(dir, 'none.png')], { TESSERA_MODELS_DIR: empty });
    expect(none.code).not.toBe(0);
    expect(stderrLines(none.stderr)).toEqual([expect.stringMatching(/MODEL_NOT_FOUND.*no background-removal model installed/)]);
  });

  it('never overwrites: an existing output is OUTPUT_EXISTS unless --overwrite', async () => {
    const out = path.join(dir, 'exists.png');
    await fs.writeFile(out, 'keep me');
    const result = await tessera(['cutout', imagePath, out, '--model', demoModel('demo-rembg-u2net')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/OUTPUT_EXISTS/);
    expect(await fs.readFile(out, 'utf8')).toBe('keep me');
  });

  it.each([
    [['--bgcolor', '0,0,300'], /--bgcolor: got "0,0,300", expected R,G,B or R,G,B,A with integers 0–255/],
    [['--model', 'no-such-model'], /MODEL_NOT_FOUND.*no-such-model/],
  ])('%j is one clear line', async (extra, message) => {
    const result = await tessera(['cutout', imagePath, path.join(dir, 'x.png'), ...extra]);
    expect(result.code).not.toBe(0);
    expect(stderrLines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('a wrong family is one clear line (not a grey mask)', async () => {
    const wrong = path.join(dir, 'wrong-model');
    await writeSubjectModel(wrong, 'u2net', { hint: 'birefnet-general' });
    const result = await tessera(['cutout', imagePath, path.join(dir, 'w.png'), '--model', wrong]);
    expect(stderrLines(result.stderr)).toEqual([expect.stringMatching(/MODEL_INVALID.*tessera\.json says birefnet-general/)]);
  });

  it('models check reports the family', async () => {
    const result = await tessera(['models', 'check', demoModel('demo-rembg-u2net')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/background-removal model \(synthetic demo model\)/);
    expect(result.stdout).toMatch(/family: +u2net \(u2net contract, 320² input "input\.1", 7 outputs, probabilities; told by file name\)/);
  });
});
