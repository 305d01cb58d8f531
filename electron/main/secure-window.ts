// The one hardened window: context isolation, sandbox, no Node in the page, the CSP on every response, no
// navigation (top frame or subframe), no new windows, no permissions, no DevTools in a packaged app, and only
// the bundled renderer ever loaded, from app:// (app-protocol.ts).
import { BrowserWindow, session, type WebContents } from 'electron';
import { contentSecurityPolicy } from '../../native-models/api/content-security-policy.ts';
import { RENDERER_URL } from './app-protocol.ts';

/** The same policy as the web host's and the one in index.html's <meta>. */
export const RENDERER_CSP = contentSecurityPolicy('header');

let headersInstalled = false;

function installSessionPolicy(): void {
  if (headersInstalled) return;
  headersInstalled = true;
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP], 'X-Content-Type-Options': ['nosniff'] } });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

function lockNavigation(contents: WebContents, allowedUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== allowedUrl) event.preventDefault();
  });
  // will-navigate sees only the top frame; this sees every frame (the renderer has none, so none may navigate).
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame || event.url !== allowedUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export interface MainWindow {
  window: BrowserWindow;
  /** The exact URL of the bundled renderer; IPC accepts calls only from a main frame at this URL. */
  rendererUrl: string;
}

export interface MainWindowOptions {
  preloadFile: string;
  /** `!app.isPackaged`: DevTools for development runs only. */
  devTools: boolean;
}

/** Needs the app:// handler installed (main.ts) before it is called. */
export async function createMainWindow({ preloadFile, devTools }: MainWindowOptions): Promise<MainWindow> {
  installSessionPolicy();
  const rendererUrl = RENDERER_URL;
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#15171c',
    title: 'Tessera',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools,
    },
  });
  lockNavigation(window.webContents, rendererUrl);
  window.once('ready-to-show', () => window.show());
  await window.loadURL(rendererUrl);
  return { window, rendererUrl };
}
