// Redis URL → ioredis options: passwords (URL-encoded, or from the environment setting), database, TLS for rediss://.
import { describe, expect, it } from 'vitest';
import { redactRedisUrl, redisOptions } from '../../../../native-models/batch/distributed/redis-connection.ts';

describe('redisOptions', () => {
  it('reads host, port, database and a URL-encoded user and password', () => {
    const o = redisOptions('redis://render:p%40ss%3Aw%20rd@queue.lan:6380/3');
    expect(o).toMatchObject({ host: 'queue.lan', port: 6380, db: 3, username: 'render', password: 'p@ss:w rd' });
    expect(o.tls).toBeUndefined();
  });

  it('defaults to port 6379, database 0, no credentials', () => {
    expect(redisOptions('redis://127.0.0.1')).toMatchObject({ host: '127.0.0.1', port: 6379, db: 0, username: undefined, password: undefined });
  });

  it('a password given beside the URL replaces the one inside it', () => {
    expect(redisOptions({ url: 'redis://:old@h:1', password: 'from-env' }).password).toBe('from-env');
  });

  it('rediss:// turns TLS on, with SNI for host names but not for addresses', () => {
    expect(redisOptions('rediss://:secret@redis.example.com:6390').tls).toEqual({ servername: 'redis.example.com' });
    expect(redisOptions('rediss://10.0.0.5').tls).toEqual({});
    expect(redisOptions('rediss://[::1]:6390')).toMatchObject({ host: '::1', port: 6390, tls: {} });
  });

  it('waits out a restart for queues and workers, fails fast for a status probe', () => {
    const wait = redisOptions('redis://h');
    expect(wait.maxRetriesPerRequest).toBeNull();
    expect([1, 5, 100].map((n) => wait.retryStrategy(n))).toEqual([200, 1000, 2000]); // 200 ms × attempt, capped at 2 s
    const probe = redisOptions('redis://h', 'probe');
    expect(probe.maxRetriesPerRequest).toBe(1);
    expect(probe.retryStrategy(4)).toBeNull();
  });

  it('refuses other schemes, a missing host and a bad database with INVALID_ARGUMENT', () => {
    expect(() => redisOptions('http://h:6379')).toThrow(/expected redis: or rediss:/);
    expect(() => redisOptions('not a url')).toThrow(/expected redis:\/\//);
    expect(() => redisOptions('redis://h/x')).toThrow(/database "x"/);
    expect(() => redisOptions({ url: 'rediss://h', caFile: '/nonexistent/ca.pem' })).toThrow(/CA file/);
  });

  it('never shows the password in messages', () => {
    expect(redactRedisUrl('redis://u:topsecret@h:1/2')).toBe('redis://u:***@h:1/2');
    expect(() => redisOptions('ftp://:topsecret@h')).not.toThrow(/topsecret/);
  });
});
