// Kill-and-resume: `tessera batch cutout` killed with SIGKILL at random points four times, then resumed to
// completion. Every input ends with exactly one `done` line and its outputs, no temporary file is left,
// and the inputs are byte-identical. (Kill points come from a logged seed so a failure can be replayed.)
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATOMIC_TEMP_PATTERN } from '../../../native-models/image/write-file-atomic.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { demoModel } from '../demo-pack.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { CLI, hashTree, listFiles, readManifestLines, tessera } from './batch-cli.ts';
import { runAndInterrupt, runAndKill, seededRandom } from './kill-and-resume.ts';

const IMAGES = 24;
const KILLS = 4;
let root: string;
const shapes = new Map<string, DrawnShape>();

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-kill-');
  const colours: [number, number, number][] = [[220, 30, 30], [30, 200, 60], [30, 50, 210], [230, 200, 20]];
  for (let i = 0; i < IMAGES; i++) {
    const size = 48 + (i % 4) * 16;
    const rel = `${i % 3 === 0 ? 'sub/' : ''}img-${String(i).padStart(2, '0')}.${i % 2 ? 'png' : 'jpg'}`;
    const m = Math.round(size / 8);
    const shape: DrawnShape = i % 2
      ? { width: size, height: size, shape: 'rect', geometry: [m, m, size - m, size - m], fg: colours[i % 4], bg: [40, 40, 40] }
      : { width: size, height: size, shape: 'disc', geometry: [size / 2, size / 2, size / 2 - m / 2], fg: colours[i % 4], bg: [235, 235, 235] };
    shapes.set(rel, shape);
    await writeDrawn(path.join(root, 'in', rel), shape);
  }
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('tessera batch cutout under SIGKILL', () => {
  it(`killed ${KILLS} times at random points, then resumed: every input done exactly once`, async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out');
    const before = await hashTree(inputDir);
    const seed = Date.now() % 1_000_000;
    const random = seededRandom(seed);
    const args = [CLI, 'batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--recursive', '--json'];
    const outcomes = [];
    for (let k = 0; k < KILLS; k++) {
      // events: 1 progress line at start, then an item + a progress line per image
      outcomes.push(await runAndKill('node', args, 1 + Math.floor(random() * 10), Math.floor(random() * 40)));
    }
    expect(outcomes.filter((o) => o.killed).length, `kill seed ${seed}: ${JSON.stringify(outcomes)}`).toBeGreaterThan(0);

    const final = await tessera(args.slice(1));
    expect(final.code, `kill seed ${seed}: ${final.stderr}`).toBe(0);

    const lines = await readManifestLines(out);
    for (const [rel, shape] of shapes) {
      const done = lines.filter((l) => l.input === rel && l.status === 'done');
      expect(done, `kill seed ${seed}: done lines of ${rel}`).toHaveLength(1);
      await expectCutoutMatches(out, rel, shape);
    }
    expect(lines.filter((l) => l.status === 'failed')).toEqual([]);
    const files = await listFiles(out);
    expect(files.filter((f) => ATOMIC_TEMP_PATTERN.test(path.basename(f)))).toEqual([]);
    expect(files).toHaveLength(1 + 2 * IMAGES); // the manifest and two outputs per image, nothing else
    expect(await hashTree(inputDir)).toEqual(before);
  });

  it('Ctrl-C (SIGINT) stops after the current item with exit 130 and a resumable state', async () => {
    const inputDir = path.join(root, 'in');
    const out = path.join(root, 'out-sigint');
    const args = [CLI, 'batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--recursive', '--json'];
    const interrupted = await runAndInterrupt('node', args, 3);
    expect(interrupted.code).toBe(130);
    const summary = JSON.parse(interrupted.stdout.trim().split('\n').at(-1) as string) as { outcome: string; finished: number };
    expect(summary.outcome).toBe('cancelled');
    expect(summary.finished).toBeLessThan(IMAGES);
    // every item the interrupted run started was finished and recorded: no claim without its done line
    const lines = await readManifestLines(out);
    const started = new Set(lines.filter((l) => l.status === 'started').map((l) => l.input));
    const done = new Set(lines.filter((l) => l.status === 'done').map((l) => l.input));
    expect([...started].filter((i) => !done.has(i))).toEqual([]);

    const resumed = await tessera(args.slice(1));
    expect(resumed.code).toBe(0);
    const final = JSON.parse(resumed.stdout.trim().split('\n').at(-1) as string) as { alreadyDone: number; done: number };
    expect(final.alreadyDone).toBe(done.size);
    expect(final.alreadyDone + final.done).toBe(IMAGES);
  });
});
