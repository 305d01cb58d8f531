// Images the host holds for a session (results, images sent for segmentation), named by id so the renderer
// can refer to them instead of re-sending their bytes. Bounded: the oldest are forgotten first.
import { randomBytes } from 'node:crypto';
import { TesseraError } from '../api/errors.ts';
import type { EncodedImage, ImageRef } from '../api/index.ts';

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

export class ImageStore {
  private readonly images = new Map<string, EncodedImage>();
  private bytes = 0;

  constructor(private readonly maxBytes = DEFAULT_MAX_BYTES) {}

  put(image: EncodedImage): string {
    const id = `img-${randomBytes(9).toString('base64url')}`;
    this.images.set(id, image);
    this.bytes += image.base64.length;
    // Map iteration order is insertion order: evict from the front until under the budget (keep the newest).
    for (const [oldId, old] of this.images) {
      if (this.bytes <= this.maxBytes || oldId === id) break;
      this.images.delete(oldId);
      this.bytes -= old.base64.length;
    }
    return id;
  }

  get(id: string): EncodedImage {
    const image = this.images.get(id);
    if (!image) throw new TesseraError('INVALID_ARGUMENT', `got image id "${id}", expected one this host handed out (it may have been evicted; send the image again)`);
    return image;
  }

  /** An ImageRef as bytes plus a stable id (new bytes are stored under a fresh id). */
  resolve(ref: ImageRef): { imageId: string; image: EncodedImage } {
    if ('imageId' in ref) return { imageId: ref.imageId, image: this.get(ref.imageId) };
    return { imageId: this.put(ref.image), image: ref.image };
  }
}
