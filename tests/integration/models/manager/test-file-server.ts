// A loopback HTTP server for the model-manager tests: serves files from memory and misbehaves on demand
// (drops a connection mid-file, ignores Range, stalls, redirects) while recording each request's Range header.
import { createHash } from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  path: string;
  range: string | undefined;
  ifRange: string | undefined;
  status: number;
}

export class TestFileServer {
  readonly requests: RecordedRequest[] = [];
  /** Answer 200 with the whole file whatever the Range header says (a server without range support). */
  ignoreRange = false;
  /** url path → body bytes: every answer for that path sends that many bytes, then closes the connection. */
  readonly dropAlways = new Map<string, number>();
  /** url path → body bytes: the next answer sends that many bytes, then stalls until `dropStalled()` or the client leaves. */
  readonly stallOnce = new Map<string, number>();
  /** Like `stallOnce`, for every answer. */
  readonly stallAlways = new Map<string, number>();
  private readonly stalled = new Set<http.ServerResponse>();
  /** Send a strong ETag (sha256 of the body) and honour If-Range with it. */
  etags = false;
  /** url path → target url path: answered with a 302. */
  readonly redirects = new Map<string, string>();
  private readonly files = new Map<string, Buffer>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  baseUrl = '';

  addFile(urlPath: string, body: Buffer): void {
    this.files.set(urlPath, body);
  }

  /** Serves every file under `dir` at `/<prefix>/<path relative to dir>`; returns the relative paths. */
  async addFolder(dir: string, prefix: string): Promise<string[]> {
    const rels: string[] = [];
    for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      const rel = path.relative(dir, full).split(path.sep).join('/');
      this.addFile(`/${prefix}/${rel}`, await fs.readFile(full));
      rels.push(rel);
    }
    return rels.sort();
  }

  fileBytes(urlPath: string): Buffer {
    const body = this.files.get(urlPath);
    if (!body) throw new Error(`test server has no ${urlPath}`);
    return body;
  }

  requestsFor(urlPath: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === urlPath);
  }

  /**
   * Drops every stalled connection. Tests call it from the client's progress callback, i.e. once bytes are on
   * the client's disk, so the resume offset is known to be > 0 whatever the timing (a server that drops on its own
   * cannot know how much the client had read: bytes buffered but unread when a connection dies are lost).
   */
  dropStalled(): void {
    for (const res of this.stalled) res.socket?.destroy();
    this.stalled.clear();
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const range = req.headers.range;
    const ifRangeHeader = req.headers['if-range'];
    const ifRange = typeof ifRangeHeader === 'string' ? ifRangeHeader : undefined;
    const record = (status: number) => this.requests.push({ path: urlPath, range, ifRange, status });
    const redirect = this.redirects.get(urlPath);
    if (redirect) {
      record(302);
      res.writeHead(302, { Location: redirect }).end();
      return;
    }
    const body = this.files.get(urlPath);
    if (!body) {
      record(404);
      res.writeHead(404).end('not found');
      return;
    }
    let start = 0;
    const etag = `"${createHash('sha256').update(body).digest('hex')}"`;
    const rangeValid = !this.ignoreRange && (ifRange === undefined || (this.etags && ifRange === etag));
    const match = range && rangeValid ? /^bytes=(\d+)-$/.exec(range) : null;
    if (match) start = Number(match[1]);
    if (start >= body.length && match) {
      record(416);
      res.writeHead(416, { 'Content-Range': `bytes */${body.length}` }).end();
      return;
    }
    const status = match ? 206 : 200;
    record(status);
    const slice = body.subarray(start);
    res.writeHead(status, {
      'Content-Length': slice.length,
      'Content-Type': 'application/octet-stream',
      'Accept-Ranges': this.ignoreRange ? 'none' : 'bytes',
      ...(this.etags ? { ETag: etag } : {}),
      ...(status === 206 ? { 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    const drop = this.dropAlways.get(urlPath);
    const stall = this.stallOnce.get(urlPath) ?? this.stallAlways.get(urlPath);
    if (drop !== undefined) {
      res.write(slice.subarray(0, drop), () => req.socket.end());
    } else if (stall !== undefined) {
      this.stallOnce.delete(urlPath);
      this.stalled.add(res);
      res.write(slice.subarray(0, stall));
    } else {
      res.end(slice);
    }
  }
}
