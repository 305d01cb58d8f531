// `tessera batch cutout` with a background-removal model: no prompts at all (prompt mode subject), each manifest
// entry with its confidence, --review-below marking the doubtful ones and listing them in review.jsonl, never
// overwriting, and resumable after SIGKILL.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATOMIC_TEMP_PATTERN } from '../../../native-models/image/write-file-atomic.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { demoModel } from '../demo-pack.ts';
import { iouWithShape, writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { CLI, hashTree, listFiles, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { runAndKill, seededRandom } from '../batch/kill-and-resume.ts';
import { drawImage } from '../segment/draw.ts';
import { cutoutOutputs } from '../../../native-models/batch/output-naming.ts';

const IMAGES = 10;
let root: string;
let modelsRoot: string;
const shapes = new Map<string, DrawnShape>();
/** Two subjects apart: the main region holds half the subject, so confidence ≈ 0.5. */
const PAIRS = ['pair-a.png', 'pair-b.png'];

/** The soft mask PNG (rembg's) thresholded at 128 matches the drawn shape; the cut-out's alpha is that soft mask. */
async function expectSubjectCutout(outDir: string, rel: string, shape: DrawnShape): Promise<void> {
  const [maskFile, cutoutFile] = [cutoutOutputs(rel)[1], cutoutOutputs(rel)[0]].map((f) => path.join(outDir, f)) as [string, string];
  expect((await sharp(maskFile).metadata()).channels, `${rel}: the mask PNG is grey`).toBe(1);
  const soft = await sharp(maskFile).extractChannel(0).raw().toBuffer();
  expect(iouWithShape(Uint8Array.from(soft, (v) => (v >= 128 ? 1 : 0)), shape), `${rel}: IoU with the drawn shape`).toBeGreaterThanOrEqual(0.9);
  const cutout = await sharp(cutoutFile).raw().toBuffer({ resolveWithObject: true });
  expect([cutout.info.width, cutout.info.height, cutout.info.channels]).toEqual([shape.width, shape.height, 4]);
  for (let i = 0; i < soft.length; i++) if (cutout.data[i * 4 + 3] !== soft[i]) throw new Error(`${rel}: cut-out alpha differs from the mask at pixel ${i}`);
}

beforeAll(async () => {
  root = await makeTempDir('tessera-subject-batch-');
  for (let i = 0; i < IMAGES; i++) {
    const size = 64 + (i % 3) * 16;
    const m = Math.round(size / 6);
    const shape: DrawnShape = i % 2
      ? { width: size, height: size, shape: 'rect', geometry: [m, m, size - m, size - m], fg: [220, 30, 30], bg: [40, 40, 40] }
      : { width: size, height: size, shape: 'disc', geometry: [size / 2, size / 2, size / 2 - m], fg: [30, 50, 210], bg: [235, 235, 235] };
    const rel = `${i % 3 === 0 ? 'sub/' : ''}img-${i}.png`;
    shapes.set(rel, shape);
    await writeDrawn(path.join(root, 'in', rel), shape);
  }
  for (const name of PAIRS) {
    const image = drawImage(120, 60, [235, 235, 235], [
      { kind: 'disc', cx: 25, cy: 30, r: 18, colour: [200, 20, 20] },
      { kind: 'disc', cx: 95, cy: 30, r: 18, colour: [200, 20, 20] },
    ]);
    await sharp(Buffer.from(image.data), { raw: { width: 120, height: 60, channels: 3 } }).png().toFile(path.join(root, 'in', name));
  }
  // A models folder whose only model is the demo background-removal one: what `batch cutout` picks with no --model.
  modelsRoot = path.join(root, 'models');
  await fs.cp(demoModel('demo-rembg-u2net'), path.join(modelsRoot, 'u2net-demo'), { recursive: true });
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('tessera batch cutout with a background-removal model', () => {
  it('no --model, no prompts: every subject cut out, each entry with its confidence; --review-below lists the doubtful in review.jsonl', async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    const result = await tessera(['batch', 'cutout', '--in', inputDir, '--out', out, '--recursive', '--review-below', '0.8', '--json'], { TESSERA_MODELS_DIR: modelsRoot });
    expect(result.code, result.stderr).toBe(0);
    const lines = await readManifestLines(out);
    const done = lines.filter((l) => l.status === 'done');
    expect(done).toHaveLength(IMAGES + PAIRS.length);
    for (const entry of done) {
      expect(entry.parameters).toMatchObject({ prompt: 'subject', reviewBelow: 0.8 });
      expect(entry.result?.confidence).toBeGreaterThanOrEqual(0);
      expect(entry.result?.confidence).toBeLessThanOrEqual(1);
    }
    for (const [rel, shape] of shapes) {
      await expectSubjectCutout(out, rel, shape);
      const entry = done.find((l) => l.input === rel)!;
      expect(entry.result).toMatchObject({ review: false });
      expect(entry.result!.confidence as number).toBeGreaterThan(0.9);
    }
    for (const name of PAIRS) {
      const entry = done.find((l) => l.input === name)!;
      expect(entry.result).toMatchObject({ review: true });
      expect(entry.result!.confidence as number).toBeGreaterThan(0.4);
      expect(entry.result!.confidence as number).toBeLessThan(0.6);
    }
    const review = (await fs.readFile(path.join(out, 'review.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { input: string; confidence: number; reviewBelow: number; outputs: string[] });
    expect(review.map((r) => r.input)).toEqual(PAIRS);
    expect(review[0]).toMatchObject({ reviewBelow: 0.8, outputs: done.find((l) => l.input === PAIRS[0])!.outputs });

    // Never overwriting: a second run finds everything done and changes no file (review.jsonl is rebuilt the same).
    const before = await hashTree(out);
    const again = await tessera(['batch', 'cutout', '--in', inputDir, '--out', out, '--recursive', '--review-below', '0.8', '--json'], { TESSERA_MODELS_DIR: modelsRoot });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toMatchObject({ alreadyDone: IMAGES + PAIRS.length, done: 0 });
    const after = await hashTree(out);
    for (const [file, hash] of before) if (file !== 'manifest.jsonl') expect(after.get(file), file).toBe(hash);
  });

  it('killed at random points, then resumed: every input done exactly once, nothing temporary left', async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out-killed');
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const args = [CLI, 'batch', 'cutout', '--model', demoModel('demo-rembg-u2net'), '--in', inputDir, '--out', out, '--recursive', '--json'];
    const outcomes = [];
    for (let k = 0; k < 3; k++) outcomes.push(await runAndKill('node', args, 1 + Math.floor(random() * 8), Math.floor(random() * 30)));
    expect(outcomes.filter((o) => o.killed).length, `kill seed ${seed}: ${JSON.stringify(outcomes)}`).toBeGreaterThan(0);
    const final = await tessera(args.slice(1));
    expect(final.code, `kill seed ${seed}: ${final.stderr}`).toBe(0);
    const lines = await readManifestLines(out);
    for (const rel of [...shapes.keys(), ...PAIRS]) expect(lines.filter((l) => l.input === rel && l.status === 'done'), `kill seed ${seed}: ${rel}`).toHaveLength(1);
    for (const [rel, shape] of shapes) await expectSubjectCutout(out, rel, shape);
    const files = await listFiles(out);
    expect(files.filter((f) => ATOMIC_TEMP_PATTERN.test(path.basename(f)))).toEqual([]);
    expect(files).toHaveLength(1 + 2 * (IMAGES + PAIRS.length)); // no review.jsonl without --review-below
  });

  it.each([
    [['--model', 'SAM', '--prompt', 'subject'], /MODEL_INVALID.*prompt mode subject: got a Segment Anything model, expected a background-removal model/],
    [['--model', 'BG', '--prompt', 'center'], /MODEL_INVALID.*prompt mode center: got a background-removal model, expected a Segment Anything model/],
    [['--model', 'SAM', '--review-below', '0.5'], /review below: got 0\.5 with prompt mode center, expected .* prompt mode subject/],
    [['--model', 'BG', '--review-below', '2'], /--review-below: got "2", expected a confidence between 0 and 1/],
  ])('%j is one clear error', async (extra, message) => {
    const args = extra.map((a) => (a === 'SAM' ? demoModel('demo-sam') : a === 'BG' ? demoModel('demo-rembg-u2net') : a));
    const result = await tessera(['batch', 'cutout', ...args, '--in', path.join(root, 'in'), '--out', path.join(root, `bad-${extra.join('')}`)]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });
});
