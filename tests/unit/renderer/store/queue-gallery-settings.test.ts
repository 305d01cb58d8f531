// Store logic of the Queue panel, the Gallery and Settings against a scripted TesseraApi: the list follows job
// events in the host's order, moves go one place among queued jobs, gallery actions reach the generate and
// canvas slices, settings send only what changed and keep host errors in place.
import { describe, expect, it } from 'vitest';
import type { HistoryItem, JobUpdateEvent, SettingsResult } from '../../../../native-models/api/index.ts';
import { DEFAULT_SETTINGS } from '../../../../native-models/api/index.ts';
import { connectStoreToEvents, createAppStore } from '../../../../renderer/src/store/create-app-store.ts';
import { describeHistoryItem } from '../../../../renderer/src/store/gallery-slice.ts';
import { moveTarget, upsertJob } from '../../../../renderer/src/store/queue-slice.ts';
import { blankToNull, settingsChange } from '../../../../renderer/src/store/settings-slice.ts';
import { diffusionModel, fakeApi } from './fake-api.ts';

const job = (jobId: string, state: JobUpdateEvent['state']): JobUpdateEvent => ({ jobId, kind: 'generate', modelId: 'm', state, label: jobId });
const settle = () => new Promise((r) => setTimeout(r, 0));

const item: HistoryItem = {
  id: 'hist-a',
  createdAt: '2026-11-28T10:00:00.000Z',
  file: '/out/a.png',
  width: 128,
  height: 96,
  parameters: { prompt: 'a red circle', negativePrompt: '', steps: 8, sampler: 'euler', guidance: 7.5, seed: 11, width: 128, height: 96, model: 'sd' },
  modelId: 'sd',
  jobId: 'job-1',
  inputs: {},
  thumbnail: null,
};

describe('queue slice', () => {
  it('upserts events in place and moves only among queued jobs', () => {
    const jobs = [job('job-r', 'running'), job('job-a', 'queued'), job('job-b', 'queued')];
    expect(upsertJob(jobs, job('job-a', 'cancelled')).map((j) => j.state)).toEqual(['running', 'cancelled', 'queued']);
    expect(upsertJob(jobs, job('job-c', 'queued')).map((j) => j.jobId)).toEqual(['job-r', 'job-a', 'job-b', 'job-c']);
    expect(moveTarget(jobs, 'job-b', -1)).toBe(0);
    expect(moveTarget(jobs, 'job-a', -1)).toBeNull();
    expect(moveTarget(jobs, 'job-b', 1)).toBeNull();
  });

  it('refreshes from the host on job events and sends moves as queued indexes', async () => {
    const fake = fakeApi();
    const store = createAppStore(fake.api);
    connectStoreToEvents(store, fake.api);
    let listed = [job('job-r', 'running'), job('job-a', 'queued'), job('job-b', 'queued')];
    fake.answers.listJobs = () => ({ jobs: listed });
    fake.answers.moveJob = () => ({ queued: ['job-b', 'job-a'] });
    fake.emit('onJobUpdate', job('job-b', 'queued'));
    expect(store.getState().queueJobs.map((j) => j.jobId)).toEqual(['job-b']);
    await settle();
    expect(store.getState().queueJobs.map((j) => j.jobId)).toEqual(['job-r', 'job-a', 'job-b']);
    listed = [listed[0]!, listed[2]!, listed[1]!];
    await store.getState().moveQueuedJob('job-b', -1);
    expect(fake.calls.find((c) => c.method === 'moveJob')?.args).toEqual({ jobId: 'job-b', toIndex: 0 });
    expect(store.getState().queueJobs.map((j) => j.jobId)).toEqual(['job-r', 'job-b', 'job-a']);
  });

  it('keeps each running job’s progress from progress events, drops it when the job ends, and retries and clears', async () => {
    const fake = fakeApi();
    const store = createAppStore(fake.api);
    connectStoreToEvents(store, fake.api);
    fake.answers.listJobs = () => ({ jobs: [] });
    fake.answers.retryJob = () => ({ jobId: 'job-new', queuePosition: 0 });
    fake.answers.clearFinishedJobs = () => ({ cleared: 2 });
    fake.emit('onGenerationProgress', { jobId: 'job-q', step: 2, totalSteps: 4, batchIndex: 0, batchCount: 1, elapsedMs: 400 });
    expect(store.getState().jobProgress['job-q']).toMatchObject({ fraction: 0.5, etaMs: 400 });
    fake.emit('onJobUpdate', job('job-q', 'done'));
    expect(store.getState().jobProgress).toEqual({});
    await store.getState().retryQueuedJob('job-f');
    await store.getState().clearFinishedJobs();
    expect(fake.calls.filter((c) => c.method === 'retryJob' || c.method === 'clearFinishedJobs').map((c) => [c.method, c.args])).toEqual([
      ['retryJob', { jobId: 'job-f' }],
      ['clearFinishedJobs', undefined],
    ]);
  });

  it('queues the form without following the job, and refuses an invalid form', async () => {
    const fake = fakeApi();
    const store = createAppStore(fake.api);
    fake.answers.generate = () => ({ jobId: 'job-x', queuePosition: 1 });
    store.setState({ models: [diffusionModel('sd')], selectedModelId: 'sd', prompt: 'later', seedMode: 'fixed', seed: 5 });
    await store.getState().addFormToQueue();
    expect(fake.calls.at(-1)).toMatchObject({ method: 'generate', args: { modelId: 'sd', prompt: 'later', seed: 5 } });
    expect(store.getState().status).toBe('idle');
    store.setState({ width: 100 });
    await store.getState().addFormToQueue();
    expect(fake.calls.filter((c) => c.method === 'generate')).toHaveLength(1);
    expect(store.getState().error?.message).toMatch(/^width: /);
  });
});

describe('gallery slice', () => {
  it('summarises parameters and re-uses them on the Studio with the model', async () => {
    expect(describeHistoryItem({ ...item, parameters: { ...item.parameters, strength: 0.6 } })).toBe('128×96 · seed 11 · euler · 8 steps · guidance 7.5 · strength 0.6');
    const fake = fakeApi();
    const store = createAppStore(fake.api);
    fake.answers.listHistory = () => ({ total: 1, items: [item] });
    fake.answers.selectModel = (args) => ({ selectedId: (args as { modelId: string }).modelId });
    store.setState({ models: [diffusionModel('sd'), diffusionModel('other')], selectedModelId: 'other', screen: 'gallery' });
    await store.getState().loadHistory();
    store.getState().reuseHistoryParameters('hist-a');
    await settle();
    expect(store.getState()).toMatchObject({ prompt: 'a red circle', seed: 11, seedMode: 'fixed', width: 128, height: 96, selectedModelId: 'sd', screen: 'studio' });
  });

  it('drops a deleted item and says where it went; history events refetch once the gallery was opened', async () => {
    const fake = fakeApi();
    const store = createAppStore(fake.api);
    connectStoreToEvents(store, fake.api);
    fake.answers.listHistory = () => ({ total: 1, items: [item] });
    fake.emit('onHistoryChanged', { reason: 'added', ids: ['hist-a'] });
    expect(fake.calls.filter((c) => c.method === 'listHistory')).toHaveLength(0);
    await store.getState().loadHistory();
    fake.answers.deleteHistoryItem = () => ({ id: 'hist-a', trashedTo: '/home/u/.local/share/Trash/files/a.png' });
    await store.getState().deleteHistoryItem('hist-a');
    expect(store.getState()).toMatchObject({ galleryItems: [], galleryTotal: 0, galleryNotice: 'Moved to the trash: /home/u/.local/share/Trash/files/a.png' });
    fake.emit('onHistoryChanged', { reason: 'deleted', ids: ['hist-a'] });
    expect(fake.calls.filter((c) => c.method === 'listHistory')).toHaveLength(2);
  });
});

describe('settings slice', () => {
  const result = (settings = DEFAULT_SETTINGS): SettingsResult => ({ settings, dataDir: '/d', outputDir: '/d/outputs', modelsRoot: '/m', pendingRestart: [] });

  it('sends only the changed fields; blank text means the default', () => {
    expect(settingsChange(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, threads: 2, redisUrl: blankToNull('  ') })).toEqual({ threads: 2 });
    expect(blankToNull(' /x ')).toBe('/x');
  });

  it('keeps a host error next to the form instead of the banner', async () => {
    const fake = fakeApi();
    const store = createAppStore(fake.api);
    fake.answers.getSettings = () => result();
    fake.answers.getHealth = () => ({}) as never;
    await store.getState().loadSettings();
    fake.answers.updateSettings = () => Promise.reject(Object.assign(new Error('settings: redisUrl: expected redis://…'), { code: 'INVALID_ARGUMENT' }));
    await store.getState().saveSettings({ ...DEFAULT_SETTINGS, redisUrl: 'http://x' });
    expect(store.getState()).toMatchObject({ settingsStatus: 'error', settingsError: { code: 'INVALID_ARGUMENT', message: 'settings: redisUrl: expected redis://…' }, error: null });
    fake.answers.updateSettings = (change) => result({ ...DEFAULT_SETTINGS, ...(change as object) });
    await store.getState().saveSettings({ ...DEFAULT_SETTINGS, lowMemory: true });
    expect(fake.calls.filter((c) => c.method === 'updateSettings').at(-1)?.args).toEqual({ lowMemory: true });
    expect(store.getState()).toMatchObject({ settingsStatus: 'saved', settingsError: null, settings: { settings: { lowMemory: true } } });
  });
});
