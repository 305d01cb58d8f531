// The local web host: node:http serving the renderer build and TesseraApi (POST /api/<method> + an event
// WebSocket) to pages that carry the session token. Loopback by default.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENTS_SOCKET_PATH, TOKEN_QUERY_PARAM, type ApiEventMessage, type TesseraApiHandlers, type Unsubscribe } from '../../native-models/api/index.ts';
import { handleApiRequest, isApiPath } from './api-routes.ts';
import { EventSocketServer, refuseUpgrade } from './event-socket.ts';
import { checkRequest, tokenCookie, type GuardConfig } from './request-guard.ts';
import { applySecurityHeaders } from './security-headers.ts';
import { servedAddresses } from './served-addresses.ts';
import { serveStatic } from './static-files.ts';

export interface WebHostOptions {
  handlers: TesseraApiHandlers;
  /** Where the service's events come from (TesseraService.events.onAny). */
  subscribe: (tap: (message: ApiEventMessage) => void) => Unsubscribe;
  rendererDir: string;
  /** 0 = any free port. */
  port: number;
  host: string;
  /** Default: 32 random bytes, base64url. */
  token?: string;
  /** Serve the build's *.map files (`serve --dev`, for a development build); never by default. */
  allowSourceMaps?: boolean;
}

export interface WebHost {
  /** The URL to open (token included): for a wildcard --host, at one of this machine's addresses. */
  url: string;
  /** Every URL it can be opened at, `url` first (more than one only for a wildcard --host). */
  urls: string[];
  port: number;
  token: string;
  close(): Promise<void>;
}

function forbid(res: http.ServerResponse, reason: string): void {
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(`403 Forbidden: ${reason}\n`);
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(32).toString('base64url');
  const sockets = new EventSocketServer();
  const addresses = servedAddresses(options.host);
  const guard: GuardConfig = { token, port: 0, hosts: addresses.acceptedHosts };

  const server = http.createServer((req, res) => {
    const verdict = checkRequest(req, guard);
    applySecurityHeaders(res);
    if (!verdict.ok) return forbid(res, verdict.reason);
    const url = new URL(req.url ?? '/', 'http://host.invalid');
    if (verdict.tokenFromQuery) {
      res.setHeader('Set-Cookie', tokenCookie(guard));
      // Drop the token from the address bar (and history) once the cookie carries it.
      if (req.method === 'GET' && !isApiPath(url.pathname)) {
        url.searchParams.delete(TOKEN_QUERY_PARAM);
        res.writeHead(303, { Location: `${url.pathname}${url.search}` });
        res.end();
        return;
      }
    }
    const work = isApiPath(url.pathname)
      ? handleApiRequest(req, res, url.pathname, options.handlers)
      : req.method === 'GET' || req.method === 'HEAD'
        ? serveStatic(res, options.rendererDir, url.pathname, { allowSourceMaps: options.allowSourceMaps === true })
        : Promise.resolve(forbid(res, `got ${req.method}, expected GET for files`));
    work.catch((error: unknown) => {
      console.error('tessera serve: request failed:', error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const verdict = checkRequest(req, guard);
    if (!verdict.ok) return refuseUpgrade(socket, 403, verdict.reason);
    if (new URL(req.url ?? '/', 'http://host.invalid').pathname !== EVENTS_SOCKET_PATH) return refuseUpgrade(socket, 404, `expected ${EVENTS_SOCKET_PATH}`);
    sockets.accept(req, socket, head);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  guard.port = (server.address() as AddressInfo).port;
  const unsubscribe = options.subscribe((message) => sockets.broadcast(message));
  const urls = addresses.urlHosts.map((h) => `http://${h}:${guard.port}/?${TOKEN_QUERY_PARAM}=${token}`);
  return {
    url: urls[0]!,
    urls,
    port: guard.port,
    token,
    close: async () => {
      unsubscribe();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
