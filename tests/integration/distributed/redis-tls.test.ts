// Distributed batch over TLS: a redis-server of its own listening only on a TLS port (certificate from a CA made
// for the test) with a password; a real `tessera worker` and the CLI connect with `rediss://` and TESSERA_REDIS_CA.
// Without the CA the connection is refused as untrusted, and said so.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisServerFixture } from '../../fixtures/redis-server.ts';
import { makeTempDir } from '../../fixtures/tiny-models.ts';
import { expectCutoutMatches } from '../../unit/batch/fixtures/cutout-checks.ts';
import { writeDrawn, type DrawnShape } from '../../unit/batch/fixtures/drawn-images.ts';
import { readManifestLines, tessera } from '../batch/batch-cli.ts';
import { demoModel } from '../demo-pack.ts';
import { WorkerProcess } from './worker-process.ts';

let root: string;
let redis: RedisServerFixture;
let worker: WorkerProcess | null = null;
const shape: DrawnShape = { width: 48, height: 40, shape: 'rect', geometry: [10, 8, 38, 32], fg: [30, 160, 220], bg: [240, 240, 240] };

beforeAll(async () => {
  root = await makeTempDir('tessera-redis-tls-');
  redis = await RedisServerFixture.start({ tls: true, password: 'tls secret' });
  await writeDrawn(path.join(root, 'in', 'blue.png'), shape);
});

afterAll(async () => {
  await worker?.stop();
  await redis?.dispose();
  await fs.rm(root, { recursive: true, force: true });
});

describe('rediss:// with a private CA', () => {
  it('a worker and the submitter connect over TLS with TESSERA_REDIS_CA; the batch completes', async () => {
    expect(redis.url).toMatch(/^rediss:\/\//);
    const env = { TESSERA_REDIS_CA: redis.caFile };
    worker = new WorkerProcess('tls', redis.url, demoModel('demo-sam'), { env });
    await worker.ready();
    const out = path.join(root, 'out');
    const run = await tessera(['batch', 'cutout', '--model', demoModel('demo-sam'), '--in', path.join(root, 'in'), '--out', out, '--redis', redis.url, '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect((await readManifestLines(out)).filter((l) => l.status === 'done').map((l) => l.input)).toEqual(['blue.png']);
    await expectCutoutMatches(out, 'blue.png', shape);
  });

  it('without the CA the server is not trusted: `batch status` fails with the TLS reason, not a hang', async () => {
    const run = await tessera(['batch', 'status', 'm1abc2de-1a2b3c4d', '--redis', redis.url]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`Redis at rediss://:***@127.0.0.1:${redis.port}`);
    expect(run.stderr).toMatch(/cannot connect \(.*(self[- ]signed|unable to verify|certificate).*\).*TESSERA_REDIS_CA/i);
    expect(run.stderr).not.toContain('tls secret');
  });

  it('a worker without the CA does not start: it exits with the reason instead of retrying in silence', async () => {
    const untrusting = new WorkerProcess('no-ca', redis.url, demoModel('demo-sam'));
    const exit = await untrusting.exited;
    expect(exit.code).not.toBe(0);
    expect(untrusting.stderrText).toMatch(/cannot connect \(.*certificate.*TESSERA_REDIS_CA/i);
  });
});
