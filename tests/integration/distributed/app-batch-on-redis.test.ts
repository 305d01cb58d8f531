// The app's Batch panel with a Redis URL in Settings: startBatch submits the batch to a real redis-server of its
// own and a real `tessera worker` process does the cut-outs; the app's job follows it with the local batch's
// progress events and manifest. No pause on Redis; cancel stops following and a second start attaches again.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type BatchProgressEvent, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { getDistributedBatchStatus } from '../../../native-models/batch/distributed/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { readManifestLines } from '../batch/batch-cli.ts';
import { demoModel, modelsFolderWithDemoPack } from '../demo-pack.ts';
import { WorkerProcess } from './worker-process.ts';

const IMAGES = 4;
let root: string;
let redis: RedisServerFixture;
let service: TesseraService;
const workers: WorkerProcess[] = [];
const shapes = new Map<string, DrawnShape>();
/** The Redis batch the first test submitted (and stopped following). */
let firstBatchId = '';

function call(method: string, args: unknown): Promise<never> {
  return dispatchApiCall(service, method as never, args) as Promise<never>;
}

/** Starts a cut-out batch from the app and records its progress events until its final update. */
async function startCutout(out: string) {
  const progress: BatchProgressEvent[] = [];
  const job: { id?: string } = {};
  const offProgress = service.onBatchProgress((e) => e.jobId === job.id && progress.push(e));
  let offUpdate = () => {};
  const final = new Promise<JobUpdateEvent>((resolve) => {
    offUpdate = service.onJobUpdate((u) => u.jobId === job.id && u.state !== 'queued' && u.state !== 'running' && resolve(u));
  });
  const ticket = (await call('startBatch', { kind: 'cutout', modelId: 'demo-pack/demo-sam', inputDir: path.join(root, 'in'), outputDir: out })) as { jobId: string };
  job.id = ticket.jobId;
  const done = final.finally(() => (offProgress(), offUpdate()));
  return { jobId: ticket.jobId, progress, final: done };
}

async function until(test: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > timeoutMs) throw new Error(`no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  root = await makeTempDir('tessera-app-redis-');
  redis = await RedisServerFixture.start({ password: 'app secret' });
  for (let i = 0; i < IMAGES; i++) {
    const size = 40 + i * 8;
    const m = Math.round(size / 5);
    const shape: DrawnShape = { width: size, height: size, shape: 'rect', geometry: [m, m, size - m, size - m], fg: [200, 40 + i * 50, 40], bg: [30, 30, 30] };
    shapes.set(`img-${i}.png`, shape);
    await writeDrawn(path.join(root, 'in', `img-${i}.png`), shape);
  }
  const modelsDir = await modelsFolderWithDemoPack(root);
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, dataDir: path.join(root, 'data'), provider: 'cpu', demoPackOnFirstRun: false });
  await call('updateSettings', { redisUrl: redis.url });
});

afterAll(async () => {
  await service?.dispose();
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('Batch panel with a Redis URL in Settings', () => {
  it('no worker yet: the batch waits on Redis; pause is refused; cancel stops following and leaves it queued there', async () => {
    const run = await startCutout(path.join(root, 'out'));
    await until(() => run.progress.some((p) => p.redis !== undefined), 'progress with a Redis batch id');
    const first = run.progress.find((p) => p.redis)!;
    expect(first).toMatchObject({ total: IMAGES, finished: 0, redis: { queue: 'cutout.demo-sam' } });
    await expect(call('pauseBatch', { jobId: run.jobId })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('Redis workers') });
    await call('cancel', { jobId: run.jobId });
    const final = await run.final;
    expect(final.state).toBe('cancelled');
    expect(run.progress.every((p) => p.finished === 0)).toBe(true);
    // the batch itself stays on Redis, its jobs waiting for a worker
    const status = await getDistributedBatchStatus(first.redis!.batchId, { redis: redis.url });
    expect(status).toMatchObject({ state: 'running', total: IMAGES, finished: 0, queueJobs: { waiting: IMAGES } });
    firstBatchId = first.redis!.batchId;
  });

  it('a worker joins: starting the same batch again follows the one on Redis to its end, done by the worker', async () => {
    const before = (await readManifestLines(path.join(root, 'out'))).filter((l) => l.status === 'started');
    expect(before).toHaveLength(IMAGES); // the cancelled follow left the submitter's claims only
    const worker = new WorkerProcess('app', redis.url, demoModel('demo-sam'));
    workers.push(worker);
    await worker.ready();
    const run = await startCutout(path.join(root, 'out'));
    const final = await run.final;
    expect(final.state, JSON.stringify(final.error)).toBe('done');
    const batchIds = new Set(run.progress.map((p) => p.redis?.batchId));
    expect(batchIds.size).toBe(1);
    const [batchId] = batchIds;
    // attached to the batch submitted (and no longer followed) above, not a second one
    expect(batchId).toBe(firstBatchId);
    expect(run.progress.at(-1)).toMatchObject({ total: IMAGES, finished: IMAGES, done: IMAGES, failed: 0 });
    expect(new Set(worker.jobLines(batchId!, 'done').map((l) => l.input))).toEqual(new Set(shapes.keys()));
    const lines = await readManifestLines(path.join(root, 'out'));
    for (const [rel, shape] of shapes) {
      expect(lines.filter((l) => l.input === rel && l.status === 'done')).toHaveLength(1);
      await expectCutoutMatches(path.join(root, 'out'), rel, shape);
    }
    const summary = (await call('getBatchSummary', { outputDir: path.join(root, 'out') })) as { counts: Record<string, number> };
    expect(summary.counts).toEqual({ done: IMAGES, failed: 0, skipped: 0, interrupted: 0 });
  });
});
