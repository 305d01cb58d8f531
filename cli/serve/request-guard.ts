// Who may talk to the web host: requests carrying the session token (query, header or cookie) whose Host and
// Origin name this host. Guards against other local pages (no token) and DNS rebinding (foreign Host).
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_HEADER, TOKEN_QUERY_PARAM, tokenCookieName } from '../../native-models/api/index.ts';

export interface GuardConfig {
  token: string;
  port: number;
  /** The hosts (no port) this server answers as: servedAddresses(--host).acceptedHosts. */
  hosts: readonly string[];
}

export type GuardVerdict = { ok: true; tokenFromQuery: boolean } | { ok: false; reason: string };

function sameToken(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** host:port spellings that mean this server. */
export function allowedHosts(config: GuardConfig): Set<string> {
  return new Set(config.hosts.map((h) => `${h}:${config.port}`.toLowerCase()));
}

export function checkRequest(req: IncomingMessage, config: GuardConfig): GuardVerdict {
  const hosts = allowedHosts(config);
  const host = (req.headers.host ?? '').toLowerCase();
  if (!hosts.has(host)) return { ok: false, reason: `got Host "${host}", expected one of ${[...hosts].join(', ')}` };
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let originHost: string;
    try {
      const url = new URL(origin);
      originHost = url.protocol === 'http:' ? url.host.toLowerCase() : '';
    } catch {
      originHost = '';
    }
    if (!hosts.has(originHost)) return { ok: false, reason: `got Origin "${origin}", expected this host's own page` };
  }
  const url = new URL(req.url ?? '/', 'http://host.invalid');
  const fromQuery = url.searchParams.get(TOKEN_QUERY_PARAM) ?? undefined;
  const header = req.headers[TOKEN_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  const fromCookie = cookieValue(req.headers.cookie, tokenCookieName(config.port));
  if (sameToken(fromQuery, config.token)) return { ok: true, tokenFromQuery: true };
  if (sameToken(fromHeader, config.token) || sameToken(fromCookie, config.token)) return { ok: true, tokenFromQuery: false };
  return { ok: false, reason: 'missing or wrong session token: open the URL that `tessera serve` printed' };
}

/** Set once the printed URL is opened, so the page's own requests and WebSocket carry the token. */
export function tokenCookie(config: GuardConfig): string {
  return `${tokenCookieName(config.port)}=${config.token}; Path=/; HttpOnly; SameSite=Strict`;
}
