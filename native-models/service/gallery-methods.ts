// The gallery's side of the service: record each result (output folder + history), list, open (the result or
// its stored inputs), delete to the system trash. Inputs are content-addressed copies that deleting never touches.
import fs from 'node:fs/promises';
import { TesseraError } from '../api/errors.ts';
import type { ApiParsedArgs, ApiResult, HistoryEntry } from '../api/index.ts';
import { readImageSize } from '../image/decode-image.ts';
import type { ApiEventHub } from './event-hub.ts';
import type { HistoryStore, ResultToRecord } from './history-store.ts';
import type { ImageStore } from './image-store.ts';
import type { InputImageStore } from './input-image-store.ts';

export interface GalleryDeps {
  history: HistoryStore;
  images: ImageStore;
  inputs: InputImageStore;
  events: ApiEventHub;
  /** The output folder now in force (a setting). */
  outputDir: () => string;
  /** Moves a file to the system trash and answers where it went (the Electron host may substitute shell.trashItem). */
  trash: (file: string) => Promise<string>;
}

export class GalleryMethods {
  constructor(private readonly deps: GalleryDeps) {}

  async record(result: ResultToRecord): Promise<HistoryEntry> {
    const entry = await this.deps.history.record(result, this.deps.outputDir());
    this.deps.events.emit('onHistoryChanged', { reason: 'added', ids: [entry.id] });
    return entry;
  }

  async listHistory({ offset, limit }: ApiParsedArgs<'listHistory'>): Promise<ApiResult<'listHistory'>> {
    return { total: this.deps.history.total, items: await this.deps.history.list(offset, limit) };
  }

  async getHistoryImage({ id, part }: ApiParsedArgs<'getHistoryImage'>): Promise<ApiResult<'getHistoryImage'>> {
    const entry = this.deps.history.get(id);
    if (part === 'output') {
      const bytes = await fs.readFile(entry.file).catch((error: NodeJS.ErrnoException) => {
        throw new TesseraError('IMAGE_UNREADABLE', `history ${id}: got no readable file at ${entry.file} (${error.code ?? error.message}), expected the result written there; it was moved or deleted outside Tessera`);
      });
      const image = { mimeType: 'image/png' as const, base64: bytes.toString('base64') };
      return { imageId: this.deps.images.put(image), image, width: entry.width, height: entry.height };
    }
    const contentId = entry.inputs[part];
    if (!contentId) throw new TesseraError('INVALID_ARGUMENT', `history ${id}: got part "${part}", expected one this result has (${['output', ...Object.keys(entry.inputs)].join(', ')})`);
    const image = await this.deps.inputs.load(contentId);
    const size = await readImageSize(Buffer.from(image.base64, 'base64'), { name: `${part} of ${id}` });
    return { imageId: this.deps.images.put(image), image, ...size };
  }

  async deleteHistoryItem({ id }: ApiParsedArgs<'deleteHistoryItem'>): Promise<ApiResult<'deleteHistoryItem'>> {
    const entry = this.deps.history.get(id);
    const present = (await fs.lstat(entry.file).catch(() => undefined)) !== undefined;
    const trashedTo = present ? await this.deps.trash(entry.file) : null;
    await this.deps.history.remove(id);
    this.deps.events.emit('onHistoryChanged', { reason: 'deleted', ids: [id] });
    return { id, trashedTo };
  }

  /** The result's file, for hosts that can show it in a file manager. */
  fileOf(id: string): string {
    return this.deps.history.get(id).file;
  }
}
