// Turns a Redis URL (`redis://[user:password@]host[:port][/db]`, `rediss://` for TLS) into ioredis options for the
// distributed batch: reconnect forever with a capped backoff, and commands that wait out a Redis restart.

import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { RedisOptions } from 'ioredis';
import { TesseraError } from '../../api/errors.ts';

export interface RedisConnectionSettings {
  /** `redis://…` or `rediss://…` (TLS). */
  url: string;
  /** Replaces a password in the URL, so that it need not appear in a process list (CLI: TESSERA_REDIS_PASSWORD). */
  password?: string;
  /** PEM file of the CA that signed a `rediss://` server's certificate, when not a public one (CLI: TESSERA_REDIS_CA). */
  caFile?: string;
}

/**
 * `wait`: queues, workers and followers — commands wait for a reconnect however long Redis is away (BullMQ
 * workers require maxRetriesPerRequest null). `probe`: one-shot reads (`batch status`) that fail fast instead.
 */
export type RedisRole = 'wait' | 'probe';

export function redisSettings(value: string | RedisConnectionSettings): RedisConnectionSettings {
  return typeof value === 'string' ? { url: value } : value;
}

/** The URL without its password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable Redis URL)';
  }
}

/** ioredis options whose retry strategy also fits BullMQ's connection type (which does not admit a null strategy). */
export type RedisClientOptions = Omit<RedisOptions, 'retryStrategy'> & { retryStrategy: (times: number) => number | null };

export function redisOptions(value: string | RedisConnectionSettings, role: RedisRole = 'wait'): RedisClientOptions {
  const settings = redisSettings(value);
  let url: URL;
  try {
    url = new URL(settings.url);
  } catch {
    throw new TesseraError('INVALID_ARGUMENT', `Redis URL: got "${redactRedisUrl(settings.url)}", expected redis://[user:password@]host[:port][/db] or rediss://…`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new TesseraError('INVALID_ARGUMENT', `Redis URL: got scheme "${url.protocol}", expected redis: or rediss: (TLS)`);
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (host === '') throw new TesseraError('INVALID_ARGUMENT', `Redis URL: got no host in "${redactRedisUrl(settings.url)}", expected redis://host[:port]`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new TesseraError('INVALID_ARGUMENT', `Redis URL: got database "${dbText}", expected a number such as /0`);
  const options: RedisClientOptions = {
    host,
    port,
    db,
    username: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: settings.password ?? (url.password === '' ? undefined : decodeURIComponent(url.password)),
    connectTimeout: 10_000,
    // Waiting out a restart is the point for queues and workers; a status probe should answer quickly instead.
    maxRetriesPerRequest: role === 'wait' ? null : 1,
    retryStrategy: role === 'wait' ? (times) => Math.min(200 * times, 2_000) : (times) => (times > 3 ? null : 200 * times),
  };
  if (url.protocol === 'rediss:') {
    options.tls = {
      // SNI needs a host name; an address is checked against the certificate's IP entries instead.
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(settings.caFile ? { ca: readCa(settings.caFile) } : {}),
    };
  }
  return options;
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TesseraError('INVALID_ARGUMENT', `Redis CA file ${file}: cannot read it (${code ?? String(error)}), expected a PEM file`);
  }
}
