// `tessera start` (what `npm start` runs) on a machine without an Electron binary, with a fresh HOME and data
// folder and no browser: it never tries to download Electron (no connection, no DNS lookup, in it or in any
// child it starts), prints no stack trace, says once, plainly, why the web host is used, and serves its URL.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ELECTRON_DIST = path.join(path.dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'dist');
const TRIPWIRE = path.resolve('tests/fixtures/network-tripwire.mjs');

let scratch: string;

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-start-'));
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

interface StartRun {
  url: string;
  stdout: string;
  stderr: string;
  code: number | null;
  network: string[];
}

/** Runs `tessera start --no-open` until it prints its URL, checks the page answers, then stops it as Ctrl+C would. */
async function runStart(): Promise<StartRun> {
  const home = path.join(scratch, 'home');
  const networkLog = path.join(scratch, 'network.log');
  await fs.mkdir(home, { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, '.local', 'share'), TESSERA_TEST_NETWORK_LOG: networkLog, NODE_OPTIONS: `--import=${pathToFileURL(TRIPWIRE).href}` };
  // Nothing that would make the electron package skip or redirect its download: the test is about what start does.
  for (const name of ['ELECTRON_SKIP_BINARY_DOWNLOAD', 'ELECTRON_OVERRIDE_DIST_PATH', 'ELECTRON_RUN_AS_NODE', 'TESSERA_DATA_DIR', 'TESSERA_MODELS_DIR']) delete env[name];
  const args = ['cli/bin/tessera.js', 'start', '--no-open', '--port', '0', '--models', path.join(scratch, 'models'), '--data', path.join(scratch, 'data')];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]!.trim());
    });
    void exited.then((code) => reject(new Error(`tessera start exited with ${code} before printing a URL: ${stderr}`)));
  });
  // The printed URL sets the token cookie and sends the page on to "/".
  const page = await fetch(url, { redirect: 'manual' });
  expect([page.status, page.headers.get('location')]).toEqual([303, '/']);
  child.kill('SIGINT');
  const code = await exited;
  const network = (await fs.readFile(networkLog, 'utf8').catch(() => '')).split('\n').filter(Boolean);
  return { url, stdout, stderr, code, network };
}

describe('tessera start without an Electron binary', () => {
  it('never tries a download, prints no stack trace and says once why the web host is used', async (context) => {
    if (existsSync(ELECTRON_DIST)) context.skip(`an Electron binary is installed here (${ELECTRON_DIST}); this test is about machines without one`);
    const run = await runStart();
    expect(run.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(run.code).toBe(0);
    expect(run.network).toEqual([]);
    expect(run.stdout).not.toContain('Downloading Electron');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/error/i);
    const lines = run.stderr.split('\n').filter((line) => /electron|web host/i.test(line));
    expect(lines).toEqual(['tessera start: using the local web host (the studio in your browser) because no Electron binary is installed.']);
  });
});
