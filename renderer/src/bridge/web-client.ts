// The web host transport: POST /api/<method> with JSON, events from one WebSocket (reconnected when it drops;
// the socket's state is the page's connection state). In the browser the session token rides in the cookie the
// printed URL set; scripts and tests pass it.
import { EVENTS_SOCKET_PATH, HTTP_API_PREFIX, TOKEN_HEADER, TOKEN_QUERY_PARAM } from '../../../native-models/api/transport-names.ts';
import type { ApiEventMessage, ApiResponse, TesseraApi } from '../../../native-models/api/index.ts';
import type { ConnectionStatus } from './connection-status.ts';
import { createProxyClient, type Transport } from './proxy-client.ts';

/** The part of the WebSocket API used here (the browser's, or the `ws` package's in Node tests). */
export interface EventSocket {
  onopen: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
  close(): void;
}

export interface WebClientOptions {
  /** e.g. `http://127.0.0.1:5170`; default the page's own origin. */
  baseUrl: string;
  token?: string;
  openSocket?: (url: string) => EventSocket;
  fetch?: (url: string, init: { method: string; headers: Record<string, string>; body: string; credentials: 'same-origin' }) => Promise<{ status: number; json(): Promise<unknown> }>;
  /** Delay before reconnecting the event socket (ms). */
  reconnectMs?: number;
  /** Told when the event socket opens and drops (a failed call marks it dropped too). */
  connection?: ConnectionStatus;
}

function defaultSocket(url: string): EventSocket {
  const Socket = (globalThis as unknown as { WebSocket: new (url: string) => EventSocket }).WebSocket;
  return new Socket(url);
}

function isResponse(value: unknown): value is ApiResponse {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/** The answer to a call whose request never got an HTTP response (host stopped, restarting, network gone). */
export function unreachableResponse(base: string, method: string, error: unknown): ApiResponse {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    ok: false,
    error: { code: 'IO_ERROR', message: `got no answer from the Tessera host at ${base} for ${method} (${reason}), expected a running host: it stopped or is restarting; the page reconnects by itself when it is back, then try again` },
  };
}

export function webTransport(options: WebClientOptions): Transport {
  const base = options.baseUrl.replace(/\/$/, '');
  const doFetch = options.fetch ?? (globalThis.fetch as unknown as NonNullable<WebClientOptions['fetch']>);
  const open = options.openSocket ?? defaultSocket;
  return {
    async call(method, args) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json' };
      if (options.token) headers[TOKEN_HEADER] = options.token;
      let response: Awaited<ReturnType<NonNullable<WebClientOptions['fetch']>>>;
      try {
        response = await doFetch(`${base}${HTTP_API_PREFIX}${encodeURIComponent(method)}`, { method: 'POST', headers, body: JSON.stringify(args), credentials: 'same-origin' });
      } catch (error) {
        // fetch rejects only when no HTTP answer came. The connection state stays the socket's: it drops at once
        // when the host stops, and its retries say when the host is back.
        return unreachableResponse(base, method, error);
      }
      const body = await response.json().catch(() => undefined);
      if (isResponse(body)) return body;
      return { ok: false, error: { code: 'INTERNAL', message: `the web host answered ${response.status} without a contract response` } };
    },
    subscribe(listener) {
      let socket: EventSocket | undefined;
      let stopped = false;
      const wsBase = base.replace(/^http/, 'ws');
      const url = `${wsBase}${EVENTS_SOCKET_PATH}${options.token ? `?${TOKEN_QUERY_PARAM}=${encodeURIComponent(options.token)}` : ''}`;
      const connect = () => {
        socket = open(url);
        socket.onopen = () => options.connection?.set('connected');
        socket.onmessage = (event) => {
          if (typeof event.data !== 'string') return;
          listener(JSON.parse(event.data) as ApiEventMessage);
        };
        socket.onclose = () => {
          if (stopped) return;
          options.connection?.set('reconnecting');
          setTimeout(connect, options.reconnectMs ?? 1000);
        };
      };
      connect();
      return () => {
        stopped = true;
        socket?.close();
      };
    },
  };
}

export function createWebClient(options: WebClientOptions): TesseraApi {
  return createProxyClient(webTransport(options));
}
