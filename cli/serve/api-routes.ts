// POST /api/<method>: JSON arguments in, `{ ok, result | error }` out. Every body is validated against the
// contract by dispatchApiCall before the service sees it.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_API_PREFIX, TesseraError, dispatchApiCall, toWireError, type ApiResponse, type TesseraApiHandlers } from '../../native-models/api/index.ts';
import { isJsonMediaType } from './media-type.ts';

/** Above any request the contract allows (images are capped at 64 MiB of base64 each; two per request). */
const MAX_BODY_BYTES = 160 * 1024 * 1024;

const STATUS: Partial<Record<string, number>> = { INVALID_ARGUMENT: 400, MODEL_NOT_FOUND: 404, UNSUPPORTED: 501, INTERNAL: 500 };

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new TesseraError('INVALID_ARGUMENT', `request body: got more than ${MAX_BODY_BYTES} bytes, expected less`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new TesseraError('INVALID_ARGUMENT', `request body: got invalid JSON (${(error as Error).message}), expected the method's arguments as JSON`);
  }
}

function send(res: ServerResponse, status: number, body: ApiResponse): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function isApiPath(pathname: string): boolean {
  return pathname.startsWith(HTTP_API_PREFIX);
}

export async function handleApiRequest(req: IncomingMessage, res: ServerResponse, pathname: string, handlers: TesseraApiHandlers): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    send(res, 405, { ok: false, error: { code: 'INVALID_ARGUMENT', message: `got ${req.method}, expected POST ${HTTP_API_PREFIX}<method>` } });
    return;
  }
  // Only JSON bodies: a cross-site form post (text/plain) never reaches a handler even if it guessed the token.
  const type = req.headers['content-type'] ?? '';
  if (!isJsonMediaType(type)) {
    send(res, 415, { ok: false, error: { code: 'INVALID_ARGUMENT', message: `got Content-Type "${type.slice(0, 120)}", expected application/json (optionally ; charset=utf-8)` } });
    return;
  }
  try {
    const args = await readJson(req);
    const result = await dispatchApiCall(handlers, pathname.slice(HTTP_API_PREFIX.length), args);
    send(res, 200, { ok: true, result });
  } catch (error) {
    const wire = toWireError(error);
    if (wire.code === 'INTERNAL') console.error('tessera serve: internal error:', error);
    send(res, STATUS[wire.code] ?? 422, { ok: false, error: wire });
  }
}
