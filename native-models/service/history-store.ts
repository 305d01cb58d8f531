// The gallery's history: each finished result written to the output folder as a PNG carrying its parameters,
// a small WebP thumbnail in the data folder, and an entry in `history.json` (file, parameters, model, inputs).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { TesseraError } from '../api/errors.ts';
import type { GenerationParameters } from '../api/generation-parameters.ts';
import { HistoryEntrySchema, type EncodedImage, type HistoryEntry, type HistoryItem } from '../api/index.ts';
import { readGenerationParameters } from '../image/png-metadata/generation-metadata.ts';
import { sharpOfEncoded } from '../image/pixel-limit.ts';
import { writeFileAtomic } from '../image/write-file-atomic.ts';
import { AtomicJsonFile } from './atomic-json-file.ts';

const HistoryFileSchema = z.strictObject({ version: z.literal(1), items: z.array(HistoryEntrySchema) });

/** Longest side of a thumbnail: sharp on the gallery grid's 2× density cards. */
const THUMBNAIL_SIZE = 256;

/** A finished result as the service hands it over: the PNG the engine encoded (parameters embedded). */
export interface ResultToRecord {
  png: Uint8Array;
  /** The request's parameters, for a PNG that carries none (the engine's own embeds them; fakes may not). */
  requested: GenerationParameters;
  width: number;
  height: number;
  modelId: string;
  jobId: string;
  inputs: HistoryEntry['inputs'];
}

/** `tessera-20261128-143005-s11.png`, then `…-s11-2.png`, … when a name is taken: sortable, seed in view. */
export function outputFileName(date: Date, seed: number, attempt: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const stamp = `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`;
  return `tessera-${stamp}-s${seed}${attempt > 1 ? `-${attempt}` : ''}.png`;
}

/** Newest first: entries are kept oldest first, so page `offset..offset+limit` counts from the end. */
export function newestFirstPage<T>(items: readonly T[], offset: number, limit: number): T[] {
  const end = Math.max(0, items.length - offset);
  return items.slice(Math.max(0, end - limit), end).reverse();
}

export class HistoryStore {
  private items: HistoryEntry[] = [];
  private readonly index: AtomicJsonFile<z.infer<typeof HistoryFileSchema>>;

  private constructor(
    indexFile: string,
    private readonly thumbnailsDir: string,
  ) {
    this.index = new AtomicJsonFile(indexFile, HistoryFileSchema);
  }

  static async open(indexFile: string, thumbnailsDir: string): Promise<HistoryStore> {
    const store = new HistoryStore(indexFile, thumbnailsDir);
    store.items = (await store.index.read())?.items ?? [];
    return store;
  }

  get total(): number {
    return this.items.length;
  }

  /** Writes the result into `outputDir`, makes its thumbnail and records it. */
  async record(result: ResultToRecord, outputDir: string): Promise<HistoryEntry> {
    const metadata = readGenerationParameters(result.png);
    const parameters = metadata?.dialect === 'tessera' ? metadata.parameters : result.requested;
    const createdAt = new Date();
    const file = await this.writeUnique(outputDir, createdAt, parameters.seed, result.png);
    const id = `hist-${randomBytes(9).toString('base64url')}`;
    await fs.mkdir(this.thumbnailsDir, { recursive: true });
    const thumbnail = await sharpOfEncoded(result.png).resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true, kernel: 'nearest' }).webp({ quality: 82 }).toBuffer();
    await writeFileAtomic(this.thumbnailPath(id), thumbnail);
    const entry: HistoryEntry = { id, createdAt: createdAt.toISOString(), file, width: result.width, height: result.height, parameters, modelId: result.modelId, jobId: result.jobId, inputs: result.inputs };
    this.items.push(entry);
    await this.index.save({ version: 1, items: this.items });
    return entry;
  }

  async list(offset: number, limit: number): Promise<HistoryItem[]> {
    return Promise.all(newestFirstPage(this.items, offset, limit).map(async (entry) => ({ ...entry, thumbnail: await this.thumbnail(entry.id) })));
  }

  get(id: string): HistoryEntry {
    const entry = this.items.find((e) => e.id === id);
    if (!entry) throw new TesseraError('INVALID_ARGUMENT', `got history id "${id}", expected one listed by listHistory`);
    return entry;
  }

  /** Drops the entry and its thumbnail (the caller has dealt with the output file). */
  async remove(id: string): Promise<void> {
    this.get(id);
    this.items = this.items.filter((e) => e.id !== id);
    await this.index.save({ version: 1, items: this.items });
    await fs.rm(this.thumbnailPath(id), { force: true });
  }

  flush(): Promise<void> {
    return this.index.flush();
  }

  private thumbnailPath(id: string): string {
    return path.join(this.thumbnailsDir, `${id}.webp`);
  }

  private async thumbnail(id: string): Promise<EncodedImage | null> {
    const bytes = await fs.readFile(this.thumbnailPath(id)).catch(() => undefined);
    return bytes ? { mimeType: 'image/webp', base64: bytes.toString('base64') } : null;
  }

  private async writeUnique(outputDir: string, date: Date, seed: number, png: Uint8Array): Promise<string> {
    await fs.mkdir(outputDir, { recursive: true }).catch((error: unknown) => {
      throw new TesseraError('IO_ERROR', `output folder ${outputDir}: got ${(error as Error).message}, expected a folder Tessera can write (see Settings)`);
    });
    for (let attempt = 1; ; attempt++) {
      const file = path.join(outputDir, outputFileName(date, seed, attempt));
      try {
        await writeFileAtomic(file, png);
        return file;
      } catch (error) {
        if (!(error instanceof TesseraError && error.code === 'OUTPUT_EXISTS') || attempt >= 1000) throw error;
      }
    }
  }
}
