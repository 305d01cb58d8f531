// Opens one HTTP(S) GET and follows redirects (model hosts redirect to CDNs); the caller reads the body.
import http from 'node:http';
import https from 'node:https';
import { TesseraError } from '../../api/errors.ts';

export interface HttpGetOptions {
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** The socket may stay silent this long (headers or body) before the request is destroyed. */
  idleTimeoutMs: number;
  maxRedirects?: number;
}

export interface HttpGetResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body; read it to the end or call `resume()` to discard it. */
  body: http.IncomingMessage;
  /** The URL that answered, after redirects. */
  url: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const USER_AGENT = 'Tessera-model-manager/0.1';

function requestOnce(url: URL, options: HttpGetOptions): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    // No Accept-Encoding: the body must arrive byte for byte as stored, so lengths and ranges mean file bytes.
    const request = transport.get(url, { headers: { 'User-Agent': USER_AGENT, ...options.headers }, signal: options.signal });
    request.setTimeout(options.idleTimeoutMs, () => {
      request.destroy(new Error(`no data from ${url.host} for ${options.idleTimeoutMs} ms`));
    });
    request.once('response', resolve);
    request.once('error', reject);
  });
}

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpGetResponse> {
  const maxRedirects = options.maxRedirects ?? 10;
  let current = new URL(url);
  for (let hop = 0; hop <= maxRedirects; hop++) {
    if (current.protocol !== 'https:' && current.protocol !== 'http:') {
      throw new TesseraError('DOWNLOAD_FAILED', `${url}: got a ${current.protocol} URL, expected http(s)`);
    }
    const response = await requestOnce(current, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (!REDIRECTS.has(status) || !location) return { status, headers: response.headers, body: response, url: current.href };
    response.resume();
    const next = new URL(location, current);
    if (current.protocol === 'https:' && next.protocol !== 'https:') {
      throw new TesseraError('DOWNLOAD_FAILED', `${url}: redirected from https to ${next.protocol}, expected https to stay https`);
    }
    current = next;
  }
  throw new TesseraError('DOWNLOAD_FAILED', `${url}: got more than ${maxRedirects} redirects, expected at most ${maxRedirects}`);
}

// Parses `Content-Range: bytes START-END/TOTAL` (TOTAL may be a star) and the star-slash-TOTAL form of 416 answers.
export function parseContentRange(value: string | undefined): { start: number | null; end: number | null; total: number | null } | undefined {
  if (!value) return undefined;
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(value.trim());
  if (!match) return undefined;
  const num = (s: string | undefined) => (s === undefined || s === '*' ? null : Number(s));
  return { start: num(match[1]), end: num(match[2]), total: num(match[3]) };
}

export function contentLength(headers: http.IncomingHttpHeaders): number | null {
  const value = headers['content-length'];
  if (value === undefined || !/^\d+$/.test(value)) return null;
  return Number(value);
}
