// The resume rule through `tessera batch`: a folder's manifest header records the settings its outputs were made
// with; resuming with others (`--crop --feather 8` on a folder made without them, or the reverse) is refused
// naming them, outputs untouched; --overwrite redoes every item with the new ones; a manifest written before
// headers existed is still read and still guarded.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cutoutOutputs } from '../../../native-models/batch/output-naming.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeDrawn } from '../../unit/batch/fixtures/drawn-images.ts';
import { demoModel } from '../demo-pack.ts';
import { hashTree, readManifestLines, tessera } from './batch-cli.ts';

const NAMES = ['a.png', 'b.png', 'c.png'];
let root: string;
let inputDir: string;

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-params-');
  inputDir = path.join(root, 'in');
  for (const name of NAMES) await writeDrawn(path.join(inputDir, name), { width: 64, height: 64, shape: 'rect', geometry: [16, 16, 48, 48], fg: [30, 50, 210], bg: [235, 235, 235] });
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function cutout(out: string, ...extra: string[]): string[] {
  return ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--json', ...extra];
}

function summaryOf(stdout: string): Record<string, unknown> {
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

function errorLine(stderr: string): string {
  return stderr.split('\n').find((l) => l.startsWith('tessera: error')) ?? stderr;
}

describe('tessera batch: resuming with other settings', () => {
  it('is refused naming the settings; --overwrite redoes everything with them; the header is then theirs', async () => {
    const out = path.join(root, 'out');
    expect((await tessera(cutout(out))).code).toBe(0);
    const header = (await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8')).split('\n')[0]!;
    expect(JSON.parse(header)).toMatchObject({ type: 'header', job: 'cutout', parameters: { prompt: 'center', model: 'demo-sam' } });
    const before = await hashTree(out);

    const changed = await tessera(cutout(out, '--crop', '--feather', '8'));
    expect(changed.code).toBe(1);
    expect(errorLine(changed.stderr)).toMatch(
      /INVALID_ARGUMENT.*got cutout settings that differ from those its outputs were made with \(crop: true now, \(not set\) before; featherPx: 8 now, \(not set\) before\).*--overwrite.*another output folder/,
    );
    expect(await hashTree(out)).toEqual(before); // nothing written, not even a manifest line

    const redo = await tessera(cutout(out, '--crop', '--feather', '8', '--overwrite'));
    expect(redo.code, redo.stderr).toBe(0);
    expect(summaryOf(redo.stdout)).toMatchObject({ done: NAMES.length, alreadyDone: 0 });
    const meta = await sharp(path.join(out, cutoutOutputs('a.png')[0])).metadata();
    expect([meta.width, meta.height]).toEqual([48, 48]); // cropped to the 32 px square widened by the 8 px feather

    const again = await tessera(cutout(out, '--crop', '--feather', '8'));
    expect(summaryOf(again.stdout)).toMatchObject({ done: 0, alreadyDone: NAMES.length });
    // and the other way round: leaving the settings out is a change too
    const plain = await tessera(cutout(out));
    expect(plain.code).toBe(1);
    expect(errorLine(plain.stderr)).toContain('(crop: (not set) now, true before; featherPx: (not set) now, 8 before)');
  });

  it('a manifest without a header (written before headers existed) is read as before and guarded by its lines', async () => {
    const out = path.join(root, 'out-old');
    expect((await tessera(cutout(out))).code).toBe(0);
    const manifest = path.join(out, 'manifest.jsonl');
    const withoutHeader = (await fs.readFile(manifest, 'utf8')).split('\n').filter((l) => !l.startsWith('{"type":"header"')).join('\n');
    await fs.writeFile(manifest, withoutHeader);

    const changed = await tessera(cutout(out, '--crop', '--feather', '8'));
    expect(changed.code).toBe(1);
    expect(errorLine(changed.stderr)).toContain('(crop: true now, (not set) before; featherPx: 8 now, (not set) before)');
    const same = await tessera(cutout(out));
    expect(same.code, same.stderr).toBe(0);
    expect(summaryOf(same.stdout)).toMatchObject({ done: 0, alreadyDone: NAMES.length });
    // that run recorded the header the folder lacked
    const lines = (await fs.readFile(manifest, 'utf8')).split('\n').filter((l) => l.startsWith('{"type":"header"'));
    expect(lines).toHaveLength(1);
    expect((await readManifestLines(out)).filter((l) => l.status === 'done')).toHaveLength(NAMES.length);
  });
});
