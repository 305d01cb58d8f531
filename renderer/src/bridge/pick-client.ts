// Chooses the transport once at start-up: Electron's preload bridge when present, else the web host that
// served this page. The rest of the renderer only ever sees TesseraApi and the connection state.
import type { TesseraApi } from '../../../native-models/api/index.ts';
import { ConnectionStatus } from './connection-status.ts';
import { createIpcClient, preloadBridge } from './ipc-client.ts';
import { createWebClient } from './web-client.ts';

export function pickClient(origin: string): { api: TesseraApi; connection: ConnectionStatus } {
  const bridge = preloadBridge();
  if (bridge) return { api: createIpcClient(bridge), connection: new ConnectionStatus('connected') };
  const connection = new ConnectionStatus();
  return { api: createWebClient({ baseUrl: origin, connection }), connection };
}
