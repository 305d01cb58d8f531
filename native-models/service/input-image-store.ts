// Input images (init images, masks) kept in the data folder under the SHA-256 of their bytes, named on the wire
// `img-<64 hex>`. Queued jobs and history entries refer to them, so they survive restarts and outlive the files
// (or gallery items) they were taken from; the same picture is stored once.
import fs from 'node:fs/promises';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';
import type { EncodedImage } from '../api/index.ts';
import { sha256Hex } from '../batch/content-hash.ts';
import { writeFileAtomic } from '../image/write-file-atomic.ts';

const CONTENT_ID = /^img-([0-9a-f]{64})$/;
const EXTENSIONS: Record<EncodedImage['mimeType'], string> = { 'image/png': '.png', 'image/jpeg': '.jpg', 'image/webp': '.webp' };

/** True for ids of stored copies (session ids are short random strings and never match). */
export function isContentImageId(id: string): boolean {
  return CONTENT_ID.test(id);
}

export class InputImageStore {
  constructor(readonly dir: string) {}

  /** Stores the image (once per content) and answers its content id. */
  async keep(image: EncodedImage): Promise<string> {
    const bytes = Buffer.from(image.base64, 'base64');
    const hash = sha256Hex(bytes);
    const file = path.join(this.dir, `${hash}${EXTENSIONS[image.mimeType]}`);
    if (!(await fs.stat(file).catch(() => undefined))) {
      await fs.mkdir(this.dir, { recursive: true });
      await writeFileAtomic(file, bytes).catch((error: unknown) => {
        // Two jobs with the same input raced: the other one stored the identical bytes.
        if (!(error instanceof TesseraError && error.code === 'OUTPUT_EXISTS')) throw error;
      });
    }
    return `img-${hash}`;
  }

  async load(id: string): Promise<EncodedImage> {
    const hash = CONTENT_ID.exec(id)?.[1];
    if (!hash) throw new TesseraError('INVALID_ARGUMENT', `got image id "${id}", expected a stored input id "img-<sha256>"`);
    for (const [mimeType, ext] of Object.entries(EXTENSIONS) as [EncodedImage['mimeType'], string][]) {
      const bytes = await fs.readFile(path.join(this.dir, `${hash}${ext}`)).catch(() => undefined);
      if (bytes) return { mimeType, base64: bytes.toString('base64') };
    }
    throw new TesseraError('IMAGE_UNREADABLE', `got input image ${id}, expected its copy in ${this.dir} (it was removed from the data folder)`);
  }
}
