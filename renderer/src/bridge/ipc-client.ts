// The Electron transport: the preload's `window.tessera` bridge (contextBridge), wrapped into TesseraApi.
import type { PreloadBridge, TesseraApi } from '../../../native-models/api/index.ts';
import { createProxyClient } from './proxy-client.ts';

export function preloadBridge(): PreloadBridge | undefined {
  return (globalThis as { tessera?: PreloadBridge }).tessera;
}

export function createIpcClient(bridge: PreloadBridge): TesseraApi {
  return createProxyClient({ call: (method, args) => bridge.call(method, args), subscribe: (listener) => bridge.subscribe(listener) });
}
