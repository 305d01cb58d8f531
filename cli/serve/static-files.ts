// Serves the built renderer (dist/renderer/) read-only: known file types only, no directory listings, no
// path escapes; unknown paths fall back to index.html so client-side routes load.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
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

export async function serveStatic(res: ServerResponse, rendererDir: string, urlPath: string): Promise<void> {
  const root = path.resolve(rendererDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    decoded = '/';
  }
  let file = path.resolve(root, `.${path.posix.normalize(decoded)}`);
  if (file !== root && !file.startsWith(root + path.sep)) file = path.join(root, 'index.html');
  let stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile() || !TYPES[path.extname(file)]) {
    file = path.join(root, 'index.html');
    stat = await fs.stat(file).catch(() => undefined);
  }
  if (!stat?.isFile()) {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`The renderer is not built (${root} has no index.html). Run \`npm run build:renderer\` first.\n`);
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)]!, 'Content-Length': stat.size });
  res.end(await fs.readFile(file));
}
