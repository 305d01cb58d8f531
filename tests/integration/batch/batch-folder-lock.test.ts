// One batch per output folder (native-models/batch/output-folder-lock.ts), through real `tessera batch` processes:
// two started together on one folder → one refused at once naming the holder, the other completes, the manifest
// has no false failures; a lock left by a dead process is taken over; a batch killed with SIGKILL leaves a lock
// that the next run finds stale and resumes past.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDER_LOCK_NAME } from '../../../native-models/batch/output-folder-lock.ts';
import { readBatchFolderSummary } from '../../../native-models/service/batch-summary.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { demoModel } from '../demo-pack.ts';
import { CLI, readManifestLines, tessera } from './batch-cli.ts';
import { runAndKill } from './kill-and-resume.ts';

const IMAGES = 16;
let root: string;
let inputDir: string;

beforeAll(async () => {
  root = await makeTempDir('tessera-batch-lock-');
  inputDir = path.join(root, 'in');
  for (let i = 0; i < IMAGES; i++) {
    const size = 48 + (i % 3) * 16;
    const m = Math.round(size / 8);
    const shape: DrawnShape = { width: size, height: size, shape: 'rect', geometry: [m, m, size - m, size - m], fg: [200, 40 + i * 10, 30], bg: [235, 235, 235] };
    await writeDrawn(path.join(inputDir, `img${String(i).padStart(2, '0')}.png`), shape);
  }
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

function cutoutArgs(out: string): string[] {
  return [CLI, 'batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--json'];
}

interface Child {
  pid: number;
  stdout: string;
  stderr: string;
  firstEvent: Promise<void>;
  exit: Promise<number | null>;
}

function start(args: string[]): Child {
  const child = spawn('node', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const state = { pid: child.pid!, stdout: '', stderr: '' } as Child;
  state.firstEvent = new Promise((resolve) => {
    child.stdout.on('data', (chunk: Buffer) => {
      state.stdout += chunk.toString();
      if (state.stdout.includes('\n')) resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (state.stderr += chunk.toString()));
  state.exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return state;
}

/** The pid of a process that has exited (no process runs under it now, unless the system reused it since). */
async function deadPid(): Promise<number> {
  const child = spawn('node', ['-e', '0']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('tessera batch: one batch per output folder', () => {
  it('two batches started together on one folder: one refused at once naming the holder, the other completes', async () => {
    const out = path.join(root, 'out-race');
    const [a, b] = [start(cutoutArgs(out)), start(cutoutArgs(out))];
    // A batch prints its first event only once it holds the folder: hold that one still (SIGSTOP) so that the
    // other meets its lock for certain, however the two were scheduled.
    const winner = await Promise.race([a.firstEvent.then(() => a), b.firstEvent.then(() => b)]);
    const loser = winner === a ? b : a;
    process.kill(winner.pid, 'SIGSTOP');
    const loserCode = await loser.exit;
    process.kill(winner.pid, 'SIGCONT');
    expect(loserCode).toBe(1);
    // one error line (a warning about the missing GPU may precede it)
    expect(loser.stderr.split('\n').filter((l) => l.startsWith('tessera: error'))).toHaveLength(1);
    expect(loser.stderr).toMatch(new RegExp(`FOLDER_LOCKED.*got a batch \\(cutout, pid ${winner.pid} on host ${os.hostname()}\\) running since \\d{4}-\\d\\d-\\d\\dT.*writing there`));
    expect(loser.stdout).not.toContain('"status"'); // it recorded nothing

    expect(await winner.exit).toBe(0);
    const lines = await readManifestLines(out);
    expect(lines.filter((l) => l.status === 'failed')).toEqual([]);
    expect(lines.filter((l) => l.status === 'done')).toHaveLength(IMAGES);
    const summary = await readBatchFolderSummary(out, 'cutout');
    expect(summary.counts).toEqual({ done: IMAGES, failed: 0, skipped: 0, interrupted: 0 });
    await expect(fs.access(path.join(out, FOLDER_LOCK_NAME))).rejects.toThrow(); // released at the end
  });

  it('a lock left by a process that is gone is taken over, with a message naming it', async () => {
    const out = path.join(root, 'out-stale');
    await fs.mkdir(out, { recursive: true });
    const pid = await deadPid();
    await fs.writeFile(path.join(out, FOLDER_LOCK_NAME), JSON.stringify({ pid, host: os.hostname(), startedAt: '2026-01-02T03:04:05.000Z', job: 'cutout' }));
    const run = await tessera(cutoutArgs(out).slice(1));
    expect(run.code, run.stderr).toBe(0);
    const notice = run.stdout.split('\n').find((l) => l.includes('"notice"'));
    expect(notice).toMatch(new RegExp(`took over the lock of a batch \\(cutout, pid ${pid} on host .*\\) running since 2026-01-02T03:04:05.000Z: that process is no longer running`));
    expect((await readManifestLines(out)).filter((l) => l.status === 'done')).toHaveLength(IMAGES);
    await expect(fs.access(path.join(out, FOLDER_LOCK_NAME))).rejects.toThrow();
  });

  it('a lock held by a live process on another host is refused with the host named and the way out', async () => {
    const out = path.join(root, 'out-foreign');
    await fs.mkdir(out, { recursive: true });
    const lock = JSON.stringify({ pid: 1, host: 'render-box-7', startedAt: '2026-01-02T03:04:05.000Z', job: 'img2img' });
    await fs.writeFile(path.join(out, FOLDER_LOCK_NAME), lock);
    const run = await tessera(cutoutArgs(out).slice(1));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('got a batch (img2img, pid 1 on host render-box-7) running since 2026-01-02T03:04:05.000Z writing there');
    expect(run.stderr).toContain(`if that batch no longer runs, delete ${path.join(out, FOLDER_LOCK_NAME)}`);
    expect(await fs.readFile(path.join(out, FOLDER_LOCK_NAME), 'utf8')).toBe(lock);
    await expect(fs.access(path.join(out, 'manifest.jsonl'))).rejects.toThrow();
  });

  it('SIGKILL leaves the lock behind; the next run finds it stale, takes it over and resumes', async () => {
    const out = path.join(root, 'out-kill');
    const killed = await runAndKill('node', cutoutArgs(out), 4, 0);
    expect(killed.killed).toBe(true);
    const left = JSON.parse(await fs.readFile(path.join(out, FOLDER_LOCK_NAME), 'utf8')) as { pid: number };
    const doneBefore = (await readManifestLines(out)).filter((l) => l.status === 'done').length;

    const resumed = await tessera(cutoutArgs(out).slice(1));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`took over the lock of a batch (cutout, pid ${left.pid} on host`);
    const summary = JSON.parse(resumed.stdout.trim().split('\n').at(-1)!) as { alreadyDone: number; done: number };
    expect(summary.alreadyDone).toBe(doneBefore);
    expect(summary.alreadyDone + summary.done).toBe(IMAGES);
    await expect(fs.access(path.join(out, FOLDER_LOCK_NAME))).rejects.toThrow();
  });
});
