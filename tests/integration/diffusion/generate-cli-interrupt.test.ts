// `tessera generate --count 4` stopped by SIGINT (Ctrl+C) after two images: the finished images stay on disk,
// the command says which it kept and exits 130; a real CLI process, a real signal.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoModel } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';

const cli = path.resolve('cli/bin/tessera.js');
let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('tessera-interrupt-');
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

it('keeps the images written before Ctrl+C and says so', async () => {
  const out = path.join(dir, 'circle.png');
  // 1000 steps per 64×64 image: seconds each, so the signal lands while image 3 runs.
  const args = ['generate', '--model', demoModel('demo-sd'), '--prompt', 'a red circle', '--steps', '1000', '--seed', '7', '--width', '64', '--height', '64', '--count', '4', '--out', out, '--json'];
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: { type: string; path?: string; written?: string[]; count?: number }[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let buffered = '';
  const twoImages = new Promise<void>((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) events.push(JSON.parse(line) as (typeof events)[number]);
      if (events.filter((e) => e.type === 'image').length >= 2) resolve();
    });
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await twoImages;
  child.kill('SIGINT');
  expect(await exited, stderr).toBe(130);
  const images = events.filter((e) => e.type === 'image').map((e) => e.path);
  // Seeds 7 and 8 (seed + index) were written; image 3 may have been finished while the signal travelled.
  expect(images.slice(0, 2)).toEqual([path.join(dir, 'circle-7.png'), path.join(dir, 'circle-8.png')]);
  expect(images.length).toBeLessThan(4);
  expect((await fs.readdir(dir)).sort()).toEqual(images.map((p) => path.basename(p!)).sort());
  expect(events.at(-1)).toEqual({ type: 'interrupted', written: images, count: 4 });
}, 120_000);
