// `--port N`: 0 (any free port) to 65535.
import { CliUsageError } from '../usage-error.ts';

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new CliUsageError(`--port: got "${text}", expected an integer from 0 to 65535`);
  return port;
}
