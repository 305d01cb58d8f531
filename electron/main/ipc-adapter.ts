// Serves TesseraApi over Electron IPC: one handler per contract method on `tessera:<method>`, each call from a
// frame other than our window's main frame at the bundled renderer URL refused, arguments validated by
// dispatchApiCall, answers in the wire envelope; service events forwarded on the event channel.
import { ipcMain } from 'electron';
import { isTrustedSender } from './trusted-sender.ts';
import { API_METHOD_NAMES, IPC_EVENT_CHANNEL, dispatchApiCall, ipcChannelOf, toWireError, type ApiEventMessage, type ApiResponse, type TesseraApiHandlers, type Unsubscribe } from '../../native-models/api/index.ts';
import type { MainWindow } from './secure-window.ts';

export interface IpcAdapterOptions {
  handlers: TesseraApiHandlers;
  subscribe: (tap: (message: ApiEventMessage) => void) => Unsubscribe;
  main: MainWindow;
}


export function serveApiOverIpc(options: IpcAdapterOptions): () => void {
  const channels = API_METHOD_NAMES.map(ipcChannelOf);
  for (const [index, method] of API_METHOD_NAMES.entries()) {
    ipcMain.handle(channels[index]!, async (event, args: unknown): Promise<ApiResponse> => {
      if (!isTrustedSender(event, options.main)) {
        return { ok: false, error: { code: 'INVALID_ARGUMENT', message: `refused ${method}: the call did not come from the Tessera window` } };
      }
      try {
        return { ok: true, result: await dispatchApiCall(options.handlers, method, args) };
      } catch (error) {
        return { ok: false, error: toWireError(error) };
      }
    });
  }
  // Unknown channels have no handler, so ipcRenderer.invoke on them rejects; nothing else is listened to.
  const unsubscribe = options.subscribe((message) => {
    const contents = options.main.window.webContents;
    if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, message);
  });
  return () => {
    unsubscribe();
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
