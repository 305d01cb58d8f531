// A Playwright fixture that starts `tessera serve --port 0` on a fresh models folder (the demo pack is written
// on first run) and hands the tests its URL; the host is stopped after each test.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface ServedHost {
  /** The printed URL, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  modelsDir: string;
}

async function startServe(modelsDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['cli/bin/tessera.js', 'serve', '--port', '0', '--models', modelsDir, '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n');
      if (line.length > 1) resolve(line[0]!.trim());
    });
    child.on('exit', (code) => reject(new Error(`tessera serve exited with ${code} before printing its URL: ${stderr}`)));
  });
  return { child, url };
}

export const test = base.extend<{ served: ServedHost }>({
  served: [
    // Playwright reads fixture dependencies from the destructuring pattern, so an empty one is required.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-models-'));
      const { child, url } = await startServe(modelsDir);
      const parsed = new URL(url);
      await use({ url, origin: parsed.origin, port: Number(parsed.port), token: parsed.searchParams.get('token')!, modelsDir });
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      await fs.rm(modelsDir, { recursive: true, force: true });
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
