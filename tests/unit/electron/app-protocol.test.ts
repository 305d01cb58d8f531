// Electron's app:// handler (the binary cannot run here; the handler is plain Request → Response logic over a
// real folder): files of the renderer build only, judged by real path, each with the renderer's CSP.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_SCHEME_PRIVILEGES, RENDERER_URL, createAppProtocolHandler } from '../../../electron/main/app-protocol.ts';
import { contentSecurityPolicy } from '../../../native-models/api/content-security-policy.ts';

let scratch: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-app-scheme-'));
  const renderer = path.join(scratch, 'renderer');
  await fs.mkdir(path.join(renderer, 'assets'), { recursive: true });
  await fs.writeFile(path.join(renderer, 'index.html'), '<!doctype html><title>index</title>');
  await fs.writeFile(path.join(renderer, 'assets', 'app.js'), 'console.log(1);');
  await fs.writeFile(path.join(renderer, 'assets', 'app.js.map'), '{"sourcesContent":["secret source"]}');
  await fs.writeFile(path.join(scratch, 'outside.js'), 'OUTSIDE-CONTENT');
  await fs.symlink(path.join(scratch, 'outside.js'), path.join(renderer, 'assets', 'leak.js'));
  await fs.symlink('/etc/passwd', path.join(renderer, 'passwd.html'));
  handle = createAppProtocolHandler(renderer);
});

afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// handler', () => {
  it('is registered standard and secure, and the window URL is on it', () => {
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ scheme: 'app', privileges: { standard: true, secure: true } });
    expect(RENDERER_URL).toBe('app://tessera/index.html');
  });

  it('serves the renderer files with their type and the renderer CSP header', async () => {
    const index = await get(RENDERER_URL);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>index</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy('header'));
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    const script = await get('app://tessera/assets/app.js');
    expect([script.status, await script.text(), script.headers.get('content-type')]).toEqual([200, 'console.log(1);', 'text/javascript; charset=utf-8']);
  });

  it.each([
    ['a symlink to a file outside the build', 'app://tessera/assets/leak.js'],
    ['a symlink to /etc/passwd', 'app://tessera/passwd.html'],
    ['an encoded climb out of the folder', 'app://tessera/assets/..%2f..%2foutside.js'],
    ['a missing file', 'app://tessera/nothing.js'],
    ['another host of the scheme', 'app://elsewhere/index.html'],
    ['a source map of a packaged build', 'app://tessera/assets/app.js.map'],
  ])('answers 404 for %s', async (_label, url) => {
    const response = await get(url);
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).not.toContain('OUTSIDE-CONTENT');
    expect(text).not.toContain('root:');
    expect(text).not.toContain('secret source');
  });

  it('serves source maps only when asked (a development run)', async () => {
    const dev = createAppProtocolHandler(path.join(scratch, 'renderer'), { allowSourceMaps: true });
    const response = await dev(new Request('app://tessera/assets/app.js.map'));
    expect([response.status, await response.text()]).toEqual([200, '{"sourcesContent":["secret source"]}']);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get(RENDERER_URL, 'POST')).status).toBe(405);
    const head = await get(RENDERER_URL, 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });
});
