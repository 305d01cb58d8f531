// What Electron's preload exposes on `window.tessera` (types only: the preload and the renderer's IPC client
// both `import type` it). Responses keep the wire envelope so error codes survive the context bridge.
import type { ApiEventMessage, ApiResponse } from './api-dispatch.ts';

export interface PreloadBridge {
  /** Calls one contract method; main validates the arguments and answers with the envelope. */
  call(method: string, args: unknown): Promise<ApiResponse>;
  /** Receives every event the service emits; returns the unsubscribe function. */
  subscribe(listener: (message: ApiEventMessage) => void): () => void;
}
