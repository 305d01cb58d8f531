// A segment-everything batch (cut-out prompt `everything`) started through the app's API, as the Studio's Batch
// panel sends it: the same option names and defaults as `tessera batch cutout --prompt everything --points-per-side`,
// so the same x.regions.json bytes as the CLI's batch; a request the job would refuse (crop with everything) is
// refused on the call; and with a Redis URL in Settings the same request runs on a real `tessera worker` through the
// same schema and spec, writing the same bytes again.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchApiCall, type JobUpdateEvent } from '../../../native-models/api/index.ts';
import { regionsOutput } from '../../../native-models/batch/output-naming.ts';
import { TesseraService } from '../../../native-models/service.ts';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { hashTree, readManifestLines, tessera } from '../batch/batch-cli.ts';
import { demoModel, modelsFolderWithDemoPack } from '../demo-pack.ts';
import { WorkerProcess } from './worker-process.ts';

const SHAPES: Record<string, DrawnShape> = {
  'a-rect.png': { width: 48, height: 40, shape: 'rect', geometry: [8, 6, 30, 28], fg: [220, 30, 30], bg: [40, 40, 40] },
  'b-disc.png': { width: 44, height: 44, shape: 'disc', geometry: [22, 22, 12], fg: [30, 200, 60], bg: [40, 40, 40] },
};

let root: string;
let inputDir: string;
let service: TesseraService;
let redis: RedisServerFixture | undefined;
let worker: WorkerProcess | undefined;

function call(method: string, args: unknown): Promise<never> {
  return dispatchApiCall(service, method as never, args) as Promise<never>;
}

/** The request the Batch panel sends for "Every object" with 4 grid points per side (batch-form.ts). */
function everythingRequest(outputDir: string) {
  return { kind: 'cutout', modelId: 'demo-pack/demo-sam', inputDir, outputDir, options: { prompt: 'everything', recursive: false, everything: { pointsPerSide: 4 } } };
}

async function runToEnd(request: unknown): Promise<JobUpdateEvent> {
  const job: { id?: string } = {};
  let off = () => {};
  const final = new Promise<JobUpdateEvent>((resolve) => {
    off = service.onJobUpdate((u) => u.jobId === job.id && u.state !== 'queued' && u.state !== 'running' && resolve(u));
  });
  job.id = ((await call('startBatch', request)) as { jobId: string }).jobId;
  return final.finally(off);
}

const regionsFiles = async (dir: string) => new Map([...(await hashTree(dir))].filter(([f]) => f.endsWith('.regions.json')));

beforeAll(async () => {
  root = await makeTempDir('tessera-app-everything-');
  inputDir = path.join(root, 'in');
  for (const [rel, shape] of Object.entries(SHAPES)) await writeDrawn(path.join(inputDir, rel), shape);
  const modelsDir = await modelsFolderWithDemoPack(root);
  service = await TesseraService.start({ host: 'in-process', modelsRoot: modelsDir, dataDir: path.join(root, 'data'), provider: 'cpu', demoPackOnFirstRun: false });
  // the reference: the CLI's batch with the same option
  const cli = await tessera(['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', inputDir, '--out', path.join(root, 'cli'), '--prompt', 'everything', '--points-per-side', '4', '--json']);
  expect(cli.code, cli.stderr).toBe(0);
}, 300_000);

afterAll(async () => {
  await service?.dispose();
  await worker?.stop();
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('startBatch with cut-out prompt everything', () => {
  it('writes each image’s regions file alone, byte for byte the CLI batch’s, the option recorded as the CLI records it', async () => {
    const out = path.join(root, 'app');
    const final = await runToEnd(everythingRequest(out));
    expect(final.state, JSON.stringify(final.error)).toBe('done');
    const cliFiles = await regionsFiles(path.join(root, 'cli'));
    expect([...cliFiles.keys()].sort()).toEqual(Object.keys(SHAPES).map(regionsOutput).sort());
    expect(await regionsFiles(out)).toEqual(cliFiles);
    expect((await fs.readdir(out)).sort()).toEqual(['manifest.jsonl', ...Object.keys(SHAPES).map(regionsOutput)].sort());
    const parameters = (lines: Awaited<ReturnType<typeof readManifestLines>>) => lines.filter((l) => l.status === 'done').map((l) => [l.input, l.outputs, l.parameters]).sort();
    expect(parameters(await readManifestLines(out))).toEqual(parameters(await readManifestLines(path.join(root, 'cli'))));
    const regions = JSON.parse(await fs.readFile(path.join(out, regionsOutput('a-rect.png')), 'utf8')) as { width: number; height: number; regions: unknown[] };
    expect([regions.width, regions.height]).toEqual([48, 40]);
    expect(regions.regions.length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses on the call what the job would refuse, in the job’s words: a crop with everything, its options with a click mode', async () => {
    const out = path.join(root, 'refused');
    const request = everythingRequest(out);
    await expect(call('startBatch', { ...request, options: { ...request.options, crop: true } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('prompt mode everything writes no cut-out: got crop') });
    await expect(call('startBatch', { ...request, options: { prompt: 'center', everything: { pointsPerSide: 4 } } })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('got prompt mode center, expected everything-largest or everything') });
    await expect(fs.stat(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('with a Redis URL in Settings: the same request runs on a tessera worker and writes the same regions files', async () => {
    redis = await RedisServerFixture.start({});
    worker = new WorkerProcess('everything-app', redis.url, demoModel('demo-sam'));
    await worker.ready();
    await call('updateSettings', { redisUrl: redis.url });
    const out = path.join(root, 'redis');
    const final = await runToEnd(everythingRequest(out));
    expect(final.state, JSON.stringify(final.error)).toBe('done');
    expect(new Set(worker.lines.filter((l) => l.status === 'done').map((l) => l.input))).toEqual(new Set(Object.keys(SHAPES)));
    expect(await regionsFiles(out)).toEqual(await regionsFiles(path.join(root, 'cli')));
  }, 180_000);
});
