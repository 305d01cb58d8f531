// The Batch slice against a scripted host: Start validates first, sends the request and follows the job (events
// that beat the answer are replayed); progress and pause state; the summary fetched at the end; a host refusal
// lands on its field; the Resume offer; pause / resume / cancel reach the host with the job id.
import { describe, expect, it } from 'vitest';
import type { BatchFolderSummary, BatchProgressEvent, JobUpdateEvent } from '../../../../native-models/api/index.ts';
import { connectStoreToEvents, createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { samModel } from './sam-model.ts';
import { fakeApi } from './fake-api.ts';

const JOB = 'job-batch1';

function setup() {
  const fake = fakeApi();
  const store = createAppStore(fake.api);
  connectStoreToEvents(store, fake.api);
  fake.answers.listJobs = () => ({ jobs: [] });
  store.setState({ models: [samModel('demo-pack/demo-sam')] });
  const s = () => store.getState();
  s().setBatchField('inputDir', '/photos');
  s().setBatchField('outputDir', '/cutouts');
  return { fake, store, s };
}

function progress(change: Partial<BatchProgressEvent>): BatchProgressEvent {
  return { jobId: JOB, total: 4, finished: 0, done: 0, alreadyDone: 0, failed: 0, skipped: 1, elapsedMs: 0, itemsPerS: 0, etaS: null, ...change };
}

function update(state: JobUpdateEvent['state'], change: Partial<JobUpdateEvent> = {}): JobUpdateEvent {
  return { jobId: JOB, kind: 'batch', modelId: 'demo-pack/demo-sam', state, ...change };
}

const summary: BatchFolderSummary = {
  outputDir: '/cutouts',
  manifestPath: '/cutouts/manifest.jsonl',
  exists: true,
  kinds: ['cutout'],
  counts: { done: 3, failed: 1, skipped: 1, interrupted: 0 },
  failures: [{ input: 'broken.png', code: 'IMAGE_UNREADABLE', error: 'broken.png: cannot decode' }],
  failuresLeftOut: 0,
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('batch slice', () => {
  it('Start sends the form, follows progress (events before the answer replayed) and loads the summary at the end', async () => {
    const { fake, s } = setup();
    fake.answers.startBatch = () => {
      // The host publishes at once: these arrive before startBatch answers.
      fake.emit('onJobUpdate', update('running'));
      fake.emit('onBatchProgress', progress({}));
      return { jobId: JOB, queuePosition: 0 };
    };
    fake.answers.getBatchSummary = () => summary;
    await s().startBatch();
    expect(fake.calls.find((c) => c.method === 'startBatch')?.args).toEqual({
      kind: 'cutout',
      modelId: 'demo-pack/demo-sam',
      inputDir: '/photos',
      outputDir: '/cutouts',
      options: { prompt: 'center', crop: false, featherPx: 0, writeMask: true, recursive: false },
    });
    expect(s()).toMatchObject({ batchStatus: 'running', batchJobId: JOB, batchProgress: { total: 4, finished: 0 } });
    fake.emit('onBatchProgress', progress({ finished: 2, done: 2, itemsPerS: 4, etaS: 0.5 }));
    expect(s().batchProgress).toMatchObject({ finished: 2, done: 2, etaS: 0.5 });
    fake.emit('onBatchProgress', { ...progress({ finished: 3 }), jobId: 'job-other' }); // someone else's batch
    expect(s().batchProgress?.finished).toBe(2);
    fake.emit('onJobUpdate', update('done'));
    expect(s().batchStatus).toBe('done');
    await Promise.resolve();
    expect(s().batchSummary).toEqual(summary);
    expect(fake.calls.find((c) => c.method === 'getBatchSummary')?.args).toEqual({ outputDir: '/cutouts', kind: 'cutout' });
  });

  it('an invalid form sends nothing and shows every problem once tried', async () => {
    const { fake, s } = setup();
    s().setBatchField('outputDir', '/photos/out');
    await s().startBatch();
    expect(fake.calls.some((c) => c.method === 'startBatch')).toBe(false);
    expect(s()).toMatchObject({ batchTried: true, batchStatus: 'idle' });
    s().setBatchField('kind', 'generate'); // another job type: its blank fields are not flagged yet
    expect(s().batchTried).toBe(false);
  });

  it('a host refusal is kept with the field it is about, and editing that field clears it', async () => {
    const { fake, s } = setup();
    fake.answers.startBatch = () => {
      throw { code: 'INVALID_ARGUMENT', message: 'input folder /photos: got no such folder, expected an existing folder of images' };
    };
    await s().startBatch();
    expect(s().batchStatus).toBe('idle');
    expect(s().batchError).toMatchObject({ code: 'INVALID_ARGUMENT', field: 'inputDir' });
    expect(s().error).toBeNull(); // said in place, not in the banner
    s().setBatchField('inputDir', '/pictures');
    expect(s().batchError).toBeNull();
  });

  it('pause and resume reach the host; a progress event carries the paused state; cancel ends as cancelled', async () => {
    const { fake, s } = setup();
    fake.answers.startBatch = () => ({ jobId: JOB, queuePosition: 0 });
    fake.answers.pauseBatch = () => ({ jobId: JOB, paused: true });
    fake.answers.resumeBatch = () => ({ jobId: JOB, paused: false });
    fake.answers.cancel = () => ({ jobId: JOB, state: 'running' });
    fake.answers.getBatchSummary = () => ({ ...summary, counts: { ...summary.counts, done: 1 } });
    await s().startBatch();
    await s().pauseBatch();
    expect(s().batchPaused).toBe(true);
    fake.emit('onBatchProgress', progress({ finished: 1, done: 1, paused: true }));
    expect(s()).toMatchObject({ batchPaused: true, batchStatus: 'running' });
    await s().resumeBatch();
    expect(s().batchPaused).toBe(false);
    await s().cancelBatch();
    expect(fake.calls.filter((c) => ['pauseBatch', 'resumeBatch', 'cancel'].includes(c.method)).map((c) => [c.method, c.args])).toEqual([
      ['pauseBatch', { jobId: JOB }],
      ['resumeBatch', { jobId: JOB }],
      ['cancel', { jobId: JOB }],
    ]);
    fake.emit('onJobUpdate', update('cancelled', { error: { code: 'CANCELLED', message: 'cancelled while running' } }));
    expect(s().batchStatus).toBe('cancelled');
    expect(s().batchError).toBeNull();
  });

  it('a failed job shows its error in place; leaving the output field looks for a manifest (the Resume offer)', async () => {
    const { fake, s } = setup();
    fake.answers.startBatch = () => ({ jobId: JOB, queuePosition: 0 });
    fake.answers.getBatchSummary = () => summary;
    await s().startBatch();
    fake.emit('onJobUpdate', update('failed', { error: { code: 'IO_ERROR', message: 'cannot use output folder /cutouts: the disk is full (ENOSPC)' } }));
    expect(s().batchStatus).toBe('failed');
    expect(s().batchError).toMatchObject({ code: 'IO_ERROR', field: null });
    // A new folder: no summary until the field is left, then the manifest found there.
    s().setBatchField('outputDir', '/older-cutouts');
    expect(s().batchSummary).toBeNull();
    await s().checkBatchOutput();
    expect(fake.calls.at(-1)).toEqual({ method: 'getBatchSummary', args: { outputDir: '/older-cutouts', kind: 'cutout' } });
  });

  it('each job type keeps its own output folder: switching type does not carry one over, switching back restores it', () => {
    const { s } = setup();
    expect(s().batchForm.outputDir).toBe('/cutouts');
    s().setBatchField('kind', 'generate');
    expect(s().batchForm.outputDir).toBe('');
    s().setBatchField('outputDir', '/generated');
    s().setBatchField('kind', 'img2img');
    expect(s().batchForm.outputDir).toBe('');
    s().setBatchField('kind', 'cutout');
    expect(s().batchForm.outputDir).toBe('/cutouts');
    s().setBatchField('kind', 'generate');
    expect(s().batchForm.outputDir).toBe('/generated');
    expect(s().batchForm.inputDir).toBe('/photos'); // the input folder is the same pictures for any type
  });
});
