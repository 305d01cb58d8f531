// Reviewing a subject batch from the app, on the real demo background-removal model and real files: the entries
// below --review-below are listed; one opens as image + mask; a corrected mask saved back rewrites its cut-out and
// mask (the batch's settings, atomically) and marks its manifest entry reviewed, dropping it from review.jsonl;
// paths the manifest does not list, and a folder another batch holds, are refused with nothing changed; a save
// interrupted at any step (an injected failure, a child killed) is finished or dropped whole by the next reader.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall } from '../../../native-models/api/index.ts';
import { acquireFolderLock } from '../../../native-models/batch/index.ts';
import { COMMIT_JOURNAL_NAME, STAGED_PATTERN, type CommitSeam } from '../../../native-models/batch/output-commit.ts';
import { BatchReviewMethods } from '../../../native-models/service/batch-review.ts';
import { ImageStore } from '../../../native-models/service/image-store.ts';
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
/** The batch's folder before any review, copied for each simulated crash. */
let pristine: string;
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
  pristine = path.join(root, 'out-pristine');
  await fs.cp(out, pristine, { recursive: true });
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
    const thumb = (list.items[0] as unknown as { thumbnail: { base64: string } }).thumbnail;
    const thumbMeta = await sharp(Buffer.from(thumb.base64, 'base64')).metadata();
    expect([thumbMeta.width, thumbMeta.height, thumbMeta.channels]).toEqual([96, 48, 4]); // the cut-out, fit in 96 px
    const opened = (await call('openBatchReviewItem', { inputDir, outputDir: out, input: 'pair-a.png' })) as { imageId: string; width: number; height: number; mask: { base64: string } };
    expect(opened.imageId).toMatch(/^img-/);
    expect([opened.width, opened.height]).toEqual([W, H]);
    expect(Buffer.from((opened as unknown as { image: { base64: string } }).image.base64, 'base64')).toEqual(await fs.readFile(path.join(inputDir, 'pair-a.png')));
    const mask = await sharp(Buffer.from(opened.mask.base64, 'base64')).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    expect([mask.info.width, mask.info.height]).toEqual([W, H]);
    const batchMask = await sharp(path.join(out, list.items[0]!.outputs[1]!)).extractChannel(0).raw().toBuffer();
    for (let i = 0; i < mask.data.length; i++) if (mask.data[i] !== (batchMask[i]! >= 128 ? 255 : 0)) throw new Error(`mask differs from the batch's at pixel ${i}`);
    expect((opened as unknown as { area: number }).area).toBe(mask.data.filter((v) => v === 255).length);
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

/** A fresh copy of the unreviewed batch folder. */
async function pristineCopy(name: string): Promise<string> {
  const dir = path.join(root, name);
  await fs.cp(pristine, dir, { recursive: true });
  return dir;
}

/**
 * What a crash may never leave behind, checked after recovery: no journal or staged file; the entry's latest line
 * and its files agree — either the batch's files and an unreviewed line, or the correction and one reviewed line
 * whose area is the saved mask's. Returns which of the two it is.
 */
async function expectAgreement(dir: string, input: string): Promise<'old' | 'new'> {
  const names = await fs.readdir(dir);
  expect(names.filter((n) => n === COMMIT_JOURNAL_NAME || STAGED_PATTERN.test(n))).toEqual([]);
  const lines = (await readManifestLines(dir)).filter((l) => l.input === input && l.status === 'done');
  const latest = lines.at(-1)!;
  const [cutoutRel, maskRel] = latest.outputs as [string, string];
  const now = await hashTree(dir);
  const before = await hashTree(pristine);
  if (latest.result?.reviewed !== true) {
    expect([now.get(cutoutRel), now.get(maskRel)]).toEqual([before.get(cutoutRel), before.get(maskRel)]);
    return 'old';
  }
  expect(lines.filter((l) => l.result?.reviewed === true)).toHaveLength(1); // recovery appended it once
  const mask = await sharp(path.join(dir, maskRel)).extractChannel(0).raw().toBuffer();
  expect([mask[30 * W + 25], mask[30 * W + 95]]).toEqual([255, 0]); // the correction
  expect(latest.result.area).toBe(mask.filter((v) => v >= 128).length);
  const cutout = await sharp(path.join(dir, cutoutRel)).raw().toBuffer();
  expect(cutout[(30 * W + 95) * 4 + 3]).toBe(0); // the cut-out made from it, not the batch's
  return 'new';
}

describe('a save to the batch interrupted by a crash', () => {
  it.each<[CommitSeam, 'old' | 'new']>([
    ['staged', 'old'],
    ['journaled', 'new'],
    ['renamed:0', 'new'],
    ['renamed:1', 'new'],
    ['appended', 'new'],
  ])('a failure at %s: the next listing finishes or drops it; files and manifest agree (%s)', async (at, expected) => {
    const dir = await pristineCopy(`crash-${at.replace(':', '-')}`);
    const crashing = new BatchReviewMethods(new ImageStore(), {
      commitSeam: (seam) => {
        if (seam === at) throw new Error(`crash at ${seam}`);
      },
    });
    await expect(crashing.saveBatchReview({ inputDir, outputDir: dir, input: 'pair-a.png', mask: { image: await leftDiscMask() } })).rejects.toThrow(`crash at ${at}`);
    const listed = (await call('listBatchReview', { outputDir: dir })) as { items: { input: string }[] };
    expect(await expectAgreement(dir, 'pair-a.png')).toBe(expected);
    expect(listed.items.map((i) => i.input)).toEqual(expected === 'old' ? PAIRS : ['pair-b.png']);
    const review = (await fs.readFile(path.join(dir, 'review.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { input: string }).input);
    expect(review).toEqual(listed.items.map((i) => i.input));
  });

  it('a child killed (SIGKILL) between the two renames: the resumed batch finishes the save and redoes nothing', async () => {
    const dir = await pristineCopy('crash-killed');
    const maskFile = path.join(root, 'correction.png');
    await fs.writeFile(maskFile, Buffer.from((await leftDiscMask()).base64, 'base64'));
    const child = spawn('node', ['--import', 'tsx', path.resolve('tests/integration/service/review-save-child.ts'), inputDir, dir, 'pair-a.png', maskFile, 'renamed:0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('seam renamed:0')) child.kill('SIGKILL');
      });
      child.on('exit', (_code, sig) => resolve(sig));
    });
    expect(signal, stderr).toBe('SIGKILL');
    // Killed mid-way: the new cut-out is in place, the mask and the manifest are still the batch's.
    const entry = (await readManifestLines(dir)).filter((l) => l.input === 'pair-a.png').at(-1)!;
    const [cutoutRel, maskRel] = entry.outputs as [string, string];
    const [mid, before] = [await hashTree(dir), await hashTree(pristine)];
    expect(mid.get(cutoutRel)).not.toBe(before.get(cutoutRel));
    expect(mid.get(maskRel)).toBe(before.get(maskRel));
    expect(entry.result?.reviewed).toBeUndefined();
    const resumed = await tessera(['batch', 'cutout', '--model', demoModel('demo-rembg-u2net'), '--in', inputDir, '--out', dir, '--review-below', '0.8', '--feather', '2', '--json']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!)).toMatchObject({ alreadyDone: PAIRS.length }); // other.png, copied in above, is new
    expect(await expectAgreement(dir, 'pair-a.png')).toBe('new');
    const review = (await fs.readFile(path.join(dir, 'review.jsonl'), 'utf8')).trim().split('\n').map((l) => (JSON.parse(l) as { input: string }).input);
    expect(review).toContain('pair-b.png');
    expect(review).not.toContain('pair-a.png');
  });
});
