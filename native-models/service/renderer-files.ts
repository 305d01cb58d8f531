// Which file of the renderer build a URL path names: the one confinement rule of both hosts (the web host's
// static files, Electron's app:// scheme). Decided on real paths, so neither `..` nor a symlink leaves the folder.
import fs from 'node:fs/promises';
import path from 'node:path';

/** The file types the renderer build contains; anything else is never served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface RendererFileOptions {
  /** Serve `*.map` (a development host only: production builds have none and never hand out sources). */
  allowSourceMaps?: boolean;
}

export type RendererFile =
  | { kind: 'file'; /** The real path, inside the folder. */ file: string; contentType: string; size: number }
  /** Nothing there (or a folder): the hosts answer with index.html so client-side routes load. */
  | { kind: 'missing' }
  /** Something there that is not served; `reason` says why (for logs and the 404 text, never file contents). */
  | { kind: 'refused'; reason: string };

function contentTypeOf(file: string): string | undefined {
  const ext = path.extname(file).toLowerCase();
  return Object.hasOwn(CONTENT_TYPES, ext) ? CONTENT_TYPES[ext] : undefined;
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Maps `urlPath` (percent-encoded, as in the request line) to a file inside `rootDir`, judged by real paths. */
export async function resolveRendererFile(rootDir: string, urlPath: string, options: RendererFileOptions = {}): Promise<RendererFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refused', reason: `got a malformed URL path "${urlPath.slice(0, 120)}", expected percent-encoded UTF-8` };
  }
  if (decoded.includes('\0')) return { kind: 'refused', reason: 'got a NUL byte in the URL path, expected a file name' };
  const root = await fs.realpath(path.resolve(rootDir)).catch(() => undefined);
  if (!root) return { kind: 'missing' };
  const lexical = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  if (!isInside(root, lexical)) return { kind: 'missing' };
  // The real path decides: a symlink inside the build that points outside it is not part of the build.
  const real = await fs.realpath(lexical).catch(() => undefined);
  if (!real) return { kind: 'missing' };
  if (!isInside(root, real)) return { kind: 'refused', reason: `${decoded} leads outside the renderer folder` };
  const stat = await fs.stat(real).catch(() => undefined);
  if (!stat?.isFile()) return { kind: 'missing' };
  const contentType = contentTypeOf(real);
  if (!contentType) return { kind: 'refused', reason: `${decoded} is not a renderer file type` };
  if (path.extname(real).toLowerCase() === '.map' && !options.allowSourceMaps) {
    return { kind: 'refused', reason: `${decoded} is a source map, served only by a development host (tessera serve --dev)` };
  }
  return { kind: 'file', file: real, contentType, size: stat.size };
}
