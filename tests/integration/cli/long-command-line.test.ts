// Command lines of tens of KB: onnxruntime-node 1.30 segfaults in InferenceSession.create when the process's
// argv is about 24 KB or more (exit 139, nothing printed). The CLI relays such arguments to a child with a short
// argv (cli/argv-relay.ts), and --prompt-file / --negative-file / --points-file keep them off the command line.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARGV_RELAY_BYTES } from '../../../cli/argv-relay.ts';
import { encodePng } from '../../../native-models/image/encode-png.ts';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { stderrLines, tessera } from '../../fixtures/cli-output.ts';
import { demoModel } from '../demo-pack.ts';
import { drawImage } from '../segment/draw.ts';

let root: string;
let image: string;
/** 40 KB of prompt: well past the ~24 KB of argv that crashes ONNX Runtime (more only adds text-encoder chunks to wait for). */
const LONG_PROMPT = 'a red circle on a grey field, '.repeat(1400).trim();
/** 3,000 clicks inside the disc (label 1), as `--point` values. */
const POINTS = Array.from({ length: 3000 }, (_, i) => `${28 + (i % 9)},${28 + (Math.floor(i / 9) % 9)},1`);

beforeAll(async () => {
  root = await makeTempDir('tessera-long-argv-');
  image = path.join(root, 'disc.png');
  await fs.writeFile(image, await encodePng(drawImage(64, 64, [128, 128, 128], [{ kind: 'disc', cx: 32, cy: 32, r: 14, colour: [255, 0, 0] }])));
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

const generate = (...extra: string[]) => ['generate', '--model', demoModel('demo-sd'), '--steps', '2', '--width', '64', '--height', '64', '--seed', '7', ...extra];

describe('long command lines', () => {
  it('generate with a 40 KB --prompt runs and records the whole prompt; --prompt-file gives the same image', async () => {
    expect(LONG_PROMPT.length).toBeGreaterThan(40_000);
    expect(LONG_PROMPT.length).toBeGreaterThan(ARGV_RELAY_BYTES);
    const viaArgv = path.join(root, 'argv.png');
    const result = await tessera(generate('--prompt', LONG_PROMPT, '--out', viaArgv));
    expect({ code: result.code, signal: result.signal, stderr: stderrLines(result.stderr) }).toEqual({ code: 0, signal: null, stderr: [] });
    const written = await fs.readFile(viaArgv);
    expect(readGenerationParameters(written)?.parameters.prompt).toBe(LONG_PROMPT);

    const promptFile = path.join(root, 'prompt.txt');
    await fs.writeFile(promptFile, `${LONG_PROMPT}\n`);
    const negativeFile = path.join(root, 'negative.txt');
    await fs.writeFile(negativeFile, 'blurry\n');
    const viaFile = path.join(root, 'file.png');
    const fromFile = await tessera(generate('--prompt-file', promptFile, '--negative-file', negativeFile, '--out', viaFile));
    expect(fromFile.code).toBe(0);
    const parameters = readGenerationParameters(await fs.readFile(viaFile))?.parameters;
    expect(parameters).toMatchObject({ prompt: LONG_PROMPT, negativePrompt: 'blurry' });
  });

  it('--prompt and --prompt-file together, or an unreadable file, are one usage line', async () => {
    const both = await tessera(generate('--prompt', 'x', '--prompt-file', image, '--out', path.join(root, 'no.png')));
    expect(both.code).toBe(1);
    expect(stderrLines(both.stderr)).toEqual(['tessera: --prompt and --prompt-file: got both, expected one of them']);
    const missing = await tessera(generate('--prompt-file', path.join(root, 'absent.txt'), '--out', path.join(root, 'no.png')));
    expect(stderrLines(missing.stderr)).toEqual([`tessera: --prompt-file: cannot read "${path.join(root, 'absent.txt')}" (ENOENT), expected a readable text file`]);
  });

  it('segment with 3,000 --point flags runs; --points-file (lines and JSON) gives the same mask', async () => {
    const flags = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', image, ...POINTS.flatMap((p) => ['--point', p]), '--json']);
    expect({ code: flags.code, signal: flags.signal }).toEqual({ code: 0, signal: null });
    const mask = (JSON.parse(flags.stdout) as { masks: { area: number; rle: unknown }[] }).masks[0]!;
    expect(mask.area).toBeGreaterThan(0);

    const lines = path.join(root, 'points.txt');
    await fs.writeFile(lines, `# x,y,label\n${POINTS.join('\n')}\n`);
    const json = path.join(root, 'points.json');
    await fs.writeFile(json, JSON.stringify(POINTS.map((p) => p.split(',').map(Number))));
    for (const file of [lines, json]) {
      const fromFile = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', image, '--points-file', file, '--json']);
      expect(fromFile.code).toBe(0);
      expect((JSON.parse(fromFile.stdout) as { masks: unknown[] }).masks[0]).toEqual(mask);
    }
  });

  it('a bad line of --points-file names the file and the line', async () => {
    const file = path.join(root, 'bad-points.txt');
    await fs.writeFile(file, '10,10\n10;12\n');
    const result = await tessera(['segment', '--model', demoModel('demo-sam'), '--image', image, '--points-file', file]);
    expect(result.code).toBe(1);
    expect(stderrLines(result.stderr)).toEqual([`tessera: --points-file ${file} line 2: --point: got "10;12", expected 2 or 3 comma-separated numbers`]);
  });
});
