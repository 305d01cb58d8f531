// The app:// scheme the window loads the renderer from, instead of file:// (which would make every local file
// same-origin with the page): app://tessera/ is a standard, secure origin of its own whose handler serves only
// files inside the renderer build, judged by real path with the web host's rule (resolveRendererFile), each
// with the renderer's CSP header. Free of runtime Electron imports so it is unit-tested without the binary.
import fs from 'node:fs/promises';
import type { CustomScheme } from 'electron';
import { contentSecurityPolicy } from '../../native-models/api/content-security-policy.ts';
import { resolveRendererFile, type RendererFileOptions } from '../../native-models/service/renderer-files.ts';

export const APP_SCHEME = 'app';
const APP_HOST = 'tessera';
/** The one URL the window shows; IPC trusts only a top frame at exactly this URL. */
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before `ready`: standard (an origin, relative URLs) and secure. */
export const APP_SCHEME_PRIVILEGES: CustomScheme = { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } };

const CSP = contentSecurityPolicy('header');

function refuse(status: number, reason: string): Response {
  return new Response(`${status}: ${reason}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
}

/** The protocol.handle handler for app://: files of `rendererDir` only; anything else is a 404. */
export function createAppProtocolHandler(rendererDir: string, options: RendererFileOptions = {}): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, `got ${url.protocol}//${url.host}, expected ${APP_SCHEME}://${APP_HOST}`);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, `got ${request.method}, expected GET`);
    const found = await resolveRendererFile(rendererDir, url.pathname, options);
    if (found.kind === 'refused') return refuse(404, found.reason);
    if (found.kind === 'missing') return refuse(404, `${url.pathname} is not part of the renderer build`);
    const body = request.method === 'HEAD' ? null : await fs.readFile(found.file);
    return new Response(body, {
      status: 200,
      headers: { 'Content-Type': found.contentType, 'Content-Length': String(found.size), 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff' },
    });
  };
}
