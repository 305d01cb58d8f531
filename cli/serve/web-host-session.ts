// The web host's last session, kept in the data folder as web-host.json (mode 0600: the token opens the
// studio): its port and token, so a restarted `tessera serve` answers at the same URL and an open page can
// reconnect. `--new-token` replaces the token; a file this version cannot read is set aside and replaced.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { AtomicJsonFile } from '../../native-models/service/atomic-json-file.ts';

export const WEB_HOST_SESSION_FILE = 'web-host.json';

const WebHostSessionSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  token: z.string().regex(/^[A-Za-z0-9_-]{32,128}$/),
});
export type WebHostSession = z.infer<typeof WebHostSessionSchema>;

/** 32 random bytes, base64url: the session token of a new session. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function webHostSessionFile(dataDir: string): AtomicJsonFile<WebHostSession> {
  return new AtomicJsonFile(path.join(dataDir, WEB_HOST_SESSION_FILE), WebHostSessionSchema, 0o600);
}
