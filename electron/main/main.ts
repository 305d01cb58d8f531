// Electron main: one instance, the service over the user's models folder (demo pack on first run), the
// hardened window, and TesseraApi over IPC. Started through entry.mjs (tsx); the preload and renderer are built.
import { app, BrowserWindow, protocol, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiParsedArgs, ApiResult, TesseraApiHandlers } from '../../native-models/api/index.ts';
import { TesseraService } from '../../native-models/service.ts';
import { defaultDataDir } from '../../native-models/service/data-folder.ts';
import { launchModelsRoot } from '../../native-models/service/launch-folders.ts';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from './app-protocol.ts';
import { pickFolder } from './dialogs.ts';
import { serveApiOverIpc } from './ipc-adapter.ts';
import { createMainWindow, type MainWindow } from './secure-window.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Build outputs: `npm run build:renderer` and `npm run build:electron`. */
const DIST = path.join(here, '..', '..', 'dist');
const RENDERER_DIR = path.join(DIST, 'renderer');
const PRELOAD = path.join(DIST, 'electron', 'preload.cjs');

/** The service's methods, with the desktop-only ones answered by main (dialogs). */
function desktopHandlers(service: TesseraService, main: () => MainWindow | undefined): TesseraApiHandlers {
  const overrides: Partial<TesseraApiHandlers> = {
    pickModelFolder: async (_args: ApiParsedArgs<'pickModelFolder'>): Promise<ApiResult<'pickModelFolder'>> => {
      const window = main()?.window;
      return { path: window ? await pickFolder(window, 'Choose a model folder to import') : null };
    },
    pickFolder: async (args: ApiParsedArgs<'pickFolder'>): Promise<ApiResult<'pickFolder'>> => {
      const window = main()?.window;
      return { path: window ? await pickFolder(window, args?.title ?? 'Choose a folder') : null };
    },
    revealHistoryItem: async ({ id }: ApiParsedArgs<'revealHistoryItem'>): Promise<ApiResult<'revealHistoryItem'>> => {
      const file = service.historyFile(id);
      shell.showItemInFolder(file);
      return { file };
    },
  };
  return new Proxy(service as unknown as TesseraApiHandlers, {
    get(target, property, receiver) {
      const override = overrides[property as keyof TesseraApiHandlers];
      if (override) return override;
      const value = Reflect.get(target, property, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function start(): Promise<void> {
  await app.whenReady();
  // The renderer comes from app://tessera/ (files of dist/renderer only); a packaged app never serves source maps.
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR, { allowSourceMaps: !app.isPackaged }));
  const windowOptions = { preloadFile: PRELOAD, devTools: !app.isPackaged };
  // The system trash through Electron works on every platform (the service's own covers Linux and macOS).
  const trash = async (file: string) => {
    await shell.trashItem(file);
    return 'the system trash';
  };
  // `tessera start --models DIR` wins over the saved models folder for this session, as `serve --models` does.
  const service = await TesseraService.start({ host: 'electron', dataDir: defaultDataDir(), modelsRoot: launchModelsRoot(process.env), trash });
  let main: MainWindow | undefined;
  main = await createMainWindow(windowOptions);
  let stopIpc = serveApiOverIpc({ handlers: desktopHandlers(service, () => main), subscribe: (tap) => service.events.onAny(tap), main });
  app.on('activate', async () => {
    // macOS: re-open the window from the dock; the service keeps running.
    if (BrowserWindow.getAllWindows().length > 0) return;
    stopIpc();
    main = await createMainWindow(windowOptions);
    stopIpc = serveApiOverIpc({ handlers: desktopHandlers(service, () => main), subscribe: (tap) => service.events.onAny(tap), main });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    stopIpc();
    void service.dispose();
  });
}

// Before `ready` (Electron requires it): app:// as a standard, secure scheme, the renderer's own origin.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
  // Any other web contents (there should be none) gets no navigation and no windows either.
  app.on('web-contents-created', (_event, contents) => contents.setWindowOpenHandler(() => ({ action: 'deny' })));
  start().catch((error: unknown) => {
    console.error('tessera: could not start:', error);
    app.exit(1);
  });
}
