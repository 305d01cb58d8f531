// Starts the service and the web host together and keeps them until SIGINT/SIGTERM; shared by `tessera serve`
// and by `tessera start` when Electron is not installed. The URL is the first line on stdout (tests read it).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TesseraService } from '../../native-models/service.ts';
import { defaultDataDir } from '../../native-models/service/data-folder.ts';
import { startWebHost } from './web-host.ts';
import { openBrowser } from './open-browser.ts';

export const DEFAULT_RENDERER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'renderer');

export interface RunWebHostOptions {
  port: number;
  host: string;
  modelsRoot?: string;
  /** The data folder (queue, gallery, settings); default TESSERA_DATA_DIR, else the platform's per-user folder. */
  dataDir?: string;
  open: boolean;
  rendererDir?: string;
  /** `--dev`: serve the renderer build's source maps. */
  dev?: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export async function runWebHost(options: RunWebHostOptions): Promise<number> {
  if (!LOOPBACK.has(options.host)) {
    process.stderr.write(
      `tessera serve: WARNING: listening on ${options.host}, not loopback: anyone who can reach this address and learns the URL's token can use your models and files. Prefer an SSH tunnel to 127.0.0.1.\n`,
    );
  }
  const service = await TesseraService.start({ host: 'web', dataDir: options.dataDir ?? defaultDataDir(), ...(options.modelsRoot ? { modelsRoot: options.modelsRoot } : {}) });
  const host = await startWebHost({
    handlers: service,
    subscribe: (tap) => service.events.onAny(tap),
    rendererDir: options.rendererDir ?? process.env.TESSERA_RENDERER_DIR ?? DEFAULT_RENDERER_DIR,
    port: options.port,
    host: options.host,
    allowSourceMaps: options.dev === true,
  });
  process.stdout.write(`${host.url}\n`);
  if (host.urls.length > 1) process.stdout.write(`also at: ${host.urls.slice(1).join('  ')}\n`);
  const health = await service.getHealth();
  process.stdout.write(`models folder: ${health.modelsRoot}${health.demoPack.state === 'ready' ? ' (synthetic demo pack ready)' : ''}\n`);
  process.stdout.write(`data folder: ${(await service.getSettings()).dataDir}\n`);
  process.stdout.write('Open the URL above in a browser; Ctrl+C stops the host.\n');
  if (options.open) openBrowser(host.url);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await host.close();
  await service.dispose();
  return 0;
}
