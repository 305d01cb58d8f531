// `tessera batch generate` and `batch img2img` on the demo SD: one PNG per prompt × count with the colour the
// prompt names (the demo UNet paints "a red circle" as a red disc on mid-gray: centre (255,0,0), corner
// (128,128,128), as in generate-cli.test.ts), seeds in the manifest and in the PNG, a bad line failing alone.
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { demoModel } from '../demo-pack.ts';
import { writeDrawn } from '../../unit/batch/fixtures/drawn-images.ts';
import { readManifestLines, tessera } from './batch-cli.ts';
import { PLAIN_GENERATION_DEFAULTS } from '../../../native-models/api/generation-defaults.ts';

let root: string;
beforeAll(async () => {
  root = await makeTempDir('tessera-batch-generate-');
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function pixel(file: string, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(await fs.readFile(file)).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return Array.from(data.subarray(at, at + 3));
}

function expectColour(actual: number[], expected: number[]): void {
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]), `${actual} vs ${expected}`).toBeLessThanOrEqual(8));
}

const GEN = ['--steps', '6', '--scheduler', 'euler', '--guidance', '1', '--width', '64', '--height', '64', '--json'];

describe('tessera batch generate (demo SD)', () => {
  it('makes count images per prompt line with the named colours; seeds recorded; a bad line fails alone', async () => {
    const prompts = path.join(root, 'prompts.txt');
    await fs.writeFile(prompts, ['a red circle', '{"prompt": "a blue circle", "seed": 7}', '# a comment', '{"prompt": "a green circle", "count": 2}', '{bad json'].join('\n'));
    const out = path.join(root, 'gen');
    const result = await tessera(['batch', 'generate', '--model', demoModel('demo-sd'), '--prompts', prompts, '--out', out, '--seed', '100', ...GEN]);
    expect(result.code, result.stderr).toBe(1);
    const expected: [string, number[], number][] = [
      ['prompts-L0001-1.png', [255, 0, 0], 100],
      ['prompts-L0002-1.png', [0, 0, 255], 7],
      ['prompts-L0004-1.png', [0, 255, 0], 100],
      ['prompts-L0004-2.png', [0, 255, 0], 101],
    ];
    for (const [file, colour, seed] of expected) {
      expectColour(await pixel(path.join(out, file), 32, 32), colour);
      expectColour(await pixel(path.join(out, file), 1, 1), [128, 128, 128]);
      expect(readGenerationParameters(new Uint8Array(await fs.readFile(path.join(out, file))))?.parameters).toMatchObject({ seed, steps: 6, width: 64, height: 64 });
    }
    const lines = await readManifestLines(out);
    // lines are appended as items finish writing, which may interleave: compare in input order
    expect(lines.filter((l) => l.status === 'done').map((l) => [l.input, l.result?.seed]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['prompts.txt#L1#1', 100],
      ['prompts.txt#L2#1', 7],
      ['prompts.txt#L4#1', 100],
      ['prompts.txt#L4#2', 101],
    ]);
    expect(lines.find((l) => l.status === 'failed')).toMatchObject({ input: 'prompts.txt#L5#1', error: expect.stringMatching(/line 5: .*not valid JSON/) });

    // editing one line redoes only that line's images, beside the earlier ones (kept: never overwritten)
    await fs.writeFile(prompts, ['a red circle', '{"prompt": "a yellow circle", "seed": 7}', '# a comment', '{"prompt": "a green circle", "count": 2}'].join('\n'));
    const again = await tessera(['batch', 'generate', '--model', demoModel('demo-sd'), '--prompts', prompts, '--out', out, '--seed', '100', ...GEN]);
    expect(again.code, again.stderr).toBe(0);
    const summary = JSON.parse(again.stdout.trim().split('\n').at(-1) as string) as Record<string, unknown>;
    expect(summary).toMatchObject({ done: 1, alreadyDone: 3, changedInputs: ['prompts.txt#L2#1'] });
    expectColour(await pixel(path.join(out, 'prompts-L0002-1.png'), 32, 32), [0, 0, 255]);
    expectColour(await pixel(path.join(out, 'prompts-L0002-1.v2.png'), 32, 32), [255, 255, 0]);
  });

  it('batch img2img repaints each image at its size with the prompt and strength recorded (steps: the engine default)', async () => {
    const inputDir = path.join(root, 'img-in');
    await writeDrawn(path.join(inputDir, 'a.png'), { width: 64, height: 64, shape: 'rect', geometry: [8, 8, 56, 56], fg: [0, 0, 255], bg: [128, 128, 128] });
    await writeDrawn(path.join(inputDir, 'b.jpg'), { width: 128, height: 70, shape: 'disc', geometry: [64, 35, 30], fg: [0, 255, 0], bg: [128, 128, 128] });
    const out = path.join(root, 'img-out');
    const result = await tessera(['batch', 'img2img', '--model', demoModel('demo-sd'), '--in', inputDir, '--out', out, '--prompt', 'a red circle', '--strength', '0.5', '--seed', '3', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const meta = await sharp(path.join(out, 'b.img2img.png')).metadata();
    expect([meta.width, meta.height]).toEqual([128, 64]); // floored to a multiple of 64
    const params = readGenerationParameters(new Uint8Array(await fs.readFile(path.join(out, 'a.img2img.png'))))?.parameters;
    // No --steps: the default every path reads from api/generation-defaults.ts (the Studio's form starts there too).
    expect(params).toMatchObject({ prompt: 'a red circle', strength: 0.5, seed: 3, width: 64, height: 64, steps: PLAIN_GENERATION_DEFAULTS.steps });
    const lines = await readManifestLines(out);
    expect(lines.filter((l) => l.status === 'done').map((l) => l.input).sort()).toEqual(['a.png', 'b.jpg']); // written as they finish

    // --outpaint: each image at its own size (no flooring) extended on the right; a wrong kind is a usage line.
    const extended = path.join(root, 'outpaint-out');
    const outpainted = await tessera(['batch', 'img2img', '--model', demoModel('demo-sd'), '--in', inputDir, '--out', extended, '--prompt', 'yellow', '--strength', '1', '--steps', '4', '--outpaint', 'right=24', '--json']);
    expect(outpainted.code, outpainted.stderr).toBe(0);
    const wide = await sharp(path.join(extended, 'b.img2img.png')).metadata();
    expect([wide.width, wide.height]).toEqual([152, 72]); // 128 + 24, and 70 rounded up to a multiple of 8
    const wrongKind = await tessera(['batch', 'generate', '--model', demoModel('demo-sd'), '--prompts', path.join(inputDir, 'a.png'), '--out', path.join(root, 'no'), '--outpaint', 'right=8']);
    expect(wrongKind.code).toBe(1);
    expect(wrongKind.stderr).toContain('--outpaint is for batch img2img');
  });

  it('--low-memory (the Settings switch, as on generate and grid) makes the same bytes as normal mode', async () => {
    const prompts = path.join(root, 'one-prompt.txt');
    await fs.writeFile(prompts, 'a red circle\n');
    const bytes: Buffer[] = [];
    for (const flags of [[], ['--low-memory']]) {
      const out = path.join(root, `low-memory-${flags.length}`);
      const result = await tessera(['batch', 'generate', '--model', demoModel('demo-sd'), '--prompts', prompts, '--out', out, '--seed', '5', ...GEN, ...flags]);
      expect(result.code, result.stderr).toBe(0);
      bytes.push((await sharp(await fs.readFile(path.join(out, 'one-prompt-L0001-1.png'))).raw().toBuffer()));
    }
    expect(bytes[1]!.equals(bytes[0]!)).toBe(true);
  });
});
