// The generate slice with a fake client: model defaults on pick, the request sent, progress and previews, the
// result, cancel (also before the job id is known), failures in the error banner, events that beat the ticket, the
// memory guard's notice.
import { describe, expect, it } from 'vitest';
import type { GeneratedImageData, JobUpdateEvent } from '../../../../native-models/api/index.ts';
import { connectStoreToEvents, createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { diffusionModel, fakeApi } from './fake-api.ts';

const JOB = 'job-abc';
const image: GeneratedImageData = { imageId: 'img-1', image: { mimeType: 'image/png', base64: 'AAAA' }, width: 128, height: 128, seed: 11, scheduler: 'euler', stepsRun: 8 };
const update = (change: Partial<JobUpdateEvent>): JobUpdateEvent => ({ jobId: JOB, kind: 'generate', modelId: 'sd', state: 'running', ...change });

function setup() {
  const fake = fakeApi();
  fake.answers.listModels = () => ({ modelsRoot: '/models', selectedId: 'sd', models: [diffusionModel('sd'), diffusionModel('turbo', 'turbo'), diffusionModel('lcm', 'lcm')] });
  fake.answers.selectModel = (args) => ({ selectedId: (args as { modelId: string }).modelId });
  fake.answers.generate = () => ({ jobId: JOB, queuePosition: 0 });
  fake.answers.cancel = () => ({ jobId: JOB, state: 'running' });
  // Job updates also refresh the Queue column.
  fake.answers.listJobs = () => ({ jobs: [] });
  const store = createAppStore(fake.api);
  connectStoreToEvents(store, fake.api);
  return { fake, store };
}

async function ready() {
  const ctx = setup();
  await ctx.store.getState().loadModels();
  ctx.store.getState().setGenerateField('prompt', 'a red circle');
  return ctx;
}

describe('generate slice', () => {
  it('applies the defaults a picked model implies (turbo: 1 step, guidance 0; lcm: 4 steps, 1.5, lcm)', async () => {
    const { store } = await ready();
    await store.getState().selectModel('turbo');
    expect(store.getState()).toMatchObject({ steps: 1, guidance: 0, scheduler: '' });
    await store.getState().selectModel('lcm');
    expect(store.getState()).toMatchObject({ steps: 4, guidance: 1.5, scheduler: 'lcm' });
    await store.getState().selectModel('sd');
    expect(store.getState()).toMatchObject({ steps: 20, guidance: 7.5, scheduler: '' });
  });

  it('sends the form with a fixed seed, follows progress with previews, and keeps the results', async () => {
    const { store, fake } = await ready();
    const s = store.getState();
    s.setGenerateField('seedMode', 'fixed');
    s.setGenerateField('seed', 11);
    s.setSize(128, 128);
    s.setGenerateField('steps', 8);
    await s.startGeneration();
    expect(fake.calls.find((c) => c.method === 'generate')?.args).toMatchObject({ modelId: 'sd', prompt: 'a red circle', seed: 11, steps: 8, width: 128, height: 128, count: 1 });
    expect(store.getState()).toMatchObject({ status: 'starting', jobId: JOB, lastSeed: 11 });
    fake.emit('onGenerationProgress', { jobId: JOB, step: 3, totalSteps: 8, batchIndex: 0, batchCount: 1, elapsedMs: 1500, preview: { mimeType: 'image/png', base64: 'BBBB' } });
    expect(store.getState()).toMatchObject({ status: 'running', progress: { step: 3, totalSteps: 8, elapsedMs: 1500 }, preview: { base64: 'BBBB' } });
    // A progress event of another job changes nothing.
    fake.emit('onGenerationProgress', { jobId: 'job-other', step: 7, totalSteps: 8, batchIndex: 0, batchCount: 1, elapsedMs: 1 });
    expect(store.getState().progress?.step).toBe(3);
    fake.emit('onJobUpdate', update({ state: 'done', images: [image] }));
    expect(store.getState()).toMatchObject({ status: 'done', results: [image] });
  });

  it('draws a new seed in random mode, and "re-use last" pins it', async () => {
    const { store, fake } = await ready();
    await store.getState().startGeneration();
    const sent = (fake.calls.find((c) => c.method === 'generate')!.args as { seed: number }).seed;
    expect(store.getState().lastSeed).toBe(sent);
    store.getState().reuseLastSeed();
    expect(store.getState()).toMatchObject({ seedMode: 'fixed', seed: sent });
  });

  it('refuses an invalid form in the banner without calling the host', async () => {
    const { store, fake } = await ready();
    store.getState().setGenerateField('width', 100);
    await store.getState().startGeneration();
    expect(fake.calls.some((c) => c.method === 'generate')).toBe(false);
    expect(store.getState().error).toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(/width: .*multiple of 8/) });
    expect(store.getState().status).toBe('idle');
  });

  it('replays events that arrive before the ticket', async () => {
    const { store, fake } = await ready();
    fake.answers.generate = () => {
      // The host publishes `queued` and `running` before the HTTP answer reaches the page.
      fake.emit('onJobUpdate', update({ state: 'queued' }));
      fake.emit('onGenerationProgress', { jobId: JOB, step: 1, totalSteps: 4, batchIndex: 0, batchCount: 1, elapsedMs: 10 });
      return { jobId: JOB, queuePosition: 0 };
    };
    await store.getState().startGeneration();
    expect(store.getState()).toMatchObject({ status: 'running', progress: { step: 1, totalSteps: 4 } });
  });

  it('cancel asks the host, and the cancelled update ends the run without an error banner', async () => {
    const { store, fake } = await ready();
    await store.getState().startGeneration();
    fake.emit('onJobUpdate', update({ state: 'running' }));
    await store.getState().cancelGeneration();
    expect(fake.calls.find((c) => c.method === 'cancel')?.args).toEqual({ jobId: JOB });
    fake.emit('onJobUpdate', update({ state: 'cancelled', error: { code: 'CANCELLED', message: 'cancelled while running' } }));
    expect(store.getState().status).toBe('cancelled');
    expect(store.getState().error).toBeNull();
  });

  it('a cancel pressed before the ticket is sent once the job id is known', async () => {
    const { store, fake } = await ready();
    let answer!: (v: unknown) => void;
    fake.answers.generate = () => new Promise((resolve) => (answer = resolve));
    const started = store.getState().startGeneration();
    await store.getState().cancelGeneration();
    expect(fake.calls.some((c) => c.method === 'cancel')).toBe(false);
    answer({ jobId: JOB, queuePosition: 0 });
    await started;
    expect(fake.calls.find((c) => c.method === 'cancel')?.args).toEqual({ jobId: JOB });
  });

  it('a failed job shows the engine error in the banner', async () => {
    const { store, fake } = await ready();
    await store.getState().startGeneration();
    fake.emit('onJobUpdate', update({ state: 'failed', error: { code: 'INFERENCE_FAILED', message: 'got NaN latents, expected finite values' } }));
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toEqual({ code: 'INFERENCE_FAILED', message: 'got NaN latents, expected finite values' });
  });

  it('a refused request (host validation) shows its error and leaves the form usable', async () => {
    const { store, fake } = await ready();
    fake.answers.generate = () => {
      throw Object.assign(new Error('got scheduler "x"'), { code: 'INVALID_ARGUMENT' });
    };
    await store.getState().startGeneration();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error).toEqual({ code: 'INVALID_ARGUMENT', message: 'got scheduler "x"' });
  });

  it("keeps the engine's memory notice after the run, and clears it when the next run starts", async () => {
    const { store, fake } = await ready();
    await store.getState().startGeneration();
    const notice = 'this model needs about 18.4 GiB, got 12.0 GiB of free RAM: switched to low-memory mode (about 10.4 GiB)';
    fake.emit('onGenerationProgress', { jobId: JOB, step: 1, totalSteps: 20, batchIndex: 0, batchCount: 1, elapsedMs: 10, memoryNotice: notice });
    fake.emit('onJobUpdate', update({ state: 'done', images: [image] }));
    expect(store.getState()).toMatchObject({ status: 'done', memoryNotice: notice });
    await store.getState().startGeneration();
    expect(store.getState().memoryNotice).toBeNull();
  });
});
