// Serves the built renderer (dist/renderer/) read-only: known file types only, no directory listings, nothing
// whose real path is outside the folder (resolveRendererFile); unknown paths fall back to index.html so
// client-side routes load.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ServerResponse } from 'node:http';
import { resolveRendererFile, type RendererFileOptions } from '../../native-models/service/renderer-files.ts';

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

export async function serveStatic(res: ServerResponse, rendererDir: string, urlPath: string, options: RendererFileOptions = {}): Promise<void> {
  let found = await resolveRendererFile(rendererDir, urlPath, options);
  if (found.kind === 'refused') return sendText(res, 404, `404 Not Found: ${found.reason}\n`);
  if (found.kind === 'missing') found = await resolveRendererFile(rendererDir, '/index.html');
  if (found.kind !== 'file') {
    const reason = found.kind === 'refused' ? ` (${found.reason})` : '';
    return sendText(res, 503, `The renderer is not built (${path.resolve(rendererDir)} has no index.html${reason}). Run \`npm run build:renderer\` first.\n`);
  }
  res.writeHead(200, { 'Content-Type': found.contentType, 'Content-Length': found.size });
  res.end(await fs.readFile(found.file));
}
