// Clear one-line errors and a non-zero exit, with nothing of the user's touched: an unwritable output folder
// (tests run as root, where chmod does not stop writes, so "read-only" is simulated by an output path whose
// parent is a file, and by an output path that is itself a file), existing outputs without --overwrite,
// and the output folder equal to or inside the input folder.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { demoModel } from '../demo-pack.ts';
import { CUTOUT_SHAPES, writeCutoutFolder } from '../../unit/batch/fixtures/cutout-folder.ts';
import { hashTree, listFiles, readManifestLines, tessera } from './batch-cli.ts';
import { stderrLines } from '../../fixtures/cli-output.ts';

let root: string;
let inputDir: string;
let inputHashes: Map<string, string>;
const cutout = (out: string, ...extra: string[]) => ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, ...extra];

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-errors-');
  inputDir = path.join(root, 'in');
  await writeCutoutFolder(inputDir);
  inputHashes = await hashTree(inputDir);
});
afterAll(async () => {
  expect(await hashTree(inputDir)).toEqual(inputHashes);
  await fs.rm(root, { recursive: true, force: true });
});

function expectOneLineError(result: { code: number | null; stderr: string }, message: RegExp): void {
  expect(result.code).not.toBe(0);
  expect(stderrLines(result.stderr)).toHaveLength(1);
  expect(result.stderr).toMatch(message);
}

describe('tessera batch: refusals', () => {
  it('an output folder under a file (unwritable) is one clear IO_ERROR line', async () => {
    await fs.writeFile(path.join(root, 'a-file'), 'x');
    const result = await tessera(cutout(path.join(root, 'a-file', 'out')));
    expectOneLineError(result, /IO_ERROR.*cannot use output folder .*a-file\/out: a parent of the path is a file, not a folder \(ENOTDIR\)/);
  });

  it('an output path that is an existing file is one clear IO_ERROR line, and the file is untouched', async () => {
    const file = path.join(root, 'existing-file');
    await fs.writeFile(file, 'keep');
    const result = await tessera(cutout(file));
    expectOneLineError(result, /IO_ERROR.*cannot use output folder .*existing-file: the path is an existing file, not a folder/);
    expect(await fs.readFile(file, 'utf8')).toBe('keep');
  });

  it('existing outputs that the batch did not write are never overwritten without --overwrite', async () => {
    const out = path.join(root, 'out-existing');
    await fs.mkdir(out);
    await fs.writeFile(path.join(out, 'rect.mask.png'), 'mine');
    const refused = await tessera(cutout(out));
    expectOneLineError(refused, /OUTPUT_EXISTS.*got 1 existing file\(s\) where this batch writes \(rect\.mask\.png\).*use --overwrite/);
    expect(await fs.readFile(path.join(out, 'rect.mask.png'), 'utf8')).toBe('mine');
    expect((await listFiles(out)).filter((f) => f !== 'manifest.jsonl')).toEqual(['rect.mask.png']);

    const replaced = await tessera(cutout(out, '--overwrite', '--json'));
    expect(replaced.code).toBe(1); // the corrupt files
    expect(await fs.readFile(path.join(out, 'rect.mask.png'))).not.toEqual(Buffer.from('mine'));
    expect((await readManifestLines(out)).some((l) => l.input === 'rect.png' && l.status === 'done')).toBe(true);
  });

  it('the input folder as output folder, or one inside it, is refused unless explicitly allowed', async () => {
    expectOneLineError(await tessera(cutout(inputDir)), /INVALID_ARGUMENT.*got the input folder itself, expected a separate folder .*--allow-output-inside-input/);
    expectOneLineError(await tessera(cutout(path.join(inputDir, 'cutouts'))), /got a folder inside the input folder \(cutouts\)/);
    await expect(fs.stat(path.join(inputDir, 'cutouts'))).rejects.toThrow();
    expect(await hashTree(inputDir)).toEqual(inputHashes);

    // allowed: outputs go beside the inputs, and are not read back as inputs by a second run
    const inside = path.join(inputDir, 'cutouts');
    const first = await tessera(cutout(inside, '--allow-output-inside-input', '--recursive', '--json'));
    expect(first.code).toBe(1);
    const second = await tessera(cutout(inside, '--allow-output-inside-input', '--recursive', '--json'));
    const summary = JSON.parse(second.stdout.trim().split('\n').at(-1) as string) as { total: number; alreadyDone: number };
    expect(summary.alreadyDone).toBe(Object.keys(CUTOUT_SHAPES).length);
    expect(summary.total).toBe(Object.keys(CUTOUT_SHAPES).length + 3);
    await fs.rm(inside, { recursive: true });
  });

  it.each([
    [['batch'], /batch: got no job kind, expected cutout, generate, img2img or upscale/],
    [['batch', 'cutout', '--model', 'x', '--out', 'y'], /batch cutout: --in is required/],
    [['batch', 'cutout', '--model', 'x', '--in', 'y', '--out', 'z', '--prompt', 'middle'], /--prompt: got "middle", expected one of center, box-file, everything-largest/],
  ])('%j is a usage error', async (args, message) => {
    const result = await tessera(args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
  });
});
