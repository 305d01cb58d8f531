// Batch runs in the Gallery, on the real engine (demo pack) with real files: a generate batch at 64×64 and a
// cut-out batch with a corrupt input are listed as groups with their manifest's counts and thumbnails; after a
// restart of the service they are still listed the same; an output opens for the canvas (only from inside its
// folder); a folder moved away is shown as not found with the recorded counts, not an error.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type ApiResult, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { writeDrawn } from '../../unit/batch/fixtures/drawn-images.ts';
import { CUTOUT_SHAPES } from '../../unit/batch/fixtures/cutout-folder.ts';
import { modelsFolderWithDemoPack } from '../demo-pack.ts';

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

function call<M extends 'startBatch' | 'listBatchGroups' | 'openBatchGroupItem'>(service: TesseraService, method: M, args: unknown) {
  return dispatchApiCall(service, method, args) as Promise<ApiResult<M>>;
}

/** Starts a batch and resolves with its final job state. */
async function runBatch(service: TesseraService, request: unknown): Promise<{ jobId: string; state: string }> {
  const job: { id?: string } = {};
  const final = new Promise<JobUpdateEvent>((resolve) => {
    service.onJobUpdate((u) => {
      if (u.jobId === job.id && u.state !== 'queued' && u.state !== 'running') resolve(u);
    });
  });
  job.id = ((await call(service, 'startBatch', request)) as { jobId: string }).jobId;
  return { jobId: job.id, state: (await final).state };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-batch-gallery-'));
  inputDir = path.join(root, 'in');
  for (const rel of ['rect.png', 'x.png']) await writeDrawn(path.join(inputDir, rel), CUTOUT_SHAPES[rel]!);
  await fs.writeFile(path.join(inputDir, 'broken.png'), 'this is not a PNG\n');
  modelsDir = await modelsFolderWithDemoPack(root);
  dataDir = path.join(root, 'data');
});

afterAll(async () => {
  for (const service of services) await service.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('batch groups in the gallery', () => {
  const generateOut = () => path.join(root, 'out-generate');
  const cutoutOut = () => path.join(root, 'out-cutout');
  let ids: { generate: string; cutout: string };

  it('each batch run is a group: kind, folders, done/total and failed from its manifest, thumbnails of its outputs', async () => {
    const service = await startService();
    expect(await call(service, 'listBatchGroups', {})).toEqual({ groups: [] });
    const options = { prompts: ['a red circle', 'a blue square'], steps: 2, width: 64, height: 64, seed: 5 };
    const generate = await runBatch(service, { kind: 'generate', modelId: 'demo-pack/demo-sd', outputDir: generateOut(), options });
    const cutout = await runBatch(service, { kind: 'cutout', modelId: 'demo-pack/demo-sam', inputDir, outputDir: cutoutOut() });
    expect([generate.state, cutout.state]).toEqual(['done', 'done']);
    ids = { generate: generate.jobId, cutout: cutout.jobId };

    const { groups } = await call(service, 'listBatchGroups', {});
    expect(groups.map((g) => g.id)).toEqual([ids.cutout, ids.generate]); // newest first
    expect(groups[0]).toMatchObject({ kind: 'cutout', inputDir, outputDir: cutoutOut(), state: 'done', total: 3, folderFound: true, counts: { done: 2, failed: 1, skipped: 0, interrupted: 0 }, itemsLeftOut: 0 });
    expect(groups[1]).toMatchObject({ kind: 'generate', inputDir: null, outputDir: generateOut(), state: 'done', total: 2, folderFound: true, counts: { done: 2, failed: 0 } });
    expect(groups[1]!.items.map((i) => i.output).sort()).toEqual(['prompts-L0001-1.png', 'prompts-L0002-1.png']);
    expect(groups[0]!.items.map((i) => i.input).sort()).toEqual(['rect.png', 'x.png']);
    for (const group of groups) {
      expect(group.finishedAt! >= group.startedAt).toBe(true);
      for (const item of group.items) {
        const thumb = await sharp(Buffer.from(item.thumbnail!.base64, 'base64')).metadata();
        expect(Math.max(thumb.width!, thumb.height!)).toBeLessThanOrEqual(96);
      }
    }
  });

  it('after a restart the groups are still listed with the same counts; an output opens for the canvas', async () => {
    const before = await call(services[0]!, 'listBatchGroups', {});
    await services[0]!.dispose();
    const service = await startService();
    const after = await call(service, 'listBatchGroups', {});
    expect(after.groups.map(({ items, ...g }) => ({ ...g, outputs: items.map((i) => i.output) }))).toEqual(before.groups.map(({ items, ...g }) => ({ ...g, outputs: items.map((i) => i.output) })));
    expect(after.groups).toHaveLength(2);

    const opened = await call(service, 'openBatchGroupItem', { id: ids.generate, output: 'prompts-L0002-1.png' });
    expect([opened.width, opened.height]).toEqual([64, 64]);
    expect(Buffer.from(opened.image.base64, 'base64').equals(await fs.readFile(path.join(generateOut(), 'prompts-L0002-1.png')))).toBe(true);
    // The image is in the canvas store: the canvas's next call can refer to it by id.
    expect(opened.imageId).toMatch(/^img-/);
    await expect(call(service, 'openBatchGroupItem', { id: ids.generate, output: '../out-cutout/manifest.jsonl' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(call(service, 'openBatchGroupItem', { id: 'job-unknown', output: 'prompts-L0002-1.png' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('a folder moved away is listed as not found with the counts recorded at the end; its items fail clearly', async () => {
    const service = services.at(-1)!;
    await fs.rename(cutoutOut(), path.join(root, 'moved-away'));
    const { groups } = await call(service, 'listBatchGroups', {});
    const cutout = groups.find((g) => g.id === ids.cutout)!;
    expect(cutout).toMatchObject({ folderFound: false, items: [], counts: { done: 2, failed: 1 }, total: 3 });
    expect(groups.find((g) => g.id === ids.generate)).toMatchObject({ folderFound: true });
    await expect(call(service, 'openBatchGroupItem', { id: ids.cutout, output: 'x.png' })).rejects.toMatchObject({ code: 'IMAGE_UNREADABLE' });
  });
});
