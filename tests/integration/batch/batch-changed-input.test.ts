// "Never overwriting" holds for a changed input too: an input replaced by other content under the same name is
// done again into new names beside its earlier outputs, which are kept byte for byte; the manifest records both
// and the run says which input changed. --overwrite replaces instead.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutoutOutputs, versionedOutput } from '../../../native-models/batch/output-naming.ts';
import { readBatchFolderSummary } from '../../../native-models/service/batch-summary.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { demoModel } from '../demo-pack.ts';
import { hashTree, readManifestLines, tessera } from './batch-cli.ts';

const RECT: DrawnShape = { width: 64, height: 64, shape: 'rect', geometry: [10, 10, 54, 54], fg: [220, 30, 30], bg: [235, 235, 235] };
const DISC: DrawnShape = { width: 72, height: 72, shape: 'disc', geometry: [36, 36, 30], fg: [30, 50, 210], bg: [40, 40, 40] };
let root: string;

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-changed-');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('tessera batch: an input changed since its outputs were made', () => {
  it('is done again beside its kept outputs, recorded, and named in the report', async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    await writeDrawn(path.join(inputDir, 'a.png'), RECT);
    await writeDrawn(path.join(inputDir, 'b.png'), RECT);
    const args = ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out];
    expect((await tessera([...args, '--json'])).code).toBe(0);
    const before = await hashTree(out);

    await writeDrawn(path.join(inputDir, 'a.png'), DISC); // same name, new content
    const rerun = await tessera([...args, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    const [oldCutout, oldMask] = cutoutOutputs('a.png');
    const [newCutout, newMask] = [versionedOutput(oldCutout, 2), versionedOutput(oldMask, 2)];
    const events = rerun.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; message?: string; kept?: string[] });
    expect(events.filter((e) => e.type === 'item').map((e) => e.message)).toEqual([
      `changed a.png: its earlier outputs (${oldCutout}, ${oldMask}) are kept, the new ones written beside them (${newCutout}, ${newMask})`,
    ]);
    expect(rerun.stdout).toContain('batch cutout: 1 done, 1 already done');
    expect(rerun.stdout).toContain('1 input(s) changed since their earlier outputs: those are kept');
    // every earlier file is as it was; the new cut-out is of the new content
    const after = await hashTree(out);
    for (const [file, hash] of before) if (file !== 'manifest.jsonl') expect(after.get(file), file).toBe(hash);
    await expectCutoutMatches(out, 'a.png', RECT, [oldCutout, oldMask]);
    await expectCutoutMatches(out, 'a.png', DISC, [newCutout, newMask]);

    const done = (await readManifestLines(out)).filter((l) => l.input === 'a.png' && l.status === 'done');
    expect(done.at(-1)).toMatchObject({ outputs: [newCutout, newMask], kept: [oldCutout, oldMask] });
    expect((await readBatchFolderSummary(out, 'cutout')).counts).toMatchObject({ done: 2, failed: 0 });
    // the new content is now what is done: nothing more to do
    const third = await tessera([...args, '--json']);
    expect(JSON.parse(third.stdout.trim().split('\n').at(-1)!)).toMatchObject({ done: 0, alreadyDone: 2, changedInputs: [] });
  });
});
