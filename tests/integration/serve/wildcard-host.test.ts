// `serve --host 0.0.0.0`: a real host bound to every interface prints a URL a browser can open (one of this
// machine's addresses, never 0.0.0.0) and answers its own addresses, loopback and non-loopback, while a
// foreign Host header is still refused (DNS rebinding).
import { request as httpRequest } from 'node:http';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TesseraApiHandlers } from '../../../native-models/api/index.ts';
import { startWebHost, type WebHost } from '../../../cli/serve/web-host.ts';

/** This machine's first non-loopback IPv4 address, if it has one. */
const external = Object.values(os.networkInterfaces())
  .flat()
  .find((info) => info && info.family === 'IPv4' && !info.internal)?.address;

let scratch: string;
let host: WebHost;

function get(address: string, hostHeader?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'x-tessera-token': host.token, ...(hostHeader ? { Host: hostHeader } : {}) };
    const req = httpRequest({ host: address, port: host.port, path: '/', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-wildcard-'));
  await fs.writeFile(path.join(scratch, 'index.html'), '<!doctype html><title>t</title>');
  host = await startWebHost({ handlers: {} as TesseraApiHandlers, subscribe: () => () => {}, rendererDir: scratch, port: 0, host: '0.0.0.0' });
});

afterAll(async () => {
  await host.close();
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('web host bound to 0.0.0.0', () => {
  it('prints a URL at an address of this machine, never 0.0.0.0', () => {
    const url = new URL(host.url);
    expect(url.hostname).not.toBe('0.0.0.0');
    expect(url.hostname).toBe(external ?? '127.0.0.1');
    expect(url.searchParams.get('token')).toBe(host.token);
    expect(host.urls).toContain(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('answers a request to 127.0.0.1', async () => {
    await expect(get('127.0.0.1')).resolves.toBe(200);
  });

  it('answers a request to a non-loopback interface address', async (context) => {
    if (!external) context.skip('this machine has no non-loopback IPv4 interface; only the loopback half ran');
    await expect(get(external!)).resolves.toBe(200);
  });

  it('still refuses a foreign Host header', async () => {
    await expect(get('127.0.0.1', `evil.example:${host.port}`)).resolves.toBe(403);
    await expect(get('127.0.0.1', `0.0.0.0:${host.port}`)).resolves.toBe(403);
  });
});
