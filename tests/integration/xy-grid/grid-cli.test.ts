// `tessera grid` in one round trip on the demo pack: a model axis (bare names = siblings of --model) by a seed
// axis at 64×64 writes each cell with its own parameters and grid.png sized for the labelled layout; a second run
// into the same folder is refused before any work (OUTPUT_EXISTS) unless --overwrite.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import { tessera } from '../batch/batch-cli.ts';
import { demoModel } from '../demo-pack.ts';

let out: string;
beforeAll(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-grid-cli-'));
});
afterAll(async () => {
  await fs.rm(out, { recursive: true, force: true });
});

describe('tessera grid', () => {
  it('writes every cell with its parameters and the grid; refuses taken files', async () => {
    const args = ['grid', '--model', demoModel('demo-sd'), '--prompt', 'a blue square', '--x', 'model=demo-sd,demo-sd-lcm', '--y', 'seed=7,8', '--steps', '2', '--width', '64', '--height', '64', '--out-dir', out, '--json'];
    const run = await tessera(args);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.filter((l) => l.type === 'cell')).toHaveLength(4);
    expect(lines.at(-1)).toMatchObject({ type: 'grid', path: path.join(out, 'grid.png'), cells: 4, of: 4, columns: 2, rows: 2 });
    const expected = [
      ['cell-r1-c1.png', 'demo-sd', 7],
      ['cell-r1-c2.png', 'demo-sd-lcm', 7],
      ['cell-r2-c1.png', 'demo-sd', 8],
      ['cell-r2-c2.png', 'demo-sd-lcm', 8],
    ] as const;
    for (const [file, model, seed] of expected) {
      const meta = readGenerationParameters(new Uint8Array(await fs.readFile(path.join(out, file))));
      expect(meta?.parameters).toMatchObject({ model, seed, steps: 2, prompt: 'a blue square', width: 64, height: 64 });
    }
    const grid = await sharp(path.join(out, 'grid.png')).metadata();
    // Two 64-px columns right of the row labels ("Seed: 7"), two rows under the 32-px header band.
    expect(grid.height).toBe(32 + 2 * 64);
    expect(grid.width).toBeGreaterThan(2 * 64);
    const again = await tessera(args);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('grid.png: got an existing file');
  });
});
