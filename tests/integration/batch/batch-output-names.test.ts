// Output names through `tessera batch cutout`: no doubled extensions (img00.cutout.png), x.jpg and x.png side by
// side kept apart, and a folder made by an older Tessera (img00.png.cutout.png, a manifest without a header)
// resumed as it is: nothing redone, nothing written twice under the new names.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { demoModel } from '../demo-pack.ts';
import { hashTree, listFiles, readManifestLines, tessera } from './batch-cli.ts';

const RECT: DrawnShape = { width: 64, height: 64, shape: 'rect', geometry: [10, 10, 54, 54], fg: [220, 30, 30], bg: [235, 235, 235] };
const DISC: DrawnShape = { width: 64, height: 64, shape: 'disc', geometry: [32, 32, 28], fg: [30, 50, 210], bg: [40, 40, 40] };
let root: string;

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-names-');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function cutout(inputDir: string, out: string): string[] {
  return ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--json'];
}

function summaryOf(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('tessera batch: output names', () => {
  it('img00.png → img00.cutout.png; of x.jpg and x.png the later keeps its extension', async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    await writeDrawn(path.join(inputDir, 'img00.png'), RECT);
    await writeDrawn(path.join(inputDir, 'x.jpg'), DISC);
    await writeDrawn(path.join(inputDir, 'x.png'), RECT);
    expect((await tessera(cutout(inputDir, out))).code).toBe(0);
    expect(await listFiles(out)).toEqual(['img00.cutout.png', 'img00.mask.png', 'manifest.jsonl', 'x.cutout.png', 'x.mask.png', 'x.png.cutout.png', 'x.png.mask.png']);
    await expectCutoutMatches(out, 'x.jpg', DISC, ['x.cutout.png', 'x.mask.png']);
    await expectCutoutMatches(out, 'x.png', RECT, ['x.png.cutout.png', 'x.png.mask.png']);
  });

  it('a folder with the older doubled names resumes: nothing redone or duplicated, a new input gets the new name', async () => {
    const inputDir = path.join(root, 'in-old');
    const out = path.join(root, 'out-old');
    for (const name of ['a.png', 'b.jpg']) await writeDrawn(path.join(inputDir, name), RECT);
    expect((await tessera(cutout(inputDir, out))).code).toBe(0);
    // Make it what an older Tessera left: outputs named `a.png.cutout.png`, manifest lines without a header.
    const manifest = path.join(out, 'manifest.jsonl');
    const old: string[] = [];
    for (const line of (await fs.readFile(manifest, 'utf8')).trim().split('\n')) {
      const entry = JSON.parse(line) as { type?: string; input: string; outputs: string[] };
      if (entry.type === 'header') continue;
      const names = entry.outputs.map((o) => entry.input + o.slice(o.indexOf('.')));
      for (const [k, name] of names.entries()) await fs.rename(path.join(out, entry.outputs[k]!), path.join(out, name)).catch(() => undefined);
      old.push(JSON.stringify({ ...entry, outputs: names }));
    }
    await fs.writeFile(manifest, old.join('\n') + '\n');
    expect(await listFiles(out)).toEqual(['a.png.cutout.png', 'a.png.mask.png', 'b.jpg.cutout.png', 'b.jpg.mask.png', 'manifest.jsonl']);
    const before = await hashTree(out);

    await writeDrawn(path.join(inputDir, 'c.png'), DISC);
    const resumed = await tessera(cutout(inputDir, out));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(summaryOf(resumed.stdout)).toMatchObject({ done: 1, alreadyDone: 2, failed: 0 });
    expect(await listFiles(out)).toEqual(['a.png.cutout.png', 'a.png.mask.png', 'b.jpg.cutout.png', 'b.jpg.mask.png', 'c.cutout.png', 'c.mask.png', 'manifest.jsonl']);
    const after = await hashTree(out);
    for (const [file, hash] of before) if (file !== 'manifest.jsonl') expect(after.get(file), file).toBe(hash);
    await expectCutoutMatches(out, 'c.png', DISC);
    expect((await readManifestLines(out)).filter((l) => l.status === 'done').map((l) => l.input).sort()).toEqual(['a.png', 'b.jpg', 'c.png']);
  });
});
