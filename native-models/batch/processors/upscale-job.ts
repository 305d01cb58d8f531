// The upscale batch job: each image of a folder → the image upscaled by an upscaler model, tiled as
// `tessera upscale` does (same defaults). Output `x.jpg` → `x.jpg.upscaled.png`.

import { decodeRgb } from '../../image/decode-image.ts';
import { encodePng } from '../../image/encode-png.ts';
import type { RgbImage } from '../../image/rgb-image.ts';
import type { ImageUpscaler, UpscaleResult } from '../../pipelines/upscale/image-upscaler.ts';
import type { BatchJob } from '../batch-job.ts';
import { discoverImageFolder, imageFileItem, loadImageFile, type ImageFileItem, type ImageFolderOptions } from '../image-folder-inputs.ts';
import { upscaleOutput } from '../output-naming.ts';

/** The part of an ImageUpscaler a batch uses (the submitter of a distributed batch plans with a stand-in). */
export type UpscalerPort = Pick<ImageUpscaler, 'upscale'>;

export interface UpscaleJobOptions extends ImageFolderOptions {
  upscaler: UpscalerPort;
  /** Tile core and overlap in input pixels; left out, UPSCALE_DEFAULTS. */
  tile?: number;
  overlap?: number;
  limitInputPixels?: number;
}

type Loaded = { bytes: Uint8Array };
export type UpscaleJob = BatchJob<ImageFileItem, Loaded, RgbImage, UpscaleResult>;

export async function createUpscaleJob(options: UpscaleJobOptions): Promise<UpscaleJob> {
  const { images, skipped } = await discoverImageFolder(options);
  return {
    kind: 'upscale',
    // Tile and overlap go in only when given: a defaults run resumed with the same defaults stays the same job.
    parameters: { ...(options.tile !== undefined ? { tile: options.tile } : {}), ...(options.overlap !== undefined ? { overlap: options.overlap } : {}) },
    items: images.map((rel) => imageFileItem(options.inputDir, rel, [upscaleOutput(rel)])),
    skipped,
    async load(item) {
      const { hash, data } = await loadImageFile(item);
      return { hash, data: { bytes: data } };
    },
    prepare(item, { bytes }) {
      return decodeRgb(bytes, { name: item.input, limitInputPixels: options.limitInputPixels });
    },
    infer(_item, image) {
      return options.upscaler.upscale(image, { tile: options.tile, overlap: options.overlap });
    },
    async render(item, result) {
      return {
        files: new Map([[item.outputs[0]!, await encodePng(result.image)]]),
        result: { width: result.image.width, height: result.image.height, scale: result.scale, tiles: result.tiles },
      };
    },
  };
}
