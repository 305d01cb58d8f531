// The SAM embedding cache without a model: LRU bounds, disk entries keyed by image + model, corrupt or
// truncated entries rejected and rewritten, one computation for concurrent requests.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingCache, imageKey } from '../../../../native-models/pipelines/segment/embedding-cache.ts';
import type { ImageEmbedding } from '../../../../native-models/models/sam-family.ts';

/** A small stand-in embedding [1, 2, 3, 4] whose values identify which call made it. */
function embeddingOf(seed: number): ImageEmbedding {
  return { features: [{ name: 'image_embeddings', data: Float32Array.from({ length: 24 }, (_, i) => seed * 100 + i), dims: [1, 2, 3, 4] }] };
}

function counter(): { compute: (seed: number) => () => Promise<ImageEmbedding>; calls: number[] } {
  const calls: number[] = [];
  return { calls, compute: (seed) => async () => (calls.push(seed), embeddingOf(seed)) };
}

let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-embedding-cache-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('imageKey', () => {
  it('depends on the pixels and on the shape, not only on the bytes', () => {
    const data = new Uint8Array(12).fill(7);
    const a = imageKey({ width: 2, height: 2, channels: 3, data });
    expect(imageKey({ width: 2, height: 2, channels: 3, data: data.slice() })).toBe(a);
    expect(imageKey({ width: 4, height: 1, channels: 3, data })).not.toBe(a);
    expect(imageKey({ width: 2, height: 2, channels: 3, data: data.map((v, i) => (i === 11 ? 8 : v)) })).not.toBe(a);
  });
});

describe('memory LRU', () => {
  it('keeps at most memoryEntries, evicting the least recently used', async () => {
    const cache = new EmbeddingCache('model', { memoryEntries: 2 });
    const { compute, calls } = counter();
    await cache.get('a', compute(1));
    await cache.get('b', compute(2));
    await cache.get('a', compute(3)); // a is now the most recent
    await cache.get('c', compute(4)); // evicts b
    await cache.get('a', compute(5));
    await cache.get('b', compute(6));
    expect(calls).toEqual([1, 2, 4, 6]);
    expect(cache.memorySize.entries).toBe(2);
  });

  it('keeps at most memoryBytes (each stand-in embedding is 24 floats = 96 bytes)', async () => {
    const cache = new EmbeddingCache('model', { memoryBytes: 150 });
    const { compute, calls } = counter();
    await cache.get('a', compute(1));
    await cache.get('b', compute(2));
    expect(cache.memorySize).toEqual({ entries: 1, bytes: 96 });
    await cache.get('a', compute(3));
    expect(calls).toEqual([1, 2, 3]);
  });

  it('runs one computation for concurrent requests of one image', async () => {
    const cache = new EmbeddingCache('model');
    const { compute, calls } = counter();
    const [x, y] = await Promise.all([cache.get('a', compute(1)), cache.get('a', compute(2))]);
    expect(calls).toEqual([1]);
    expect(y).toBe(x);
  });
});

describe('disk entries', () => {
  it('survive a new cache instance for the same model, and are not read for another model', async () => {
    await new EmbeddingCache('model-1', { dir }).get('a', counter().compute(1));
    const again = new EmbeddingCache('model-1', { dir });
    const { compute, calls } = counter();
    const read = await again.get('a', compute(2));
    expect(calls).toEqual([]);
    expect(again.stats.diskHits).toBe(1);
    expect(read).toEqual(embeddingOf(1));
    const other = new EmbeddingCache('model-2', { dir });
    expect(await other.get('a', compute(3))).toEqual(embeddingOf(3));
    expect(calls).toEqual([3]);
  });

  it('leave no temporary files behind (written by temp file + rename)', async () => {
    await new EmbeddingCache('model', { dir }).get('a', counter().compute(1));
    const names = await fs.readdir(dir);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(/^[0-9a-f]{64}\.embedding$/);
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 4)],
    ['one payload byte flipped', (b: Buffer) => Buffer.from(b.map((v, i) => (i === b.length - 1 ? v ^ 1 : v)))],
    ['a garbled header', (b: Buffer) => Buffer.from(b.toString('latin1').replace('"dims"', '"dimz"'), 'latin1')],
    ['not an entry at all', () => Buffer.from('hello')],
  ])('%s: detected, deleted and recomputed, never trusted', async (_what, damage) => {
    await new EmbeddingCache('model', { dir }).get('a', counter().compute(1));
    const [name] = await fs.readdir(dir);
    const file = path.join(dir, name!);
    await fs.writeFile(file, damage(await fs.readFile(file)));
    const cache = new EmbeddingCache('model', { dir });
    const { compute, calls } = counter();
    expect(await cache.get('a', compute(2))).toEqual(embeddingOf(2));
    expect(calls).toEqual([2]);
    expect(cache.stats.corruptEntries).toBe(1);
    // the rewritten entry is good again
    const fresh = new EmbeddingCache('model', { dir });
    expect(await fresh.get('a', compute(3))).toEqual(embeddingOf(2));
    expect(fresh.stats.diskHits).toBe(1);
  });
});
