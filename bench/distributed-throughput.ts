// Bench scenario (not a test): cut-out throughput of a distributed batch with 1, 2 and 4 `tessera worker`
// processes on this machine, against a private redis-server, demo SAM model, small drawn images. Each count
// runs with workers already up (start-up excluded), from submit to the last manifest line.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { followDistributedBatch, submitDistributedBatch } from '../native-models/batch/distributed/index.ts';
import { RedisServerFixture } from '../tests/fixtures/redis-server.ts';
import { writeDrawn } from '../tests/unit/batch/fixtures/drawn-images.ts';

export interface DistributedThroughput {
  workers: number;
  imagesPerS: number;
}

const CLI = path.resolve('cli/bin/tessera.js');

/** Starts a worker (one ORT thread, so 4 workers on 4 cores do not oversubscribe) and waits for its ready line. */
function startWorker(redisUrl: string, samDir: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [CLI, 'worker', '--redis', redisUrl, '--models', samDir, '--threads', '1', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let seen = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('"type":"ready"')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`bench worker: got exit code ${code} before ready, expected a running worker`)));
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function runDistributedThroughput(options: { samDir: string; images: number; workerCounts?: number[]; size?: number }): Promise<DistributedThroughput[]> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-distributed-'));
  const redis = await RedisServerFixture.start();
  const size = options.size ?? 64;
  const results: DistributedThroughput[] = [];
  try {
    for (let i = 0; i < options.images; i++) {
      const m = 6 + (i % 5);
      await writeDrawn(path.join(root, 'in', `img-${String(i).padStart(5, '0')}.png`), { width: size, height: size, shape: 'rect', geometry: [m, m, size - m, size - m], fg: [200, 40 + (i % 7) * 25, 60], bg: [235, 235, 235] });
    }
    for (const count of options.workerCounts ?? [1, 2, 4]) {
      const workers = await Promise.all(Array.from({ length: count }, () => startWorker(redis.url, options.samDir)));
      try {
        const started = performance.now();
        const { batchId } = await submitDistributedBatch({
          redis: redis.url,
          spec: { kind: 'cutout', model: path.basename(options.samDir), inputDir: path.join(root, 'in'), outputDir: path.join(root, `out-${count}`) },
        });
        const summary = await followDistributedBatch(batchId, { redis: redis.url, pollMs: 50 });
        if (summary.done !== options.images) throw new Error(`bench: got ${summary.done} cut-outs with ${count} worker(s), expected ${options.images}`);
        results.push({ workers: count, imagesPerS: options.images / ((performance.now() - started) / 1000) });
      } finally {
        await Promise.all(workers.map(stopWorker));
      }
    }
  } finally {
    await redis.dispose();
    await fs.rm(root, { recursive: true, force: true });
  }
  return results;
}
