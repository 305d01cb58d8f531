// Sandboxed preload: exposes `window.tessera` (the PreloadBridge the renderer wraps into TesseraApi) and
// nothing else. The channel names come from the contract's transport-names.ts, which has no imports, so the
// bundle (build/build-electron.ts) stays a few lines and carries no zod or engine code into the sandbox.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiEventMessage, ApiResponse, PreloadBridge } from '../../native-models/api/index.ts';
import { IPC_EVENT_CHANNEL, ipcChannelOf } from '../../native-models/api/transport-names.ts';

const METHOD_NAME = /^[a-zA-Z][a-zA-Z0-9]{0,63}$/;

const bridge: PreloadBridge = {
  call(method: string, args: unknown): Promise<ApiResponse> {
    // Main validates again; this only keeps the channel name inside the contract's prefix.
    if (typeof method !== 'string' || !METHOD_NAME.test(method)) {
      return Promise.resolve({ ok: false, error: { code: 'INVALID_ARGUMENT', message: `got method "${String(method)}", expected a contract method name` } });
    }
    return ipcRenderer.invoke(ipcChannelOf(method), args) as Promise<ApiResponse>;
  },
  subscribe(listener: (message: ApiEventMessage) => void): () => void {
    const forward = (_event: IpcRendererEvent, message: ApiEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('tessera', bridge);
