// The API's Content-Type rule over real HTTP: exactly application/json (any case, a UTF-8 charset allowed),
// never a type that merely starts with it. A call that passes the rule reaches dispatch, which answers an
// unknown method with 400; one that fails it is answered 415 before the body is read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TesseraApiHandlers } from '../../../native-models/api/index.ts';
import { startWebHost, type WebHost } from '../../../cli/serve/web-host.ts';
import { parseMediaType } from '../../../cli/serve/media-type.ts';

let host: WebHost;

async function post(contentType: string): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${host.port}/api/noSuchMethod`, { method: 'POST', headers: { 'x-tessera-token': host.token, 'Content-Type': contentType }, body: '{}' });
  await response.text();
  return response.status;
}

beforeAll(async () => {
  host = await startWebHost({ handlers: {} as TesseraApiHandlers, subscribe: () => () => {}, rendererDir: '/nonexistent', port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await host.close();
});

describe('API Content-Type', () => {
  it.each(['application/jsonfoo', 'application/json-seq', 'application/json+x', 'application/json/x', 'application/json, text/plain', 'text/plain', 'application/json; charset=latin1', 'application/json; charset', 'xapplication/json'])(
    'refuses %s with 415',
    async (type) => {
      await expect(post(type)).resolves.toBe(415);
    },
  );

  it.each(['application/json', 'Application/JSON', 'application/json; charset=utf-8', 'application/json;charset="UTF-8"', ' application/json ; charset=utf-8 '])('accepts %s', async (type) => {
    await expect(post(type)).resolves.toBe(400);
  });

  it('parses parameters with quoted values', () => {
    const media = parseMediaType('Text/HTML; Charset="a\\"b"; q=1');
    expect(media).toEqual({ type: 'text', subtype: 'html', parameters: new Map([['charset', 'a"b'], ['q', '1']]) });
  });
});
