// `tessera serve` keeps its session in the data folder: run twice on the same folder → the same port and
// token (the open page's URL still works); the file is private (0600); `--new-token` rotates the token; a busy
// last port gives a free one, said on stderr; a busy `--port` is a clear error.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPackDir } from '../demo-pack.ts';

let scratch: string;
let modelsDir: string;
let dataDir: string;

interface Served {
  url: URL;
  stderr: string;
  stop(): Promise<number | null>;
}

/** Starts `tessera serve` on the shared folders and waits for its URL (first stdout line). */
function serve(extra: string[] = []): Promise<Served> {
  const args = ['cli/bin/tessera.js', 'serve', '--no-open', '--models', modelsDir, '--data', dataDir, ...extra];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const served = { stderr: '' } as Served;
  child.stderr.on('data', (chunk: Buffer) => (served.stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  served.stop = async () => {
    if (child.exitCode === null) child.kill('SIGINT');
    return exited;
  };
  return new Promise((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) resolve(Object.assign(served, { url: new URL(stdout.split('\n')[0]!.trim()) }));
    });
    void exited.then((code) => reject(Object.assign(new Error(`tessera serve exited with ${code}: ${served.stderr}`), { code, stderr: served.stderr })));
  });
}

const sessionFile = () => path.join(dataDir, 'web-host.json');

async function session(): Promise<{ port: number; token: string; mode: number }> {
  const stat = await fs.stat(sessionFile());
  return { ...(JSON.parse(await fs.readFile(sessionFile(), 'utf8')) as { port: number; token: string }), mode: stat.mode & 0o777 };
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-serve-session-'));
  modelsDir = path.join(scratch, 'models');
  dataDir = path.join(scratch, 'data');
  await fs.mkdir(modelsDir);
  await fs.symlink(demoPackDir(), path.join(modelsDir, 'demo-pack'));
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('tessera serve session', () => {
  it('reuses the last port and token, keeps them in a 0600 file, and rotates the token with --new-token', async () => {
    const first = await serve();
    const saved = await session();
    expect(saved).toEqual({ port: Number(first.url.port), token: first.url.searchParams.get('token'), mode: 0o600 });
    // The page opened at the first URL: its cookie is the token; it must keep working after a restart.
    const cookie = `tessera_token_${first.url.port}=${saved.token}`;
    expect(await first.stop()).toBe(0);

    const second = await serve();
    expect(second.url.href).toBe(first.url.href);
    const health = await fetch(`${second.url.origin}/api/getHealth`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(health.status).toBe(200);
    expect(await second.stop()).toBe(0);

    const rotated = await serve(['--new-token']);
    expect(rotated.url.port).toBe(first.url.port);
    expect(rotated.url.searchParams.get('token')).not.toBe(saved.token);
    expect(await session()).toEqual({ port: saved.port, token: rotated.url.searchParams.get('token'), mode: 0o600 });
    const refused = await fetch(`${rotated.url.origin}/api/getHealth`, { method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(403);
    expect(await rotated.stop()).toBe(0);
  });

  it('takes a free port when the last one is busy and says so; a busy --port is a clear error', async () => {
    const before = await session();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(before.port, '127.0.0.1', resolve));
    try {
      const moved = await serve();
      expect(moved.url.port).not.toBe(String(before.port));
      expect(moved.url.searchParams.get('token')).toBe(before.token);
      expect(moved.stderr).toContain(`port ${before.port} (used last time) is busy, so this host is on port ${moved.url.port}`);
      expect(await session()).toMatchObject({ port: Number(moved.url.port), token: before.token, mode: 0o600 });
      expect(await moved.stop()).toBe(0);

      const failure = await serve(['--port', String(before.port)]).catch((error: { code: number; stderr: string }) => error);
      expect(failure).toMatchObject({ code: 1, stderr: expect.stringContaining(`tessera: --port ${before.port}: got a port another program is using`) });
      expect((failure as { stderr: string }).stderr).not.toMatch(/^\s+at /m);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('a Ctrl+C the moment the URL is printed closes the host cleanly (exit 0), not by the signal', async () => {
    const args = ['cli/bin/tessera.js', 'serve', '--no-open', '--port', '0', '--models', modelsDir, '--data', dataDir];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // SIGINT from inside the first stdout chunk's handler: before the host has printed the rest of its banner.
    child.stdout.once('data', () => child.kill('SIGINT'));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  });
});
