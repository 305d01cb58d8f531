// `tessera serve`: the local web host — the studio in a browser, TesseraApi over HTTP + WebSocket, loopback
// and token-protected. It reuses the last port and token (kept in the data folder; `--new-token` rotates the
// token). `--host` binds elsewhere (with a warning); `--port 0` picks a free port; `--data DIR`
// keeps the queue, gallery and settings there; `--dev` serves the source maps of a development build.
import { parseArgs } from 'node:util';
import { parsePort } from '../serve/parse-port.ts';
import { runWebHost } from '../serve/run-web-host.ts';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, models: { type: 'string' }, data: { type: 'string' }, 'no-open': { type: 'boolean' }, dev: { type: 'boolean' }, 'new-token': { type: 'boolean' } },
    allowPositionals: false,
  });
  return runWebHost({
    ...(values.port !== undefined ? { port: parsePort(values.port) } : {}),
    newToken: values['new-token'] === true,
    host: values.host ?? '127.0.0.1',
    ...(values.models ? { modelsRoot: values.models } : {}),
    ...(values.data ? { dataDir: values.data } : {}),
    open: !values['no-open'],
    dev: values.dev === true,
  });
}
