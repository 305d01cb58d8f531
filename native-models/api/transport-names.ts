// The one place that spells transport names: Electron IPC channels, web host routes, token carriers.
// Plain constants (no imports), so the renderer's web client and Electron main can both use them.

/** Every IPC channel starts with this; main handles `tessera:<method>` and sends events on `tessera:event`. */
export const IPC_CHANNEL_PREFIX = 'tessera:';
export const IPC_EVENT_CHANNEL = `${IPC_CHANNEL_PREFIX}event`;

export function ipcChannelOf(method: string): string {
  return `${IPC_CHANNEL_PREFIX}${method}`;
}

/** Web host: `POST /api/<method>` with the JSON arguments; events on the WebSocket at EVENTS_SOCKET_PATH. */
export const HTTP_API_PREFIX = '/api/';
export const EVENTS_SOCKET_PATH = '/api/events';

/** The session token travels as `?token=` in the printed URL, then as a cookie (or this header for scripts). */
export const TOKEN_QUERY_PARAM = 'token';
export const TOKEN_HEADER = 'x-tessera-token';
/** Cookies ignore ports, so the name carries it: two hosts on one machine never overwrite each other's token. */
export function tokenCookieName(port: number): string {
  return `tessera_token_${port}`;
}
