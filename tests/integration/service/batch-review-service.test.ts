// Reviewing a subject batch from the app, on the real demo background-removal model and real files: the entries
// below --review-below are listed; one opens as image + mask; a corrected mask saved back rewrites its cut-out and
// mask (the batch's settings, atomically) and marks its manifest entry reviewed, dropping it from review.jsonl;
// paths the manifest does not list, and a folder another batch holds, are refused with nothing changed.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../native-models/api/index.ts';
import { acquireFolderLock } from '../../../native-models/batch/index.ts';
import { ATOMIC_TEMP_PATTERN } from '../../../native-models/image/write-file-atomic.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { hashTree, listFiles, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { demoModel } from '../demo-pack.ts';
import { drawImage } from '../segment/draw.ts';

/** Two subjects apart: the main region holds half of it, so confidence ≈ 0.5, below the threshold. */
const PAIRS = ['pair-a.png', 'pair-b.png'];
const W = 120;
const H = 60;
let root: string;
let inputDir: string;
let out: string;
let service: TesseraService;

function call(method: 'listBatchReview' | 'openBatchReviewItem' | 'saveBatchReview', args: unknown) {
  return dispatchApiCall(service, method, args) as Promise<never>;
}

/** The correction a reviewer makes: only the left disc. */
async function leftDiscMask(): Promise<{ mimeType: 'image/png'; base64: string }> {
  const image = drawImage(W, H, [0, 0, 0], [{ kind: 'disc', cx: 25, cy: 30, r: 18, colour: [255, 255, 255] }]);
  const png = await sharp(Buffer.from(image.data), { raw: { width: W, height: H, channels: 3 } }).png().toBuffer();
  return { mimeType: 'image/png', base64: png.toString('base64') };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-batch-review-'));
  inputDir = path.join(root, 'in');
  await fs.mkdir(inputDir);
  for (const name of PAIRS) {
    const image = drawImage(W, H, [235, 235, 235], [
      { kind: 'disc', cx: 25, cy: 30, r: 18, colour: [200, 20, 20] },
      { kind: 'disc', cx: 95, cy: 30, r: 18, colour: [200, 20, 20] },
    ]);
    await sharp(Buffer.from(image.data), { raw: { width: W, height: H, channels: 3 } }).png().toFile(path.join(inputDir, name));
  }
  out = path.join(root, 'out');
  const batch = await tessera(['batch', 'cutout', '--model', demoModel('demo-rembg-u2net'), '--in', inputDir, '--out', out, '--review-below', '0.8', '--feather', '2', '--json']);
  expect(batch.code, batch.stderr).toBe(0);
  const modelsDir = path.join(root, 'models');
  await fs.mkdir(modelsDir);
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, dataDir: path.join(root, 'data'), provider: 'cpu', demoPackOnFirstRun: false });
});

afterAll(async () => {
  await service?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('batch review methods of the service', () => {
  it('lists the entries below the threshold; opens one as its image and the batch mask', async () => {
    const list = (await call('listBatchReview', { outputDir: out })) as { hasReviewQueue: boolean; items: { input: string; outputs: string[]; confidence: number }[] };
    expect(list.hasReviewQueue).toBe(true);
    expect(list.items.map((i) => i.input)).toEqual(PAIRS);
    expect(list.items[0]!.confidence).toBeLessThan(0.8);
    const opened = (await call('openBatchReviewItem', { inputDir, outputDir: out, input: 'pair-a.png' })) as { imageId: string; width: number; height: number; mask: { base64: string } };
    expect(opened.imageId).toMatch(/^img-/);
    expect([opened.width, opened.height]).toEqual([W, H]);
    const mask = await sharp(Buffer.from(opened.mask.base64, 'base64')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([mask.info.width, mask.info.height]).toEqual([W, H]);
    const batchMask = await sharp(path.join(out, list.items[0]!.outputs[1]!)).extractChannel(0).raw().toBuffer();
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i] !== (batchMask[i]! >= 128 ? 255 : 0)) throw new Error(`mask differs from the batch's at pixel ${i}`);
  });

  it('save rewrites the entry outputs with the batch settings and marks it reviewed; it leaves the review list', async () => {
    const before = await hashTree(out);
    const saved = (await call('saveBatchReview', { inputDir, outputDir: out, input: 'pair-a.png', mask: { image: await leftDiscMask() } })) as { outputs: string[]; remaining: number };
    expect(saved.remaining).toBe(1);
    const [cutoutRel, maskRel] = saved.outputs as [string, string];
    const after = await hashTree(out);
    expect(after.get(cutoutRel)).not.toBe(before.get(cutoutRel));
    expect(after.get(maskRel)).not.toBe(before.get(maskRel));
    for (const other of (await readManifestLines(out)).find((l) => l.input === 'pair-b.png')!.outputs) expect(after.get(other), other).toBe(before.get(other));
    // The mask is the correction; the cut-out is the batch's settings (feather 2) applied to it: right disc gone.
    const mask = await sharp(path.join(out, maskRel)).extractChannel(0).raw().toBuffer();
    expect(mask[30 * W + 25]).toBe(255);
    expect(mask[30 * W + 95]).toBe(0);
    const cutout = await sharp(path.join(out, cutoutRel)).raw().toBuffer({ resolveWithObject: true });
    expect([cutout.info.width, cutout.info.height, cutout.info.channels]).toEqual([W, H, 4]);
    expect(cutout.data[(30 * W + 25) * 4 + 3]).toBe(255);
    expect(cutout.data[(30 * W + 95) * 4 + 3]).toBe(0);
    const edge = cutout.data[(30 * W + 25 + 18) * 4 + 3]!; // on the disc's rim: feathered, neither kept nor cut
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(255);
    const lines = await readManifestLines(out);
    const latest = lines.filter((l) => l.input === 'pair-a.png').at(-1)!;
    expect(latest).toMatchObject({ status: 'done', outputs: saved.outputs, result: { review: true, reviewed: true } });
    const review = (await fs.readFile(path.join(out, 'review.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { input: string }).input);
    expect(review).toEqual(['pair-b.png']);
    expect(((await call('listBatchReview', { outputDir: out })) as { items: { input: string }[] }).items.map((i) => i.input)).toEqual(['pair-b.png']);
    expect((await listFiles(out)).filter((f) => ATOMIC_TEMP_PATTERN.test(path.basename(f)))).toEqual([]);
    // The same batch run again finds everything done and keeps the reviewed files.
    const again = await tessera(['batch', 'cutout', '--model', demoModel('demo-rembg-u2net'), '--in', inputDir, '--out', out, '--review-below', '0.8', '--feather', '2', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((await hashTree(out)).get(cutoutRel)).toBe(after.get(cutoutRel));
  });

  it.each([
    ['an input the manifest does not list', 'other.png', /got other\.png, expected an input listed in/],
    ['a path out of the folder', '../in/pair-b.png', /got \.\.\/in\/pair-b\.png, expected an input listed in/],
  ])('refuses %s; nothing changes', async (_what, input, message) => {
    await fs.copyFile(path.join(inputDir, 'pair-b.png'), path.join(inputDir, 'other.png'));
    const before = await hashTree(out);
    await expect(call('saveBatchReview', { inputDir, outputDir: out, input, mask: { image: await leftDiscMask() } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) });
    expect(await hashTree(out)).toEqual(before);
  });

  it('refuses a manifest entry whose outputs point outside the output folder (a hand-edited manifest)', async () => {
    const manifest = path.join(out, 'manifest.jsonl');
    const entry = (await readManifestLines(out)).filter((l) => l.input === 'pair-b.png').at(-1)!;
    await fs.appendFile(manifest, JSON.stringify({ ...entry, outputs: ['../in/pair-a.png'], at: new Date().toISOString() }) + '\n');
    const input = await fs.readFile(path.join(inputDir, 'pair-a.png'));
    await expect(call('saveBatchReview', { inputDir, outputDir: out, input: 'pair-b.png', mask: { image: await leftDiscMask() } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/got \.\.\/in\/pair-a\.png, expected a path inside/),
    });
    expect(await fs.readFile(path.join(inputDir, 'pair-a.png'))).toEqual(input);
    await fs.appendFile(manifest, JSON.stringify({ ...entry, at: new Date().toISOString() }) + '\n'); // restored
  });

  it('refuses while another batch holds the output folder; nothing changes', async () => {
    const lock = await acquireFolderLock(out, { job: 'cutout' });
    try {
      const before = await hashTree(out);
      await expect(call('saveBatchReview', { inputDir, outputDir: out, input: 'pair-b.png', mask: { image: await leftDiscMask() } })).rejects.toMatchObject({ code: 'FOLDER_LOCKED' });
      const after = await hashTree(out);
      after.delete('.tessera-batch.lock');
      before.delete('.tessera-batch.lock');
      expect(after).toEqual(before);
    } finally {
      await lock.release();
    }
    const saved = (await call('saveBatchReview', { inputDir, outputDir: out, input: 'pair-b.png', mask: { image: await leftDiscMask() } })) as { remaining: number };
    expect(saved.remaining).toBe(0);
  });
});
