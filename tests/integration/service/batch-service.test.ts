// The Batch panel's host methods on the real engine (demo SAM) with real files: a cut-out batch as a `batch` job
// with progress events and a manifest summary listing the corrupt input; pause then resume; a batch cut short by
// a restart comes back from the queue journal and skips what was done; a second start on the folder resumes;
// bad folders and a wrong model fail the call.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type BatchFolderSummary, type BatchProgressEvent, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { writeDrawn } from '../../unit/batch/fixtures/drawn-images.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { CUTOUT_SHAPES } from '../../unit/batch/fixtures/cutout-folder.ts';
import { CLI } from '../batch/batch-cli.ts';
import { demoModel, modelsFolderWithDemoPack } from '../demo-pack.ts';

const SHAPES = ['rect.png', 'disc.jpg', 'x.png'] as const;
let root: string;
let inputDir: string;
let modelsDir: string;
let dataDir: string;
const services: TesseraService[] = [];

async function startService(): Promise<TesseraService> {
  const service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, dataDir, provider: 'cpu', demoPackOnFirstRun: false });
  services.push(service);
  return service;
}

function call<M extends 'startBatch' | 'pauseBatch' | 'resumeBatch' | 'getBatchSummary' | 'getJob'>(service: TesseraService, method: M, args: unknown) {
  return dispatchApiCall(service, method, args) as Promise<never>;
}

/** Records a job's batch progress events and resolves with its final update. */
function watch(service: TesseraService, jobId: () => string | undefined) {
  const progress: BatchProgressEvent[] = [];
  service.onBatchProgress((e) => {
    if (e.jobId === jobId()) progress.push(e);
  });
  const final = new Promise<JobUpdateEvent>((resolve) => {
    service.onJobUpdate((u) => {
      if (u.jobId === jobId() && u.state !== 'queued' && u.state !== 'running') resolve(u);
    });
  });
  return { progress, final };
}

function cutout(outputDir: string) {
  return { kind: 'cutout', modelId: 'demo-pack/demo-sam', inputDir, outputDir };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-batch-service-'));
  inputDir = path.join(root, 'in');
  for (const rel of SHAPES) await writeDrawn(path.join(inputDir, rel), CUTOUT_SHAPES[rel]!);
  await fs.writeFile(path.join(inputDir, 'broken.png'), 'this is not a PNG\n');
  // The shared demo pack, linked where the registry looks for it (read-only use).
  modelsDir = await modelsFolderWithDemoPack(root);
  dataDir = path.join(root, 'data');
});

afterAll(async () => {
  for (const service of services) await service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('batch methods of the service', () => {
  it('a cut-out batch is a queued `batch` job; progress counts it; the summary lists the corrupt input', async () => {
    const service = await startService();
    const out = path.join(root, 'out-1');
    const job: { id?: string } = {};
    const { progress, final } = watch(service, () => job.id);
    const updates: JobUpdateEvent[] = [];
    service.onJobUpdate((u) => updates.push(u));
    job.id = (await call(service, 'startBatch', cutout(out)) as { jobId: string }).jobId;
    expect((await final).state).toBe('done');
    expect(updates.find((u) => u.jobId === job.id)).toMatchObject({ kind: 'batch', modelId: 'demo-pack/demo-sam', label: 'Batch cutout: in → out-1' });
    // 3 drawn images + 1 corrupt file = 4 items, settled one event each after the start event.
    expect(progress.at(-1)).toMatchObject({ total: 4, finished: 4, done: 3, failed: 1, alreadyDone: 0, etaS: 0 });
    expect(progress.at(-1)!.itemsPerS).toBeGreaterThan(0);
    for (const rel of SHAPES) await expectCutoutMatches(out, rel, CUTOUT_SHAPES[rel]!);
    const summary: BatchFolderSummary = await call(service, 'getBatchSummary', { outputDir: out, kind: 'cutout' });
    expect(summary).toMatchObject({ exists: true, kinds: ['cutout'], counts: { done: 3, failed: 1, skipped: 0, interrupted: 0 }, failuresLeftOut: 0 });
    expect(summary.failures).toEqual([{ input: 'broken.png', code: 'IMAGE_UNREADABLE', error: expect.stringContaining('broken.png') }]);
    expect(await call(service, 'getBatchSummary', { outputDir: path.join(root, 'nothing-here') })).toMatchObject({ exists: false, counts: { done: 0 } });
    // A finished batch cannot be paused.
    await expect(call(service, 'pauseBatch', { jobId: job.id })).rejects.toThrow(/a done batch job, expected a queued or running batch/);
  });

  it('pause right after start holds every item; resume completes the batch', async () => {
    const service = services[0]!;
    const out = path.join(root, 'out-2');
    const job: { id?: string } = {};
    const { progress, final } = watch(service, () => job.id);
    job.id = (await call(service, 'startBatch', cutout(out)) as { jobId: string }).jobId;
    expect(await call(service, 'pauseBatch', { jobId: job.id })).toEqual({ jobId: job.id, paused: true });
    // The run starts behind the closed gate: its first event says paused, with nothing taken.
    await expect.poll(() => progress.length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(progress[0]).toMatchObject({ paused: true, finished: 0, total: 4 });
    expect((await call(service, 'getJob', { jobId: job.id }) as JobUpdateEvent).state).toBe('running');
    const manifest = await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8').catch(() => '');
    expect(manifest).not.toContain('"status":"done"');
    expect(await call(service, 'resumeBatch', { jobId: job.id })).toEqual({ jobId: job.id, paused: false });
    expect((await final).state).toBe('done');
    expect(progress.at(-1)).toMatchObject({ paused: false, finished: 4, done: 3, failed: 1 });
  });

  it('a batch cut short by a restart comes back from the journal and skips the items it had done', async () => {
    // More images than the runner holds in flight (decode, inference, writes), so a pause leaves work undone.
    const manyDir = path.join(root, 'in-many');
    const names = Array.from({ length: 12 }, (_, i) => `shape-${String(i).padStart(2, '0')}.png`);
    for (const name of names) await writeDrawn(path.join(manyDir, name), CUTOUT_SHAPES['x.png']!);
    const first = services[0]!;
    const out = path.join(root, 'out-3');
    const job: { id?: string } = {};
    const { progress, final } = watch(first, () => job.id);
    // Paused from inside the first "done" event: the gate closes before the runner takes another item.
    first.onBatchProgress((e) => {
      if (e.jobId === job.id && e.done === 1 && !e.paused) void first.pauseBatch({ jobId: e.jobId });
    });
    job.id = (await call(first, 'startBatch', { ...cutout(out), inputDir: manyDir }) as { jobId: string }).jobId;
    await expect.poll(() => progress.some((p) => p.paused), { timeout: 60_000 }).toBe(true);
    await first.dispose();
    // Items still in flight settle before the run ends (the final update), each with its event.
    expect((await final).state).toBe('cancelled');
    const doneBefore = progress.at(-1)!.done;
    expect(doneBefore).toBeGreaterThanOrEqual(1);
    expect(doneBefore).toBeLessThan(12);

    const second = await startService();
    const restored = watch(second, () => job.id);
    expect(await restored.final).toMatchObject({ kind: 'batch', state: 'done', restored: true });
    const last = restored.progress.at(-1)!;
    expect(last).toMatchObject({ total: 12, finished: 12, failed: 0, alreadyDone: doneBefore, done: 12 - doneBefore });
    for (const name of names) await expectCutoutMatches(out, name, CUTOUT_SHAPES['x.png']!);
  });

  it('starting again on a finished folder resumes it: nothing redone, only the failed input retried', async () => {
    const service = services.at(-1)!;
    const out = path.join(root, 'out-1');
    const job: { id?: string } = {};
    const { progress, final } = watch(service, () => job.id);
    job.id = (await call(service, 'startBatch', cutout(out)) as { jobId: string }).jobId;
    expect((await final).state).toBe('done');
    expect(progress.at(-1)).toMatchObject({ alreadyDone: 3, done: 0, failed: 1 });
  });

  it('starting on a finished folder with other settings is refused on the call, naming them; nothing is queued', async () => {
    const service = services.at(-1)!;
    const out = path.join(root, 'out-1');
    const manifest = await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8');
    await expect(call(service, 'startBatch', { ...cutout(out), options: { crop: true, featherPx: 8 } })).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/got cutout settings that differ from those its outputs were made with \(crop: true now, \(not set\) before; featherPx: 8 now, \(not set\) before\)/),
    });
    expect(await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8')).toBe(manifest);
  });

  it('generate from a prompt list typed in the app: one PNG per line, named by line', async () => {
    const service = services.at(-1)!;
    const out = path.join(root, 'out-generate');
    const job: { id?: string } = {};
    const { progress, final } = watch(service, () => job.id);
    const options = { prompts: ['a red circle', 'a blue square'], steps: 2, width: 64, height: 64, seed: 5 };
    job.id = (await call(service, 'startBatch', { kind: 'generate', modelId: 'demo-pack/demo-sd', outputDir: out, options }) as { jobId: string }).jobId;
    expect((await final).state).toBe('done');
    expect(progress.at(-1)).toMatchObject({ total: 2, done: 2, failed: 0 });
    expect((await fs.readdir(out)).sort()).toEqual(['manifest.jsonl', 'prompts-L0001-1.png', 'prompts-L0002-1.png']);
    const meta = await sharp(path.join(out, 'prompts-L0002-1.png')).metadata();
    expect([meta.width, meta.height]).toEqual([64, 64]);
    const lines = (await fs.readFile(path.join(out, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { status: string; input: string; result?: { seed?: number } });
    // Image k of a line uses seed + k − 1 (k = 1 here), every line from the same base seed. The manifest is in
    // finishing order, which the runner's overlapping stages do not fix.
    expect(lines.filter((l) => l.status === 'done').map((l) => [l.input, l.result?.seed]).sort()).toEqual([
      ['prompts.txt#L1#1', 5],
      ['prompts.txt#L2#1', 5],
    ]);
  });

  it('a folder a `tessera batch` process holds is refused on the call, naming it; once that batch ended it resumes', async () => {
    const service = services.at(-1)!;
    const out = path.join(root, 'out-held');
    const cli = spawn('node', [CLI, 'batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--json'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => cli.on('exit', resolve));
    // its first event comes once it holds the folder; stopped there, it cannot finish before the call is made
    await new Promise((resolve) => cli.stdout.once('data', resolve));
    cli.kill('SIGSTOP');
    try {
      await expect(call(service, 'startBatch', cutout(out))).rejects.toMatchObject({
        code: 'FOLDER_LOCKED',
        message: expect.stringContaining(`got a batch (cutout, pid ${cli.pid} on host ${os.hostname()}) running since`),
      });
    } finally {
      cli.kill('SIGCONT');
    }
    cli.stdout.resume();
    await exited;
    const job: { id?: string } = {};
    const { progress, final } = watch(service, () => job.id);
    job.id = (await call(service, 'startBatch', cutout(out)) as { jobId: string }).jobId;
    expect((await final).state).toBe('done');
    expect(progress.at(-1)).toMatchObject({ alreadyDone: 3, done: 0 });
  });

  it('refuses, on the call, a missing input folder, an output inside the input, a file as output and a wrong model', async () => {
    const service = services.at(-1)!;
    await expect(call(service, 'startBatch', { ...cutout(path.join(root, 'o')), inputDir: path.join(root, 'missing') })).rejects.toThrow(/input folder .*missing: got no such folder, expected an existing folder of images/);
    await expect(call(service, 'startBatch', cutout(path.join(inputDir, 'out')))).rejects.toThrow(/got a folder inside the input folder \(out\), expected a separate folder/);
    await expect(call(service, 'startBatch', cutout(inputDir))).rejects.toThrow(/got the input folder itself/);
    await fs.writeFile(path.join(root, 'a-file'), 'x');
    await expect(call(service, 'startBatch', cutout(path.join(root, 'a-file')))).rejects.toThrow(/output folder .*a-file: got a file, expected a folder/);
    await expect(call(service, 'startBatch', { ...cutout(path.join(root, 'o')), modelId: 'demo-pack/demo-sd' })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('got a diffusion model, expected a segmentation (SAM) or background-removal model for a cutout batch'),
    });
    // The prompt mode narrows it: subject needs a background-removal model, a click mode SAM.
    await expect(call(service, 'startBatch', { ...cutout(path.join(root, 'o')), options: { prompt: 'subject' } })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('got a segmentation (SAM) model, expected a background-removal model (prompt mode subject) for a cutout batch'),
    });
    await expect(call(service, 'startBatch', { ...cutout(path.join(root, 'o')), modelId: 'demo-pack/demo-rembg-u2net', options: { prompt: 'center' } })).rejects.toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('got a background-removal model, expected a segmentation (SAM) model (prompt mode center)'),
    });
  });
});
