// The web host's static files over real HTTP: a renderer folder with real symlinks, one leading to a file
// outside the folder (must never be served), one to a folder outside it, and one to a file inside (fine);
// source maps only from a development host (`serve --dev`).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TesseraApiHandlers } from '../../../native-models/api/index.ts';
import { startWebHost, type WebHost } from '../../../cli/serve/web-host.ts';

const SECRET = 'secret outside the renderer folder';

let scratch: string;
let host: WebHost;
let devHost: WebHost;

async function get(pathname: string, from: WebHost = host): Promise<{ status: number; body: string; type: string | null }> {
  const response = await fetch(`http://127.0.0.1:${from.port}${pathname}`, { headers: { 'x-tessera-token': from.token }, redirect: 'manual' });
  return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-static-'));
  const renderer = path.join(scratch, 'renderer');
  const outside = path.join(scratch, 'outside');
  await fs.mkdir(path.join(renderer, 'assets'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>index</title>');
  await fs.writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log("app");');
  await fs.writeFile(path.join(renderer, 'assets', 'app.js.map'), '{"version":3,"sources":["../src/app.ts"],"sourcesContent":["source code"]}');
  await fs.writeFile(path.join(outside, 'secret.js'), SECRET);
  await fs.symlink(path.join(outside, 'secret.js'), path.join(renderer, 'assets', 'leak.js'));
  await fs.symlink('/etc/passwd', path.join(renderer, 'passwd.html'));
  await fs.symlink(outside, path.join(renderer, 'linked-folder'));
  await fs.symlink(path.join(renderer, 'assets', 'app.js'), path.join(renderer, 'alias.js'));
  const options = { handlers: {} as TesseraApiHandlers, subscribe: () => () => {}, rendererDir: renderer, port: 0, host: '127.0.0.1' };
  host = await startWebHost(options);
  devHost = await startWebHost({ ...options, allowSourceMaps: true });
});

afterAll(async () => {
  await host.close();
  await devHost.close();
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('static files of the web host', () => {
  it('serves the files of the renderer folder', async () => {
    await expect(get('/assets/app.js')).resolves.toMatchObject({ status: 200, body: 'console.log("app");', type: 'text/javascript; charset=utf-8' });
    await expect(get('/')).resolves.toMatchObject({ status: 200, body: expect.stringContaining('<title>index</title>') });
  });

  it('serves a symlink whose target is inside the folder', async () => {
    await expect(get('/alias.js')).resolves.toMatchObject({ status: 200, body: 'console.log("app");' });
  });

  it.each([
    ['a symlinked file outside the folder', '/assets/leak.js'],
    ['a symlink to /etc/passwd', '/passwd.html'],
    ['a file in a symlinked folder outside', '/linked-folder/secret.js'],
    ['the same, percent-encoded', '/linked%2Dfolder/secret%2Ejs'],
  ])('refuses %s', async (_label, pathname) => {
    const answer = await get(pathname);
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('outside the renderer folder');
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).not.toContain('root:');
  });

  it('answers index.html for paths that name nothing (client-side routes), and never escapes by ..', async () => {
    for (const pathname of ['/gallery', '/../outside/secret.js', '/%2e%2e/outside/secret.js']) {
      const answer = await get(pathname);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain('<title>index</title>');
    }
  });
});

describe('source maps', () => {
  it('are refused by default (a packaged or production host never hands out sources)', async () => {
    const answer = await get('/assets/app.js.map');
    expect(answer.status).toBe(404);
    expect(answer.body).toContain('source map');
    expect(answer.body).not.toContain('source code');
  });

  it('are served by a development host (serve --dev)', async () => {
    await expect(get('/assets/app.js.map', devHost)).resolves.toMatchObject({ status: 200, body: expect.stringContaining('source code') });
  });
});
