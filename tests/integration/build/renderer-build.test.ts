// A real production build of the renderer (Vite, into a temp folder) as a packaged app ships it: no source
// maps, and index.html carrying the CSP <meta> that Electron's app:// handler serves beside an equal header
// (the <meta> lacks only frame-ancestors, which CSP3 ignores there).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_URL, createAppProtocolHandler } from '../../../electron/main/app-protocol.ts';

let outDir: string;

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

beforeAll(async () => {
  outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-renderer-build-'));
  await build({ configFile: 'build/vite.renderer.config.ts', mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } });
});

afterAll(async () => {
  await fs.rm(outDir, { recursive: true, force: true });
});

describe('production renderer build', () => {
  it('contains no source maps and no sourceMappingURL comments', async () => {
    const files = await filesUnder(outDir);
    expect(files.some((f) => f.endsWith('index.html'))).toBe(true);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((f) => /\.(js|css)$/.test(f))) expect(await fs.readFile(file, 'utf8')).not.toContain('sourceMappingURL');
  });

  it('is served over app:// with a CSP header that the <meta> in index.html repeats', async () => {
    const response = await createAppProtocolHandler(outDir)(new Request(RENDERER_URL));
    expect(response.status).toBe(200);
    const html = await response.text();
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    expect(response.headers.get('content-security-policy')).toBe(`${meta}; frame-ancestors 'none'`);
    // The <meta> precedes every script and stylesheet, so it covers them.
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<script'));
    expect(html.indexOf('http-equiv="Content-Security-Policy"')).toBeLessThan(html.indexOf('<link rel="stylesheet"'));
  });
});
