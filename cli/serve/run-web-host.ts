// Starts the service and the web host together and keeps them until SIGINT/SIGTERM; shared by `tessera serve`
// and by `tessera start` when Electron is not installed. The URL is the first line on stdout (tests read it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TesseraService } from '../../native-models/service.ts';
import { defaultDataDir } from '../../native-models/service/data-folder.ts';
import { CliUsageError } from '../usage-error.ts';
import { startWebHost, type WebHost } from './web-host.ts';
import { newSessionToken, webHostSessionFile } from './web-host-session.ts';
import { openBrowser } from './open-browser.ts';

export const DEFAULT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');

export interface RunWebHostOptions {
  /** Undefined: the last session's port (a free one if that is busy, or on a first run); 0: any free port. */
  port?: number;
  host: string;
  /** Replace the last session's token (the old URL stops working). */
  newToken?: boolean;
  modelsRoot?: string;
  /** The data folder (queue, gallery, settings); default TESSERA_DATA_DIR, else the platform's per-user folder. */
  dataDir?: string;
  open: boolean;
  rendererDir?: string;
  /** `--dev`: serve the renderer build's source maps. */
  dev?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

const isAddressInUse = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE';

/** `--port` when given (busy: a clear error), else the last session's port, else (or when it is busy) a free one. */
async function startOnPort(start: (port: number) => Promise<WebHost>, asked: number | undefined, lastPort: number | undefined): Promise<WebHost> {
  const port = asked ?? lastPort ?? 0;
  try {
    return await start(port);
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    if (asked !== undefined) throw new CliUsageError(`--port ${asked}: got a port another program is using, expected a free one (leave --port out to reuse the last port or pick a free one)`);
    const host = await start(0);
    process.stderr.write(`tessera serve: port ${port} (used last time) is busy, so this host is on port ${host.port}; open the new URL\n`);
    return host;
  }
}

export async function runWebHost(options: RunWebHostOptions): Promise<number> {
  if (!LOOPBACK.has(options.host)) {
    process.stderr.write(
      `tessera serve: WARNING: listening on ${options.host}, not loopback: anyone who can reach this address and learns the URL's token can use your models and files. Prefer an SSH tunnel to 127.0.0.1.\n`,
    );
  }
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  const service = await TesseraService.start({ host: 'web', dataDir, ...(options.modelsRoot ? { modelsRoot: options.modelsRoot } : {}) });
  const sessionFile = webHostSessionFile(dataDir);
  const last = await sessionFile.read();
  const token = last && !options.newToken ? last.token : newSessionToken();
  const start = (port: number) =>
    startWebHost({
      handlers: service,
      subscribe: (tap) => service.events.onAny(tap),
      rendererDir: options.rendererDir ?? process.env.TESSERA_RENDERER_DIR ?? DEFAULT_RENDERER_DIR,
      port,
      host: options.host,
      token,
      allowSourceMaps: options.dev === true,
    });
  const host = await startOnPort(start, options.port, last?.port).catch(async (error: unknown) => {
    await service.dispose();
    throw error;
  });
  // Listening from here on before anything is printed: a Ctrl+C (or a script's SIGINT once it has read the URL) must
  // close the host and the service, never take Node's default of dying mid-start-up.
  const stopAsked = new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sessionFile.save({ port: host.port, token });
  process.stdout.write(`${host.url}\n`);
  if (host.urls.length > 1) process.stdout.write(`also at: ${host.urls.slice(1).join('  ')}\n`);
  const health = await service.getHealth();
  process.stdout.write(`models folder: ${health.modelsRoot}${health.demoPack.state === 'ready' ? ' (synthetic demo pack ready)' : ''}\n`);
  process.stdout.write(`data folder: ${(await service.getSettings()).dataDir}\n`);
  if (last?.token === token) process.stdout.write('session token: the one from last time (`--new-token` makes a new one)\n');
  process.stdout.write('Open the URL above in a browser; Ctrl+C stops the host.\n');
  if (options.open) openBrowser(host.url);
  await stopAsked;
  await host.close();
  await service.dispose();
  return 0;
}
