// Image embeddings cached by image content + encoder identity: a bounded in-memory LRU and files on disk, so a
// reopened image or a second prompt never re-runs the encoder. An entry holds every encoder output (SAM 2: the
// image embedding and both high-res feature levels). Disk entries carry a checksum; a corrupt or
// truncated entry is deleted and recomputed, never trusted.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { RgbImage } from '../../image/rgb-image.ts';
import type { ImageEmbedding } from '../../models/sam-family.ts';
import { writeFileAtomic } from '../../image/write-file-atomic.ts';

// Version 2 holds named features; a version-1 file fails the magic check and is recomputed.
const MAGIC = 'TESSERA-EMBEDDING-2\n';

export interface EmbeddingCacheOptions {
  /** Folder for disk entries; none = memory only. */
  dir?: string;
  /** Entries kept in memory (a SAM embedding is 4 MiB, SAM 2's three features 14 MiB). Default 8. */
  memoryEntries?: number;
  /** Bytes of embedding data kept in memory, whichever bound is hit first. Default 64 MiB. */
  memoryBytes?: number;
}

export interface CacheStats {
  memoryHits: number;
  diskHits: number;
  misses: number;
  corruptEntries: number;
}

/** Key of an image's pixels (size included, so a reshaped buffer never collides). */
export function imageKey(image: RgbImage): string {
  return createHash('sha256').update(`${image.width}x${image.height}x${image.channels}:`).update(image.data).digest('hex');
}

export class EmbeddingCache {
  private readonly memory = new Map<string, ImageEmbedding>();
  private memoryBytes = 0;
  private readonly inFlight = new Map<string, Promise<ImageEmbedding>>();
  readonly stats: CacheStats = { memoryHits: 0, diskHits: 0, misses: 0, corruptEntries: 0 };

  constructor(
    /** Identity of the encoder (file, size, mtime): a new model never reads an old model's embeddings. */
    private readonly modelKey: string,
    private readonly options: EmbeddingCacheOptions = {},
  ) {}

  private key(imageHash: string): string {
    return createHash('sha256').update(this.modelKey).update(imageHash).digest('hex');
  }

  private file(key: string): string | undefined {
    return this.options.dir ? path.join(this.options.dir, `${key}.embedding`) : undefined;
  }

  /** Most recently used last; the oldest entries go first when either bound is exceeded (the newest always stays). */
  private remember(key: string, embedding: ImageEmbedding): void {
    const previous = this.memory.get(key);
    if (previous) this.memoryBytes -= byteLength(previous);
    this.memory.delete(key);
    this.memory.set(key, embedding);
    this.memoryBytes += byteLength(embedding);
    const maxEntries = this.options.memoryEntries ?? 8;
    const maxBytes = this.options.memoryBytes ?? 64 * 1024 * 1024;
    while (this.memory.size > 1 && (this.memory.size > maxEntries || this.memoryBytes > maxBytes)) {
      const [oldestKey, oldest] = this.memory.entries().next().value!;
      this.memory.delete(oldestKey);
      this.memoryBytes -= byteLength(oldest);
    }
  }

  /** Entries now held in memory (for tests and diagnostics). */
  get memorySize(): { entries: number; bytes: number } {
    return { entries: this.memory.size, bytes: this.memoryBytes };
  }

  /**
   * The embedding for an image, computed by `compute` only when neither memory nor disk has a valid one.
   * Concurrent requests for one image (pre-encoding racing setImage) share a single computation.
   */
  async get(imageHash: string, compute: () => Promise<ImageEmbedding>): Promise<ImageEmbedding> {
    const key = this.key(imageHash);
    const inMemory = this.memory.get(key);
    if (inMemory) {
      this.stats.memoryHits += 1;
      this.remember(key, inMemory);
      return inMemory;
    }
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const lookup = this.lookUpOrCompute(key, compute).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, lookup);
    return lookup;
  }

  private async lookUpOrCompute(key: string, compute: () => Promise<ImageEmbedding>): Promise<ImageEmbedding> {
    const fromDisk = await this.readDisk(key);
    if (fromDisk) {
      this.stats.diskHits += 1;
      this.remember(key, fromDisk);
      return fromDisk;
    }
    this.stats.misses += 1;
    const embedding = await compute();
    this.remember(key, embedding);
    await this.writeDisk(key, embedding);
    return embedding;
  }

  private async readDisk(key: string): Promise<ImageEmbedding | undefined> {
    const file = this.file(key);
    if (!file) return undefined;
    const bytes = await fs.readFile(file).catch(() => undefined);
    if (!bytes) return undefined;
    const parsed = parseEntry(bytes);
    if (!parsed) {
      this.stats.corruptEntries += 1;
      await fs.rm(file, { force: true });
    }
    return parsed;
  }

  private async writeDisk(key: string, embedding: ImageEmbedding): Promise<void> {
    const file = this.file(key);
    if (!file) return;
    const payload = Buffer.concat(embedding.features.map((f) => Buffer.from(f.data.buffer, f.data.byteOffset, f.data.byteLength)));
    const features = embedding.features.map((f) => ({ name: f.name, dims: f.dims }));
    const header = JSON.stringify({ features, sha256: createHash('sha256').update(payload).digest('hex'), bytes: payload.length });
    await fs.mkdir(path.dirname(file), { recursive: true });
    await writeFileAtomic(file, Buffer.concat([Buffer.from(MAGIC), Buffer.from(header + '\n'), payload]), { overwrite: true });
  }
}

function byteLength(embedding: ImageEmbedding): number {
  return embedding.features.reduce((sum, f) => sum + f.data.byteLength, 0);
}

/** Validates magic, header and checksum; undefined when anything is off. */
function parseEntry(bytes: Buffer): ImageEmbedding | undefined {
  if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC))) return undefined;
  const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) return undefined;
  try {
    const header = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as { features: { name: string; dims: number[] }[]; sha256: string; bytes: number };
    const payload = bytes.subarray(headerEnd + 1);
    const counts = header.features.map((f) => f.dims.reduce((a, b) => a * b, 1));
    if (payload.length !== header.bytes || payload.length !== counts.reduce((a, b) => a + b, 0) * 4) return undefined;
    if (createHash('sha256').update(payload).digest('hex') !== header.sha256) return undefined;
    let offset = 0;
    const features = header.features.map((f, i) => {
      const data = new Float32Array(counts[i]!);
      Buffer.from(data.buffer).set(payload.subarray(offset, offset + data.byteLength));
      offset += data.byteLength;
      return { name: f.name, dims: f.dims, data };
    });
    return { features };
  } catch {
    return undefined;
  }
}
