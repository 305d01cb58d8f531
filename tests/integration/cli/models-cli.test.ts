// `tessera models …` and `--model NAME` as a user runs them: real CLI processes, a loopback HTTP server posing as
// a Hugging Face mirror (TESSERA_HF_ENDPOINT), temp models/data/trash folders. One round trip per feature.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModel, demoPackDir } from '../demo-pack.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { TestFileServer } from '../models/manager/test-file-server.ts';
import { entryFor } from '../models/manager/test-catalogue.ts';
import { withResolvedModel } from '../../../cli/batch/batch-job-options.ts';
import { tessera as runTessera } from '../../fixtures/cli-output.ts';

const cli = path.resolve('cli/bin/tessera.js');
let home: string;
let server: TestFileServer;
let catalogueFile: string;
let env: NodeJS.ProcessEnv;
const HF_PREFIX = '/acme/demo-sam/resolve/main/';

function tessera(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return runTessera(args, { ...env, ...extraEnv });
}

const exists = async (p: string) => (await fs.lstat(p).catch(() => undefined)) !== undefined;

beforeAll(async () => {
  home = await makeTempDir('tessera-models-cli-');
  server = new TestFileServer();
  await server.start();
  // Served under a Hugging Face path; the catalogue names huggingface.co and only the mirror variable makes it reachable.
  const rels = await server.addFolder(demoModel('demo-sam'), 'acme/demo-sam/resolve/main');
  const entry = entryFor(server, 'acme/demo-sam/resolve/main', rels, 'test-sam', 'sam', { hashes: 'real' });
  entry.files = entry.files.map((f) => ({ ...f, url: f.url.replace(server.baseUrl, 'https://huggingface.co') }));
  catalogueFile = path.join(home, 'catalogue.json');
  await fs.writeFile(catalogueFile, JSON.stringify({ version: 1, notes: [], models: [entry] }));
  env = {
    ...process.env,
    TESSERA_MODELS_DIR: path.join(home, 'models'),
    TESSERA_DATA_DIR: path.join(home, 'data'),
    XDG_DATA_HOME: path.join(home, 'xdg'),
    TESSERA_HF_ENDPOINT: server.baseUrl,
  };
});
afterAll(async () => {
  await server.close();
  await fs.rm(home, { recursive: true, force: true });
});

describe('tessera models install', () => {
  it('refuses an unaccepted licence, then installs through the mirror with --accept-licence and lists it', async () => {
    const refused = await tessera(['models', 'install', 'test-sam', '--catalogue', catalogueFile]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[LICENCE_NOT_ACCEPTED]');
    expect(refused.stderr).toContain('https://example.invalid/licence');
    expect(server.requests).toEqual([]);

    const installed = await tessera(['models', 'install', 'test-sam', '--catalogue', catalogueFile, '--accept-licence', '--json']);
    expect(installed.stderr).toBe('');
    expect(installed.code).toBe(0);
    expect(JSON.parse(installed.stdout.trim().split('\n').at(-1)!)).toMatchObject({ type: 'installed', id: 'test-sam', kind: 'sam' });
    expect(server.requests.length).toBeGreaterThan(0);
    const accepted = JSON.parse(await fs.readFile(path.join(home, 'data', 'accepted-licences.json'), 'utf8')) as { accepted: Record<string, unknown> };
    expect(Object.keys(accepted.accepted)).toEqual(['test-licence-1.0']);

    const list = await tessera(['models', 'list', '--json']);
    const models = (JSON.parse(list.stdout) as { models: { name: string; kind: string; variant: string; sizeBytes: number; path: string }[] }).models;
    expect(models).toEqual([expect.objectContaining({ name: 'test-sam', kind: 'sam', path: path.join(home, 'models', 'test-sam') })]);
    expect(models[0]!.sizeBytes).toBeGreaterThan(0);
    expect(models[0]!.variant).toContain('Segment Anything');

    const catalogue = await tessera(['models', 'catalogue', '--catalogue', catalogueFile, '--json']);
    expect((JSON.parse(catalogue.stdout) as { models: unknown[] }).models).toEqual([expect.objectContaining({ id: 'test-sam', task: 'segmentation', installed: true, licenceAccepted: true })]);
  }, 60_000);

  it('Ctrl+C keeps a resumable partial and says so; running it again resumes with Range', async () => {
    const catalogue = JSON.parse(await fs.readFile(catalogueFile, 'utf8')) as { models: { id: string }[] };
    catalogue.models[0]!.id = 'test-sam-two';
    const file = path.join(home, 'catalogue-two.json');
    await fs.writeFile(file, JSON.stringify(catalogue));
    const encoder = (await fs.readdir(demoModel('demo-sam'))).find((f) => f.includes('encoder'))!;
    const urlPath = `${HF_PREFIX}${encoder}`;
    server.stallAlways.set(urlPath, 512);

    const child = spawn(process.execPath, [cli, 'models', 'install', 'test-sam-two', '--catalogue', file, '--accept-licence', '--json'], { env });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      // Interrupted once bytes of the stalled file are on disk, as a user's Ctrl+C mid-download.
      if (!interrupted && stdout.split('\n').some((l) => l.includes(`"file":"${encoder}"`) && /"fileBytesDone":[1-9]/.test(l))) interrupted = child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toMatch(/interrupted: .* kept in .*\.tmp-test-sam-two-download; run `tessera models install test-sam-two` again to resume/);
    expect(code).toBe(130);
    expect(await exists(path.join(home, 'models', '.tmp-test-sam-two-download', `${encoder}.partial`))).toBe(true);
    expect(await exists(path.join(home, 'models', 'test-sam-two'))).toBe(false);

    server.stallAlways.delete(urlPath);
    const resumed = await tessera(['models', 'install', 'test-sam-two', '--catalogue', file]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/resuming with .* already downloaded/);
    expect(server.requestsFor(urlPath).at(-1)?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(await exists(path.join(home, 'models', 'test-sam-two'))).toBe(true);
  }, 60_000);
});

describe('tessera models import / remove / check', () => {
  it('links and copies folders in; remove unlinks a link, trashes a copy, and refuses a model a queued job uses', async () => {
    const source = path.join(home, 'my-sam');
    await fs.cp(demoModel('demo-sam'), source, { recursive: true });
    const linked = await tessera(['models', 'import', source, '--link', '--name', 'sam-linked', '--json']);
    expect(JSON.parse(linked.stdout)).toMatchObject({ type: 'imported', name: 'sam-linked', linked: true, kind: 'sam' });
    const copied = await tessera(['models', 'import', source, '--json']);
    expect(JSON.parse(copied.stdout)).toMatchObject({ name: 'my-sam', linked: false });

    expect((await tessera(['models', 'remove', 'sam-linked'])).stdout).toContain('the link is gone');
    expect(await exists(path.join(home, 'models', 'sam-linked'))).toBe(false);
    expect((await fs.readdir(source)).length).toBeGreaterThan(0);

    // A Studio with a job on it: the data folder's queue names the model.
    const queue = { version: 1, jobs: [{ jobId: 'job-1', kind: 'generate', modelId: 'my-sam', label: 'Segment', createdAt: new Date().toISOString(), args: {} }] };
    await fs.writeFile(path.join(home, 'data', 'queue.json'), JSON.stringify(queue));
    const busy = await tessera(['models', 'remove', 'my-sam']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain('[FOLDER_LOCKED]');
    expect(await exists(path.join(home, 'models', 'my-sam'))).toBe(true);

    await fs.rm(path.join(home, 'data', 'queue.json'));
    const removed = await tessera(['models', 'remove', 'my-sam', '--json']);
    expect(JSON.parse(removed.stdout)).toMatchObject({ type: 'removed', id: 'my-sam', trashedTo: path.join(home, 'xdg', 'Trash', 'files', 'my-sam') });
    expect(await exists(path.join(home, 'xdg', 'Trash', 'info', 'my-sam.trashinfo'))).toBe(true);
    expect(await exists(path.join(home, 'models', 'my-sam'))).toBe(false);
  }, 60_000);

  it('check on the demo pack root lists each model inside with its verdict', async () => {
    const result = await tessera(['models', 'check', demoPackDir(), '--json']);
    const report = JSON.parse(result.stdout) as { models: { path: string; kind: string; usable: boolean }[] };
    expect(report.models.map((m) => path.basename(m.path))).toEqual(expect.arrayContaining(['demo-sd', 'demo-sam', 'demo-rembg-u2net', 'demo-upscaler-x4']));
    expect(report.models.every((m) => m.usable && m.kind !== 'unknown')).toBe(true);
    expect(result.code).toBe(0);
  }, 30_000);
});

describe('--model NAME', () => {
  it('generate resolves an installed name, prints no GPU warning on a CPU-only auto run, and lists names for an unknown one', async () => {
    const packEnv = { TESSERA_MODELS_DIR: demoPackDir() };
    const out = path.join(home, 'by-name.png');
    const ok = await tessera(['generate', '--model', 'demo-sd', '--prompt', 'a red circle', '--steps', '2', '--width', '64', '--height', '64', '--out', out, '--json'], packEnv);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(await exists(out)).toBe(true);

    const unknown = await tessera(['generate', '--model', 'no-such-model', '--prompt', 'x'], packEnv);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/\[MODEL_NOT_FOUND\].*no-such-model.*demo-sd/);
  }, 60_000);

  it('batch gets the installed folder for a name, keeps paths, and keeps names it lacks for distributed workers', async () => {
    const saved = process.env.TESSERA_MODELS_DIR;
    process.env.TESSERA_MODELS_DIR = demoPackDir();
    try {
      expect(await withResolvedModel(['upscale', '--model', 'demo-upscaler-x4', '--out', 'o'])).toEqual(['upscale', '--model', demoModel('demo-upscaler-x4'), '--out', 'o']);
      expect(await withResolvedModel(['generate', '--model=demo-sd'])).toEqual(['generate', '--model', demoModel('demo-sd')]);
      expect(await withResolvedModel(['generate', '--model', demoModel('demo-sd')])).toEqual(['generate', '--model', demoModel('demo-sd')]);
      expect(await withResolvedModel(['generate', '--model', 'only-on-workers'])).toEqual(['generate', '--model', 'only-on-workers']);
    } finally {
      if (saved === undefined) delete process.env.TESSERA_MODELS_DIR;
      else process.env.TESSERA_MODELS_DIR = saved;
    }
  });
});
