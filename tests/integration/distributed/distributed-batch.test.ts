// Distributed batch end to end: a password-protected redis-server of its own (AOF, so a restart keeps the queue),
// real `tessera worker` processes on the demo SAM model, batches submitted and followed with the CLI. Each batch
// must end with every input `done` exactly once in its manifest, whole outputs and no temporary files — through
// a SIGKILLed worker, a Redis restart, a corrupt input and a SIGTERMed worker; segment-everything batches write
// the local batch's COCO / YOLO files from the manifest once followed to the end.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOLDER_LOCK_NAME } from '../../../native-models/batch/output-folder-lock.ts';
import { cutoutOutputs, versionedOutput } from '../../../native-models/batch/output-naming.ts';
import { ATOMIC_TEMP_PATTERN } from '../../../native-models/image/write-file-atomic.ts';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { expectCocoSchema } from '../../fixtures/coco-schema.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { hashTree, listFiles, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { demoModel } from '../demo-pack.ts';
import { WorkerProcess } from './worker-process.ts';

const IMAGES = 8;
/** Each job waits this long before its model call, so that signals land mid-job. */
const HOLD_MS = 250;
let root: string;
let redis: RedisServerFixture;
let workers: WorkerProcess[] = [];
const shapes = new Map<string, DrawnShape>();

beforeAll(async () => {
  root = await makeTempDir('tessera-distributed-');
  redis = await RedisServerFixture.start({ persist: true, password: 'test pass@word' });
  const colours: [number, number, number][] = [[220, 30, 30], [30, 200, 60], [30, 50, 210], [230, 200, 20]];
  for (let i = 0; i < IMAGES; i++) {
    const size = 40 + (i % 3) * 8;
    const m = Math.round(size / 6);
    const shape: DrawnShape = { width: size, height: size, shape: 'rect', geometry: [m, m, size - m, size - m], fg: colours[i % 4], bg: [40, 40, 40] };
    shapes.set(`img-${i}.png`, shape);
    await writeDrawn(path.join(root, 'in', `img-${i}.png`), shape);
  }
  workers = ['a', 'b', 'c'].map((name) => new WorkerProcess(name, redis.url, demoModel('demo-sam'), { holdMs: HOLD_MS }));
  await Promise.all(workers.map((w) => w.ready()));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

function submitArgs(out: string, inputDir = path.join(root, 'in')): string[] {
  return ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', out, '--redis', redis.url, '--json'];
}

function localArgs(out: string): string[] {
  return ['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', path.join(root, 'in'), '--out', out, '--json'];
}

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function submitDetached(out: string): Promise<string> {
  const submitted = await tessera([...submitArgs(out), '--detach']);
  expect(submitted.code, submitted.stderr).toBe(0);
  return jsonLines(submitted.stdout).find((l) => l.type === 'detached')!.batchId as string;
}

/** Every drawn input has exactly one `done` line and matching outputs; nothing else is in the folder. */
async function expectAllDoneOnce(out: string): Promise<void> {
  const lines = await readManifestLines(out);
  for (const [rel, shape] of shapes) {
    expect(lines.filter((l) => l.input === rel && l.status === 'done'), `done lines of ${rel}`).toHaveLength(1);
    await expectCutoutMatches(out, rel, shape);
  }
  expect(lines.filter((l) => l.status === 'failed')).toEqual([]);
  const files = await listFiles(out);
  expect(files.filter((f) => ATOMIC_TEMP_PATTERN.test(path.basename(f)))).toEqual([]);
  expect(files).toHaveLength(1 + 2 * IMAGES);
}

describe('tessera batch --redis with tessera worker processes', () => {
  it('three workers: every image done once, with the local batch summary and exit status', async () => {
    const out = path.join(root, 'out-three');
    const run = await tessera(submitArgs(out));
    expect(run.code, run.stderr).toBe(0);
    const summary = jsonLines(run.stdout).at(-1)!;
    expect(summary).toMatchObject({ type: 'summary', outcome: 'completed', total: IMAGES, done: IMAGES, failed: 0 });
    await expectAllDoneOnce(out);
    const batchId = summary.batchId as string;
    // each job ran at least once; more only if a lock lapsed on a loaded machine (then the manifest still has one line)
    expect(workers.reduce((n, w) => n + w.jobLines(batchId, 'done').length, 0)).toBeGreaterThanOrEqual(IMAGES);
  });

  it('cut-out options travel with the spec: --crop --feather --no-mask as in a local batch', async () => {
    const out = path.join(root, 'out-crop');
    const run = await tessera([...submitArgs(out), '--crop', '--feather', '2', '--no-mask']);
    expect(run.code, run.stderr).toBe(0);
    const files = await listFiles(out);
    // no mask PNGs (--no-mask), one cut-out per image
    expect(files.filter((f) => f.endsWith('.png'))).toEqual([...shapes.keys()].map((rel) => cutoutOutputs(rel)[0]).sort());
    for (const [rel, shape] of shapes) {
      const meta = await sharp(path.join(out, cutoutOutputs(rel)[0])).metadata();
      // cropped to the drawn rectangle (its side is size − 2m) widened by at most the 2 px feather on each side
      const side = shape.geometry[2]! - shape.geometry[0]!;
      expect(meta.width, `${rel} cropped`).toBeLessThan(shape.width);
      expect(Math.abs(meta.width! - side), `${rel} cropped width vs the rectangle's ${side}`).toBeLessThanOrEqual(2 * 2 + 2);
    }
    const done = (await readManifestLines(out)).filter((l) => l.status === 'done');
    expect(done[0]).toMatchObject({ parameters: { prompt: 'center', crop: true, featherPx: 2, writeMask: false } });
  });

  it('segment everything on workers: --prompt everything-largest with --coco / --yolo as a local batch writes them', async () => {
    const out = path.join(root, 'out-everything');
    const coco = path.join(root, 'everything-instances.json');
    const yolo = path.join(root, 'everything-yolo');
    // Two of the drawn images: segment-everything is 256 decoder runs an image (the default 16×16 grid).
    const inputDir = path.join(root, 'in-everything');
    const picked = new Map([...shapes].slice(0, 2));
    for (const [rel, shape] of picked) await writeDrawn(path.join(inputDir, rel), shape);
    const run = await tessera([...submitArgs(out, inputDir), '--prompt', 'everything-largest', '--coco', coco, '--yolo', yolo, '--label', 'shape']);
    expect(run.code, run.stderr).toBe(0);
    const events = jsonLines(run.stdout);
    expect(events.find((e) => e.type === 'annotations')).toMatchObject({ count: picked.size, cocoPath: coco, yoloDir: yolo });
    const lines = await readManifestLines(out);
    for (const rel of picked.keys()) expect(lines.filter((l) => l.input === rel && l.status === 'done'), `done lines of ${rel}`).toHaveLength(1);
    expect(lines.find((l) => l.status === 'done')).toMatchObject({ parameters: { prompt: 'everything-largest' } });
    // One COCO file for the folder: every image once, one 'shape' annotation each, made from the mask the worker
    // saved (the largest region; on these pictures the dark surround, which is larger than the rectangle).
    const instances = JSON.parse(await fs.readFile(coco, 'utf8')) as { images: { id: number; file_name: string }[]; annotations: { image_id: number; area: number; bbox: number[] }[]; categories: { name: string }[] };
    expectCocoSchema(instances);
    expect(instances.images.map((i) => i.file_name).sort()).toEqual([...picked.keys()].sort());
    expect(instances.categories.map((c) => c.name)).toEqual(['shape']);
    for (const image of instances.images) {
      const { data } = await sharp(path.join(out, cutoutOutputs(image.file_name)[1]!)).greyscale().raw().toBuffer({ resolveWithObject: true });
      const maskPixels = data.reduce((n, v) => n + (v >= 128 ? 1 : 0), 0);
      const annotations = instances.annotations.filter((a) => a.image_id === image.id);
      expect(annotations, `${image.file_name} annotations`).toHaveLength(1);
      expect(Math.abs(annotations[0]!.area - maskPixels), `${image.file_name} area vs its saved mask's ${maskPixels} px`).toBeLessThanOrEqual(0.02 * maskPixels);
    }
    // YOLO-seg: one label file per image (class 0, a normalised polygon) and classes.txt.
    expect((await fs.readdir(yolo)).sort()).toEqual(['classes.txt', ...[...picked.keys()].map((rel) => rel.replace(/\.png$/, '.txt'))].sort());
    expect(await fs.readFile(path.join(yolo, 'classes.txt'), 'utf8')).toBe('shape\n');
    const label = (await fs.readFile(path.join(yolo, 'img-0.txt'), 'utf8')).trim().split(' ');
    expect(label[0]).toBe('0');
    expect(label.slice(1).every((v) => Number(v) >= 0 && Number(v) <= 1)).toBe(true);
  }, 300_000);

  it('--coco with --detach is refused before anything is submitted (the follower writes the files)', async () => {
    const out = path.join(root, 'out-everything-detached');
    const run = await tessera([...submitArgs(out), '--prompt', 'everything-largest', '--coco', path.join(root, 'never.json'), '--detach']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot go with --detach');
    await expect(fs.access(out)).rejects.toThrow();
  });

  it('one unfinished batch per output folder: the same batch again attaches to it, a different one is refused', async () => {
    const out = path.join(root, 'out-guard');
    const batchId = await submitDetached(out);
    const again = await tessera([...submitArgs(out), '--detach']);
    expect(again.code, again.stderr).toBe(0);
    expect(jsonLines(again.stdout).find((l) => l.type === 'attached')).toMatchObject({ batchId, attached: true, total: IMAGES });
    const other = await tessera([...submitArgs(out), '--crop', '--detach']);
    expect(other.code).not.toBe(0);
    expect(other.stderr).toContain(`distributed batch ${batchId} (cutout) still running there`);
    // a local batch follows the same rule (the folder lock): refused, pointed at the distributed batch
    const local = await tessera(localArgs(out));
    expect(local.code).toBe(1);
    expect(local.stderr).toMatch(new RegExp(`FOLDER_LOCKED.*got distributed batch ${batchId} \\(cutout, submitted from host .*\\) writing there.*tessera batch wait ${batchId}`));
    const waited = await tessera(['batch', 'wait', batchId, '--redis', redis.url, '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    await expectAllDoneOnce(out);
    // recorded to its end, the batch lets the folder go: a new one finds every image already done
    const rerun = await tessera(submitArgs(out));
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = jsonLines(rerun.stdout).at(-1)!;
    expect(summary.batchId).not.toBe(batchId);
    expect(summary).toMatchObject({ outcome: 'completed', total: IMAGES, alreadyDone: IMAGES, done: 0 });
    await expectAllDoneOnce(out);
  });

  it('a local batch holding the folder refuses a distributed one; a lock of a batch Redis does not know is taken over', async () => {
    const out = path.join(root, 'out-locked');
    await fs.mkdir(out, { recursive: true });
    const lockFile = path.join(out, FOLDER_LOCK_NAME);
    const holder = spawn('node', ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await fs.writeFile(lockFile, JSON.stringify({ pid: holder.pid, host: os.hostname(), startedAt: '2026-01-02T03:04:05.000Z', job: 'img2img' }));
      const refused = await tessera([...submitArgs(out), '--detach']);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(`got a batch (img2img, pid ${holder.pid} on host ${os.hostname()}) running since 2026-01-02T03:04:05.000Z writing there`);
    } finally {
      holder.kill();
    }
    // a distributed batch's lock whose batch Redis does not know (a wiped Redis): stale for a submitter, which has Redis
    await fs.writeFile(lockFile, JSON.stringify({ pid: 1, host: 'elsewhere', startedAt: '2026-01-02T03:04:05.000Z', job: 'cutout', distributedBatch: 'm0000000-00000000' }));
    const run = await tessera(submitArgs(out));
    expect(run.code, run.stderr).toBe(0);
    await expectAllDoneOnce(out);
  });

  it('an input changed since its outputs were made: workers write beside the kept outputs, as a local batch does', async () => {
    const inputDir = path.join(root, 'in-changed');
    const out = path.join(root, 'out-changed');
    const [a, b] = [...shapes.values()];
    await writeDrawn(path.join(inputDir, 'a.png'), a!);
    await writeDrawn(path.join(inputDir, 'b.png'), a!);
    expect((await tessera(submitArgs(out, inputDir))).code).toBe(0);
    const before = await hashTree(out);
    await writeDrawn(path.join(inputDir, 'a.png'), b!);
    const run = await tessera(submitArgs(out, inputDir));
    expect(run.code, run.stderr).toBe(0);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ done: 1, alreadyDone: 1, changedInputs: ['a.png'] });
    const after = await hashTree(out);
    for (const [file, hash] of before) if (file !== 'manifest.jsonl') expect(after.get(file), file).toBe(hash);
    const kept = cutoutOutputs('a.png');
    const fresh = [versionedOutput(kept[0], 2), versionedOutput(kept[1], 2)] as const;
    await expectCutoutMatches(out, 'a.png', b!, fresh);
    expect((await readManifestLines(out)).filter((l) => l.input === 'a.png' && l.status === 'done').at(-1)).toMatchObject({ outputs: [...fresh], kept: [...kept] });
  });

  it('a worker SIGKILLed mid-job: its job is redone by another, every image done exactly once', async () => {
    const out = path.join(root, 'out-kill');
    const batchId = await submitDetached(out);
    const [victim] = workers;
    const started = await victim!.waitFor((l) => l.type === 'job' && l.batchId === batchId && l.status === 'started', 'started job');
    victim!.signal('SIGKILL');
    expect((await victim!.exited).signal).toBe('SIGKILL');
    workers = workers.slice(1);
    const waited = await tessera(['batch', 'wait', batchId, '--redis', redis.url, '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    await expectAllDoneOnce(out);
    // the killed job was taken up again after its lock lapsed (stalled) by a surviving worker
    const redone = workers.flatMap((w) => w.jobLines(batchId, 'done')).filter((l) => l.input === started.input);
    expect(redone.length).toBeGreaterThanOrEqual(1);
  });

  it('Redis stopped and restarted mid-batch: workers and the follower reconnect and finish', async () => {
    const out = path.join(root, 'out-restart');
    const batchId = await submitDetached(out);
    const following = tessera(['batch', 'wait', batchId, '--redis', redis.url, '--json']);
    await workers[0]!.waitFor((l) => l.type === 'job' && l.batchId === batchId && l.status === 'done', 'done job');
    await redis.stop();
    const doneBeforeStop = workers.reduce((n, w) => n + w.jobLines(batchId, 'done').length, 0);
    expect(doneBeforeStop, 'the stop landed mid-batch').toBeLessThan(IMAGES);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.restart();
    const waited = await following;
    expect(waited.code, waited.stderr).toBe(0);
    expect(jsonLines(waited.stdout).at(-1)).toMatchObject({ outcome: 'completed', total: IMAGES, failed: 0 });
    await expectAllDoneOnce(out);
  });

  it('a corrupt input is retried with backoff, then recorded failed once; the batch completes with exit 1', async () => {
    const inputDir = path.join(root, 'in-corrupt');
    await fs.cp(path.join(root, 'in'), inputDir, { recursive: true });
    await fs.writeFile(path.join(inputDir, 'broken.png'), 'not a PNG at all\n');
    const out = path.join(root, 'out-corrupt');
    const run = await tessera([...submitArgs(out, inputDir), '--attempts', '3', '--backoff-ms', '100']);
    expect(run.code, run.stderr).toBe(1);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ outcome: 'completed', total: IMAGES + 1, done: IMAGES, failed: 1, failedInputs: ['broken.png'] });
    const lines = await readManifestLines(out);
    const failed = lines.filter((l) => l.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ input: 'broken.png', code: 'IMAGE_UNREADABLE' });
    const batchId = jsonLines(run.stdout).at(-1)!.batchId as string;
    const attempts = workers.flatMap((w) => w.jobLines(batchId)).filter((l) => l.input === 'broken.png' && l.status !== 'started');
    expect(attempts.map((l) => l.status).sort()).toEqual(['failed', 'retrying', 'retrying']);
  });

  it('SIGTERM: the worker hands its job back and exits 0; another worker finishes the batch', async () => {
    await Promise.all(workers.map((w) => w.stop()));
    expect((await Promise.all(workers.map((w) => w.exited))).map((e) => e.code)).toEqual([0, 0]);
    const slow = new WorkerProcess('slow', redis.url, demoModel('demo-sam'), { holdMs: 3000 });
    workers = [slow];
    await slow.ready();
    const out = path.join(root, 'out-sigterm');
    const batchId = await submitDetached(out);
    const started = await slow.waitFor((l) => l.type === 'job' && l.batchId === batchId && l.status === 'started', 'started job');
    slow.signal('SIGTERM');
    expect((await slow.exited).code).toBe(0);
    expect(slow.jobLines(batchId, 'returned').map((l) => l.input)).toEqual([started.input]);
    expect(slow.jobLines(batchId, 'done')).toEqual([]);
    const fresh = new WorkerProcess('fresh', redis.url, demoModel('demo-sam'));
    workers.push(fresh);
    const waited = await tessera(['batch', 'wait', batchId, '--redis', redis.url, '--json']);
    expect(waited.code, waited.stderr).toBe(0);
    await expectAllDoneOnce(out);
    expect(new Set(fresh.jobLines(batchId, 'done').map((l) => l.input)).size).toBe(IMAGES);
  });
});
