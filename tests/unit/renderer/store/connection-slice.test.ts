// The connection slice against a scripted TesseraApi: back from 'reconnecting' the store fetches again what
// lost events would have changed, drops progress from before the drop, takes the followed job's state from the
// host (a job that finished meanwhile lands its results; one the host lost fails in words) and clears an error
// shown while the host was away.
import { describe, expect, it } from 'vitest';
import type { JobUpdateEvent } from '../../../../native-models/api/index.ts';
import { ConnectionStatus } from '../../../../renderer/src/bridge/connection-status.ts';
import { connectStoreToConnection } from '../../../../renderer/src/store/connection-slice.ts';
import { createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { fakeApi } from './fake-api.ts';

const settle = () => new Promise((r) => setTimeout(r, 0));

function followedStore(jobAfterReturn: (() => JobUpdateEvent) | null) {
  const fake = fakeApi();
  fake.answers.listJobs = () => ({ jobs: [] });
  fake.answers.listModels = () => ({ models: [], selectedId: null, modelsRoot: '/m' });
  fake.answers.getHealth = () => ({});
  fake.answers.getJob = () => {
    if (!jobAfterReturn) throw Object.assign(new Error('unknown job'), { code: 'INVALID_ARGUMENT' });
    return jobAfterReturn();
  };
  const store = createAppStore(fake.api);
  const progress = { step: 3, totalSteps: 10, batchIndex: 0, batchCount: 1, elapsedMs: 30 };
  store.setState({ status: 'running', jobId: 'job-1', progress, jobProgress: { 'job-1': { fraction: 0.3, elapsedMs: 30, etaMs: 70, detail: 'step 3 of 10' } } });
  const connection = new ConnectionStatus();
  connectStoreToConnection(store, connection);
  connection.set('connected');
  return { fake, store, connection };
}

describe('connection slice', () => {
  it('does nothing on the first connect; after a drop it refetches and drops the stale progress', async () => {
    const { fake, store, connection } = followedStore(() => ({ jobId: 'job-1', kind: 'generate', modelId: 'm', state: 'running', restored: true }));
    await settle();
    expect(fake.calls).toEqual([]);
    connection.set('reconnecting');
    expect(store.getState().connection).toBe('reconnecting');
    connection.set('connected');
    await settle();
    expect(fake.calls.map((c) => c.method).sort()).toEqual(['getHealth', 'getJob', 'listJobs', 'listModels']);
    expect(store.getState().jobProgress).toEqual({});
    expect(store.getState().progress).toBeNull();
    expect(store.getState().status).toBe('running');
  });

  it('lands the results of a job that finished while the page was away', async () => {
    const images = [{ imageId: 'img-1', image: { mimeType: 'image/png' as const, base64: '' }, width: 8, height: 8, seed: 1, scheduler: 'euler', stepsRun: 10 }];
    const { store, connection } = followedStore(() => ({ jobId: 'job-1', kind: 'generate', modelId: 'm', state: 'done', images }));
    connection.set('reconnecting');
    connection.set('connected');
    await settle();
    expect(store.getState().status).toBe('done');
    expect(store.getState().results).toEqual(images);
  });

  it('fails a followed job the host no longer knows, saying so, and clears the error shown while away', async () => {
    const { store, connection } = followedStore(null);
    connection.set('reconnecting');
    store.getState().showError({ code: 'IO_ERROR', message: 'got no answer from the Tessera host' });
    connection.set('connected');
    await settle();
    expect(store.getState().status).toBe('failed');
    expect(store.getState().error?.message).toContain('did not survive the restart');
  });
});
