// The inputs of the image-folder jobs (cutout, img2img): discovery that steps around an output folder
// placed inside the input folder, and the load stage (read the bytes once, hash them).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TesseraError } from '../api/errors.ts';
import type { BatchItem, LoadedItem } from './batch-job.ts';
import { sha256Hex } from './content-hash.ts';
import { discoverInputs, type DiscoveredInputs } from './input-discovery.ts';
import { MANIFEST_FILE_NAME } from './manifest-entry.ts';
import { isBatchOutputName } from './output-naming.ts';
import { checkOutputPlacement } from './output-folder.ts';

export interface ImageFolderOptions {
  inputDir: string;
  outputDir: string;
  recursive?: boolean;
  allowOutputInsideInput?: boolean;
}

export interface ImageFileItem extends BatchItem {
  /** Absolute (or cwd-relative) path of the input file. */
  readonly path: string;
}

/**
 * Lists the images, refusing an output folder that is (inside) the input folder unless allowed; when it is
 * allowed, the output folder's subtree, or — when both are the same folder — the manifest and the batch's
 * own output names, are left out so that outputs are never read back as inputs.
 */
export async function discoverImageFolder(options: ImageFolderOptions): Promise<DiscoveredInputs> {
  const { relation, insideRel } = await checkOutputPlacement(options.inputDir, options.outputDir, options.allowOutputInsideInput ?? false);
  const exclude = (rel: string): boolean => {
    if (relation === 'inside') return rel === insideRel || rel.startsWith(insideRel + '/');
    if (relation === 'same') return rel === MANIFEST_FILE_NAME || isBatchOutputName(rel);
    return false;
  };
  return discoverInputs(options.inputDir, { recursive: options.recursive, exclude });
}

export function imageFileItem(inputDir: string, rel: string, outputs: readonly string[]): ImageFileItem {
  return { input: rel, outputs, path: join(inputDir, ...rel.split('/')) };
}

/** Reads the file once: the same bytes are hashed (resume key) and decoded (never read twice, never written). */
export async function loadImageFile(item: ImageFileItem): Promise<LoadedItem<Uint8Array>> {
  let bytes: Buffer;
  try {
    bytes = await readFile(item.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new TesseraError('IMAGE_UNREADABLE', `${item.input}: cannot read the file (${code ?? String(error)}), expected a readable image file`, { errno: code });
  }
  return { hash: sha256Hex(bytes), data: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
}
