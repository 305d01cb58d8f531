// The service over a real data folder, with a scripted engine: results land in the output folder and the
// gallery history, the queue (order, moves, cancels) survives a restart and its jobs run, deleting a result
// moves it to a freedesktop.org trash without breaking the entries that used it as input, settings persist.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatchApiCall, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { encodePng } from '../../../native-models/image/encode-png.ts';
import { addGenerationParameters, readGenerationParameters } from '../../../native-models/image/png-metadata/generation-metadata.ts';
import type { ModelFolderReport } from '../../../native-models/models/index.ts';
import { ModelManager } from '../../../native-models/models/manager/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import type { EngineBackends, EngineOptions, GenerationHooks, GenerationJob } from '../../../native-models/service/engine-backends.ts';
import { moveToTrash } from '../../../native-models/service/system-trash.ts';

/** An engine that paints a flat colour per prompt; jobs wait for `release()` while `hold` is set. */
class ScriptedEngine implements EngineBackends {
  hold = false;
  started: string[] = [];
  jobs: GenerationJob[] = [];
  configured: EngineOptions[] = [];
  private waiting: (() => void)[] = [];

  release(): void {
    this.hold = false;
    this.waiting.splice(0).forEach((go) => go());
  }

  async inspectModel(dir: string): Promise<ModelFolderReport> {
    return { path: dir, kind: 'diffusion', usable: true } as ModelFolderReport;
  }

  async generate(job: GenerationJob, hooks: GenerationHooks) {
    this.started.push(job.prompt);
    this.jobs.push(job);
    if (this.hold) {
      await new Promise<void>((resolve, reject) => {
        this.waiting.push(resolve);
        hooks.signal.addEventListener('abort', () => reject(Object.assign(new Error('stopped'), { code: 'CANCELLED' })));
      });
    }
    const [width, height] = [16, 8];
    const red = job.prompt.includes('red') ? 255 : 0;
    const png = await encodePng({ width, height, channels: 3, data: new Uint8Array(width * height * 3).map((_, i) => (i % 3 === 0 ? red : 40)) });
    const parameters = { prompt: job.prompt, negativePrompt: job.negativePrompt, steps: job.steps, sampler: 'euler', guidance: job.guidance, seed: job.seed, width, height, model: path.basename(job.modelDir) };
    const image = { mimeType: 'image/png' as const, base64: Buffer.from(addGenerationParameters(png, parameters, { generator: 'test' })).toString('base64') };
    const output = { image, width, height, seed: job.seed, scheduler: 'euler', stepsRun: job.steps };
    await hooks.onImage(output);
    return [output];
  }

  async segment(): Promise<never> {
    throw new Error('not used');
  }

  async segmentEverything(): Promise<never> {
    throw new Error('not used');
  }

  async segmentSubject(): Promise<never> {
    throw new Error('not used');
  }

  async upscaleImage(): Promise<never> {
    throw new Error('not used');
  }

  async preEncode(): Promise<never> {
    throw new Error('not used');
  }

  async forgetModel(): Promise<void> {}

  async configure(options: EngineOptions): Promise<void> {
    this.configured.push(options);
  }

  async dispose(): Promise<void> {}
}

let root: string;
let engine: ScriptedEngine;
const services: TesseraService[] = [];

/** `commandLineModels: false` opens the same folder as a host would without --models (as its default). */
async function startService({ commandLineModels = true } = {}): Promise<TesseraService> {
  const trashPlace = { platform: 'linux' as const, env: { XDG_DATA_HOME: path.join(root, 'xdg') }, home: root };
  const models = path.join(root, 'models');
  const service = await TesseraService.start({
    host: 'in-process',
    ...(commandLineModels ? { modelsRoot: models } : { manager: new ModelManager({ root: models }) }),
    dataDir: path.join(root, 'data'),
    backends: engine,
    provider: 'cpu',
    demoPackOnFirstRun: false,
    trash: (file) => moveToTrash(file, trashPlace),
  });
  services.push(service);
  return service;
}

/** Calls through the contract, as hosts do (validation, defaults, result check). */
function call<T = unknown>(service: TesseraService, method: string, args?: unknown): Promise<T> {
  return dispatchApiCall(service, method, args) as Promise<T>;
}

const request = (prompt: string, seed = 1) => ({ modelId: 'sd-fake', prompt, steps: 4, guidance: 7, seed, width: 64, height: 64 });

function finished(service: TesseraService, count: number): Promise<JobUpdateEvent[]> {
  const done: JobUpdateEvent[] = [];
  return new Promise((resolve) => {
    service.onJobUpdate((u) => {
      if (u.state === 'done' || u.state === 'failed') done.push(u);
      if (done.length === count) resolve(done);
    });
  });
}

/** Waits until the engine has started `count` jobs (the first job is running, the next ones queue behind it). */
async function started(count: number): Promise<void> {
  while (engine.started.length < count) await new Promise((r) => setTimeout(r, 5));
}

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-service-data-'));
  await fs.mkdir(path.join(root, 'models', 'sd-fake'), { recursive: true });
  engine = new ScriptedEngine();
});

afterEach(async () => {
  engine.release();
  for (const s of services.splice(0)) await s.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('gallery history', () => {
  it('writes each result as a PNG with its parameters into the output folder and lists it with a thumbnail', async () => {
    const service = await startService();
    const changes: unknown[] = [];
    service.onHistoryChanged((e) => changes.push(e));
    const done = finished(service, 1);
    await call(service, 'generate', request('a red square', 11));
    expect((await done)[0]!.state).toBe('done');
    const { total, items } = await call<{ total: number; items: { id: string; file: string; parameters: { seed: number; prompt: string }; thumbnail: { base64: string } | null; modelId: string }[] }>(service, 'listHistory');
    expect(total).toBe(1);
    const item = items[0]!;
    expect(path.dirname(item.file)).toBe(path.join(root, 'data', 'outputs'));
    expect(path.basename(item.file)).toMatch(/^tessera-\d{8}-\d{6}-s11\.png$/);
    expect(readGenerationParameters(await fs.readFile(item.file))?.parameters).toMatchObject({ prompt: 'a red square', seed: 11 });
    expect(item).toMatchObject({ modelId: 'sd-fake', parameters: { seed: 11, prompt: 'a red square' } });
    expect((await sharp(Buffer.from(item.thumbnail!.base64, 'base64')).metadata()).format).toBe('webp');
    expect(changes).toEqual([{ reason: 'added', ids: [item.id] }]);
  });

  it('keeps inputs as content-addressed copies: deleting the source result leaves the entry that used it intact', async () => {
    const service = await startService();
    let done = finished(service, 1);
    await call(service, 'generate', request('a red square'));
    await done;
    const [source] = (await call<{ items: { id: string; file: string }[] }>(service, 'listHistory')).items;
    const opened = await call<{ imageId: string; image: { base64: string } }>(service, 'getHistoryImage', { id: source!.id });
    done = finished(service, 1);
    await call(service, 'generate', { ...request('blue'), initImage: { imageId: opened.imageId }, strength: 0.5 });
    await done;
    const derived = (await call<{ items: { id: string; inputs: { initImage?: string } }[] }>(service, 'listHistory')).items[0]!;
    expect(derived.inputs.initImage).toMatch(/^img-[0-9a-f]{64}$/);

    const deleted = await call<{ trashedTo: string }>(service, 'deleteHistoryItem', { id: source!.id });
    // The freedesktop.org home trash: the file under files/, its .trashinfo (original path, date) under info/.
    expect(deleted.trashedTo).toBe(path.join(root, 'xdg', 'Trash', 'files', path.basename(source!.file)));
    await expect(fs.stat(source!.file)).rejects.toThrow();
    const info = await fs.readFile(path.join(root, 'xdg', 'Trash', 'info', `${path.basename(source!.file)}.trashinfo`), 'utf8');
    expect(info).toContain(`Path=${source!.file}`);
    expect((await call<{ total: number }>(service, 'listHistory')).total).toBe(1);

    const input = await call<{ image: { base64: string }; width: number }>(service, 'getHistoryImage', { id: derived.id, part: 'initImage' });
    expect(input.image.base64).toBe(opened.image.base64);
    expect(input.width).toBe(16);
  });

  it('answers UNSUPPORTED for reveal outside the desktop app, naming the file', async () => {
    const service = await startService();
    const done = finished(service, 1);
    await call(service, 'generate', request('x'));
    await done;
    const [item] = (await call<{ items: { id: string; file: string }[] }>(service, 'listHistory')).items;
    await expect(call(service, 'revealHistoryItem', { id: item!.id })).rejects.toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining(item!.file) });
  });
});

describe('the persisted queue', () => {
  it('lists, moves and cancels queued jobs while one runs', async () => {
    const service = await startService();
    engine.hold = true;
    const a = await call<{ jobId: string }>(service, 'generate', request('first'));
    await started(1);
    const b = await call<{ jobId: string }>(service, 'generate', request('second'));
    const c = await call<{ jobId: string }>(service, 'generate', request('third'));
    const listed = () => call<{ jobs: JobUpdateEvent[] }>(service, 'listJobs').then((r) => r.jobs.map((j) => [j.jobId, j.state, j.label]));
    expect(await listed()).toEqual([
      [a.jobId, 'running', 'Generate: first'],
      [b.jobId, 'queued', 'Generate: second'],
      [c.jobId, 'queued', 'Generate: third'],
    ]);
    expect(await call(service, 'moveJob', { jobId: c.jobId, toIndex: 0 })).toEqual({ queued: [c.jobId, b.jobId] });
    await expect(call(service, 'moveJob', { jobId: c.jobId, toIndex: 2 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await call(service, 'cancel', { jobId: b.jobId });
    const done = finished(service, 2);
    engine.release();
    expect((await done).map((u) => u.jobId)).toEqual([a.jobId, c.jobId]);
    expect(engine.started).toEqual(['first', 'third']);
  });

  it('retries a cancelled job as a new job with the same request, and clears finished jobs off the list', async () => {
    const service = await startService();
    engine.hold = true;
    const a = await call<{ jobId: string }>(service, 'generate', request('first'));
    await started(1);
    const b = await call<{ jobId: string }>(service, 'generate', { ...request('a red retry'), seed: 7 });
    await call(service, 'cancel', { jobId: b.jobId });
    await expect(call(service, 'retryJob', { jobId: a.jobId })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('in state running, expected a failed or cancelled job') });
    const cancelled = await call<JobUpdateEvent>(service, 'getJob', { jobId: b.jobId });
    expect(cancelled).toMatchObject({ state: 'cancelled', retryable: true, finishedAt: expect.any(String) });
    const retry = await call<{ jobId: string }>(service, 'retryJob', { jobId: b.jobId });
    expect(retry.jobId).not.toBe(b.jobId);
    const done = finished(service, 2);
    engine.release();
    const updates = await done;
    expect(updates.map((u) => [u.jobId, u.state])).toEqual([
      [a.jobId, 'done'],
      [retry.jobId, 'done'],
    ]);
    expect(engine.jobs[1]).toMatchObject({ prompt: 'a red retry', seed: 7 });
    const ran = updates[1]!;
    expect(Date.parse(ran.finishedAt!)).toBeGreaterThanOrEqual(Date.parse(ran.startedAt!));
    const listed = () => call<{ jobs: JobUpdateEvent[] }>(service, 'listJobs').then((r) => r.jobs.map((j) => j.jobId));
    expect((await listed()).sort()).toEqual([a.jobId, b.jobId, retry.jobId].sort());
    expect(await call(service, 'clearFinishedJobs')).toEqual({ cleared: 3 });
    expect(await listed()).toEqual([]);
    // Cleared from the list, still known by id.
    expect((await call<JobUpdateEvent>(service, 'getJob', { jobId: retry.jobId })).state).toBe('done');
  });

  it('brings unfinished jobs back after a restart, queued in order with their input images, and runs them', async () => {
    let service = await startService();
    engine.hold = true;
    const mask = { mimeType: 'image/png' as const, base64: Buffer.from(await encodePng({ width: 16, height: 8, channels: 3, data: new Uint8Array(16 * 8 * 3).fill(255) })).toString('base64') };
    const running = await call<{ jobId: string }>(service, 'generate', request('was running'));
    await started(1);
    const queued = await call<{ jobId: string }>(service, 'generate', { ...request('inpaint me'), initImage: { image: mask }, mask: { image: mask } });
    const cancelled = await call<{ jobId: string }>(service, 'generate', request('cancelled'));
    await call(service, 'cancel', { jobId: cancelled.jobId });
    await service.dispose();
    // queue.json holds requests, not pixels: images are content ids of copies in inputs/.
    const journal = await fs.readFile(path.join(root, 'data', 'queue.json'), 'utf8');
    expect(journal).not.toContain(mask.base64.slice(0, 40));
    expect(JSON.parse(journal).jobs.map((j: { jobId: string }) => j.jobId)).toEqual([running.jobId, queued.jobId]);

    engine = new ScriptedEngine();
    engine.hold = true;
    service = await startService();
    const jobs = (await call<{ jobs: JobUpdateEvent[] }>(service, 'listJobs')).jobs;
    expect(jobs.map((j) => [j.jobId, j.restored])).toEqual([
      [running.jobId, true],
      [queued.jobId, true],
    ]);
    const done = finished(service, 2);
    engine.release();
    expect((await done).map((u) => u.state)).toEqual(['done', 'done']);
    expect(engine.started).toEqual(['was running', 'inpaint me']);
    expect(engine.jobs[1]!.mask?.base64).toBe(mask.base64);
    const history = await call<{ items: { parameters: { prompt: string }; inputs: { mask?: string } }[] }>(service, 'listHistory');
    expect(history.items.map((i) => i.parameters.prompt)).toEqual(['inpaint me', 'was running']);
    expect(history.items[0]!.inputs.mask).toMatch(/^img-[0-9a-f]{64}$/);
  });

  it('shows a restored job whose model is gone as failed with the reason', async () => {
    let service = await startService();
    engine.hold = true;
    await call(service, 'generate', request('held'));
    await started(1);
    await call(service, 'generate', request('orphan'));
    await service.dispose();
    await fs.rm(path.join(root, 'models', 'sd-fake'), { recursive: true });
    engine = new ScriptedEngine();
    service = await startService();
    // Restored jobs fail as soon as their (rejecting) work starts: wait for both in the list.
    let jobs: JobUpdateEvent[] = [];
    while (jobs.filter((j) => j.state === 'failed').length < 2) {
      await new Promise((r) => setTimeout(r, 5));
      jobs = (await call<{ jobs: JobUpdateEvent[] }>(service, 'listJobs')).jobs;
    }
    expect(jobs.map((j) => [j.state, j.error?.code])).toEqual([
      ['failed', 'MODEL_NOT_FOUND'],
      ['failed', 'MODEL_NOT_FOUND'],
    ]);
  });
});

describe('settings', () => {
  it('validates, applies live and persists across a restart', async () => {
    let service = await startService();
    const initial = await call<{ settings: { provider: string; threads: number }; outputDir: string; dataDir: string }>(service, 'getSettings');
    expect(initial.settings).toMatchObject({ provider: 'auto', threads: 0, lowMemory: false, redisUrl: null });
    expect(initial.outputDir).toBe(path.join(root, 'data', 'outputs'));
    await expect(call(service, 'updateSettings', { redisUrl: 'http://localhost:6379' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('redisUrl') });
    await expect(call(service, 'updateSettings', { outputDir: 'relative/folder' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    const outputs = path.join(root, 'elsewhere');
    await call(service, 'updateSettings', { provider: 'cpu', threads: 2, lowMemory: true, outputDir: outputs, redisUrl: 'rediss://user:pw@redis.local:6380/2' });
    expect(engine.configured.at(-1)).toEqual({ threads: 2, lowMemory: true });
    expect((await service.getHealth()).providerSetting).toBe('cpu');
    const done = finished(service, 1);
    await call(service, 'generate', request('into the new folder'));
    await done;
    expect(await fs.readdir(outputs)).toHaveLength(1);
    await service.dispose();

    service = await startService();
    const after = await call<{ settings: Record<string, unknown> }>(service, 'getSettings');
    expect(after.settings).toEqual({ provider: 'cpu', threads: 2, lowMemory: true, outputDir: outputs, modelsDir: null, redisUrl: 'rediss://user:pw@redis.local:6380/2', maxPixels: 8192 * 8192, defaultModels: {} });
  });

  it('re-opens the registry when the models folder changes, and null returns to the folder in force before', async () => {
    const service = await startService({ commandLineModels: false });
    const other = path.join(root, 'other-models');
    await fs.mkdir(path.join(other, 'another'), { recursive: true });
    const changed: unknown[] = [];
    service.onModelsChanged((e) => changed.push(e));
    const result = await call<{ modelsRoot: string; pendingRestart: string[] }>(service, 'updateSettings', { modelsDir: other });
    expect(result).toMatchObject({ modelsRoot: other, pendingRestart: [] });
    expect((await service.listModels()).modelsRoot).toBe(other);
    expect(changed).toEqual([{ reason: 'folder', modelId: null }]);
    const back = await call<{ modelsRoot: string; pendingRestart: string[] }>(service, 'updateSettings', { modelsDir: null });
    expect(back).toMatchObject({ modelsRoot: path.join(root, 'models'), pendingRestart: [] });
  });

  it('a models folder given on the command line wins for the session: a saved one is pendingRestart, null restores nothing else', async () => {
    const service = await startService();
    const cliFolder = path.join(root, 'models');
    const saved = await call<{ modelsRoot: string; pendingRestart: string[]; settings: { modelsDir: string | null } }>(service, 'updateSettings', { modelsDir: '/' });
    expect(saved).toMatchObject({ modelsRoot: cliFolder, pendingRestart: ['modelsDir'], settings: { modelsDir: '/' } });
    expect((await service.listModels()).modelsRoot).toBe(cliFolder);
    expect((await service.getHealth()).modelsRoot).toBe(cliFolder);
    const cleared = await call<{ modelsRoot: string; pendingRestart: string[] }>(service, 'updateSettings', { modelsDir: null });
    expect(cleared).toMatchObject({ modelsRoot: cliFolder, pendingRestart: [] });
    expect((await service.listModels()).modelsRoot).toBe(cliFolder);
  });
});
