// A Playwright fixture that starts `tessera serve --port 0` on a fresh models folder and a fresh data folder,
// and hands the tests its URL; `restart()` stops the host and starts a new one on the same folders; `stop()` and
// `startAgain()` do it in two steps, the new host on the same port (web-host.json's), so an open page can
// reconnect. The host's XDG_DATA_HOME is a temp folder too, so its trash is the test's. The host is stopped
// after each test.
// The models folder gets a copy of the demo pack that global setup wrote once: writing it takes seconds, and a
// host per test writing its own made up most of the suite's time. A test of the first run itself says
// `test.use({ hostWritesDemoPack: true })`, and the host then writes the pack as it does for a new user.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { DEMO_PACK_FOLDER } from '../../native-models/service/model-registry.ts';
import { E2E_DEMO_PACK_TEMPLATE } from './demo-pack-template.ts';

export interface ServedHost {
  /** The printed URL, token included. */
  url: string;
  origin: string;
  port: number;
  token: string;
  modelsDir: string;
  /** `--data`: queue, gallery history, settings and (by default) the generated images. */
  dataDir: string;
  /** The host's XDG_DATA_HOME: its freedesktop.org trash is `<xdgDataHome>/Trash`. */
  xdgDataHome: string;
  /** Stops the host (SIGTERM, as a user's Ctrl+C) and starts a new one on the same folders; url and port change (`--port 0`), the token is kept. */
  restart(): Promise<void>;
  /** Stops the host (SIGTERM); the page stays open. */
  stop(): Promise<void>;
  /** Starts the host again as a plain `tessera serve` would: the last port and token (url unchanged). */
  startAgain(): Promise<void>;
}

interface Folders {
  modelsDir: string;
  dataDir: string;
  xdgDataHome: string;
}

/** `samePort`: no `--port`, so the host takes the last session's port, as a user's second `tessera serve` does. */
async function startServe({ modelsDir, dataDir, xdgDataHome }: Folders, samePort = false): Promise<{ child: ChildProcess; url: string }> {
  const args = ['cli/bin/tessera.js', 'serve', ...(samePort ? [] : ['--port', '0']), '--models', modelsDir, '--data', dataDir, '--no-open'];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, XDG_DATA_HOME: xdgDataHome } });
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

export const test = base.extend<{ served: ServedHost; hostWritesDemoPack: boolean }>({
  hostWritesDemoPack: [false, { option: true }],
  served: [
    async ({ hostWritesDemoPack }, use) => {
      const modelsDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-models-'));
      // The pack's marker file makes the host take the copy as its own demo pack.
      if (!hostWritesDemoPack) await fs.cp(E2E_DEMO_PACK_TEMPLATE, path.join(modelsDir, DEMO_PACK_FOLDER), { recursive: true });
      const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-e2e-data-'));
      const folders: Folders = { modelsDir, dataDir: path.join(scratch, 'data'), xdgDataHome: path.join(scratch, 'xdg') };
      let running = await startServe(folders);
      const stop = async () => {
        if (running.child.exitCode === null) {
          const exited = new Promise((resolve) => running.child.once('exit', resolve));
          running.child.kill('SIGTERM');
          await exited;
        }
      };
      const served = { ...folders } as ServedHost;
      const describe = (url: string) => {
        const parsed = new URL(url);
        Object.assign(served, { url, origin: parsed.origin, port: Number(parsed.port), token: parsed.searchParams.get('token')! });
      };
      served.restart = async () => {
        await stop();
        running = await startServe(folders);
        describe(running.url);
      };
      served.stop = stop;
      served.startAgain = async () => {
        running = await startServe(folders, true);
        describe(running.url);
      };
      describe(running.url);
      await use(served);
      await stop();
      await fs.rm(modelsDir, { recursive: true, force: true });
      await fs.rm(scratch, { recursive: true, force: true });
    },
    { scope: 'test' },
  ],
});

export { expect } from '@playwright/test';
