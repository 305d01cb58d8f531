// Store logic of the Models screen's downloads against a scripted TesseraApi: Pause cancels the job and keeps
// the partial files (no discard), Cancel of a running download discards them once the job has stopped, Cancel of
// a paused one discards at once, and a failed install keeps its error for the row.
import { describe, expect, it } from 'vitest';
import type { JobUpdateEvent } from '../../../../native-models/api/index.ts';
import { connectStoreToEvents, createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { fakeApi } from './fake-api.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));
const install = (state: JobUpdateEvent['state'], extra: Partial<JobUpdateEvent> = {}): JobUpdateEvent => ({ jobId: 'job-1', kind: 'install', modelId: 'sd-turbo', state, ...extra });

function setUp() {
  const fake = fakeApi();
  const store = createAppStore(fake.api);
  connectStoreToEvents(store, fake.api);
  fake.answers.listCatalogue = () => ({ items: [] });
  fake.answers.listJobs = () => ({ jobs: [] });
  fake.answers.cancel = () => ({ jobId: 'job-1', state: 'running' });
  fake.answers.discardInstall = () => ({ catalogueId: 'sd-turbo', bytesFreed: 10 });
  store.setState({ queueJobs: [install('running')] });
  return { fake, store, methods: () => fake.calls.map((c) => c.method) };
}

describe('model library slice', () => {
  it('pause cancels the job and never discards the partial files', async () => {
    const { fake, store, methods } = setUp();
    await store.getState().pauseInstall('sd-turbo');
    expect(fake.calls.find((c) => c.method === 'cancel')?.args).toEqual({ jobId: 'job-1' });
    fake.emit('onJobUpdate', install('cancelled'));
    await settle();
    expect(methods()).not.toContain('discardInstall');
    expect(methods()).toContain('listCatalogue');
  });

  it('cancel of a running download discards the partial files after the job stopped; of a paused one at once', async () => {
    const { fake, store, methods } = setUp();
    await store.getState().cancelInstall('sd-turbo');
    expect(methods()).toEqual(['cancel']);
    fake.emit('onJobUpdate', install('cancelled'));
    await settle();
    expect(methods()).toContain('discardInstall');

    store.setState({ queueJobs: [] });
    fake.calls.length = 0;
    await store.getState().cancelInstall('sd-turbo');
    expect(methods()[0]).toBe('discardInstall');
  });

  it('a failed install keeps its error for the row; progress events are kept per catalogue id', async () => {
    const { fake, store } = setUp();
    fake.emit('onDownloadProgress', { jobId: 'job-1', modelId: 'sd-turbo', phase: 'downloading', fileIndex: 0, fileCount: 2, fileBytesDone: 5, fileBytesTotal: 10, bytesDone: 5, bytesTotal: 20, bytesPerSecond: 1 });
    expect(store.getState().downloadProgress['sd-turbo']?.bytesDone).toBe(5);
    fake.emit('onJobUpdate', install('failed', { error: { code: 'CHECKSUM_MISMATCH', message: 'unet/model.onnx: got sha256 a, expected b' } }));
    expect(store.getState().downloadErrors['sd-turbo']).toEqual({ code: 'CHECKSUM_MISMATCH', message: 'unet/model.onnx: got sha256 a, expected b' });
  });
});
