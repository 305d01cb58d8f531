// Chooses the transport once at start-up: Electron's preload bridge when present, else the web host that
// served this page. The rest of the renderer only ever sees TesseraApi.
import type { TesseraApi } from '../../../native-models/api/index.ts';
import { createIpcClient, preloadBridge } from './ipc-client.ts';
import { createWebClient } from './web-client.ts';

export function pickClient(origin: string): TesseraApi {
  const bridge = preloadBridge();
  return bridge ? createIpcClient(bridge) : createWebClient({ baseUrl: origin });
}
