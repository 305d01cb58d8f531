// Sandboxed preload: exposes `window.tessera` (the PreloadBridge the renderer wraps into TesseraApi) and
// nothing else. It knows no channel names: main passes the prefix on the command line (IPC_PREFIX_SWITCH).
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventMessage, ApiResponse, PreloadBridge } from '../../native-models/api/index.ts';

const SWITCH = '--tessera-ipc-prefix=';

function channelPrefix(): string {
  const arg = process.argv.find((a) => a.startsWith(SWITCH));
  if (!arg) throw new Error('tessera preload: main did not pass the IPC channel prefix');
  return arg.slice(SWITCH.length);
}

const prefix = channelPrefix();
const METHOD_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/;

const bridge: PreloadBridge = {
  call(method: string, args: unknown): Promise<ApiResponse> {
    // Main validates again; this only keeps the channel name inside the prefix.
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      return Promise.resolve({ ok: false, error: { code: 'INVALID_ARGUMENT', message: `got method "${String(method)}", expected a contract method name` } });
    }
    return ipcRenderer.invoke(`${prefix}${method}`, args) as Promise<ApiResponse>;
  },
  subscribe(listener: (message: ApiEventMessage) => void): () => void {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message);
    ipcRenderer.on(`${prefix}event`, forward);
    return () => {
      ipcRenderer.removeListener(`${prefix}event`, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tessera', bridge);
