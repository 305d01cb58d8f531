// Lists the images of an input folder in a deterministic order, and the files that are not images.

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TesseraError } from '../api/errors.ts';
import { BOX_SIDECAR_SUFFIX } from './processors/box-sidecar.ts';

/** Extensions of the formats sharp's prebuilt binaries decode (no BMP, no HEIC; SVG deliberately left out). */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg', '.jpe', '.jfif', '.webp', '.gif', '.tif', '.tiff', '.avif']);

/** Sidecar files that belong to an image (box prompts); never listed as skipped. */
export const SIDECAR_SUFFIXES = [BOX_SIDECAR_SUFFIX] as const;

export interface DiscoveredInputs {
  /** Image paths relative to the input folder, '/' separators, sorted by UTF-16 code units (locale-free). */
  images: string[];
  /** Files that are not images by their extension, with the reason; same order. */
  skipped: { input: string; reason: string }[];
}

export interface DiscoverOptions {
  recursive?: boolean;
  /** Relative paths ('/' separators) to leave out entirely: the output folder inside the input folder, its files. */
  exclude?: (relPath: string, isFolder: boolean) => boolean;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hidden entries (names starting with '.') are ignored, as are symbolic links to folders (no cycles).
 * Whether a file is an image is decided by its extension here; a file that only claims to be one (a text
 * file named .jpg, a truncated PNG) is found out when decoded, and fails as an item.
 */
export async function discoverInputs(inputDir: string, options: DiscoverOptions = {}): Promise<DiscoveredInputs> {
  const images: string[] = [];
  const skipped: { input: string; reason: string }[] = [];
  const walk = async (rel: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(rel ? join(inputDir, rel) : inputDir, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new TesseraError('INVALID_ARGUMENT', `input folder ${join(inputDir, rel)}: cannot list it (${code ?? String(error)}), expected a readable folder`, { errno: code });
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (options.recursive && !options.exclude?.(childRel, true)) await walk(childRel);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      if (options.exclude?.(childRel, false)) continue;
      if (SIDECAR_SUFFIXES.some((s) => entry.name.endsWith(s))) continue;
      const ext = extensionOf(entry.name);
      if (IMAGE_EXTENSIONS.has(ext)) images.push(childRel);
      else skipped.push({ input: childRel, reason: `not an image: got extension "${ext || '(none)'}", expected one of ${[...IMAGE_EXTENSIONS].join(' ')}` });
    }
  };
  await walk('');
  images.sort(byCodeUnits);
  skipped.sort((a, b) => byCodeUnits(a.input, b.input));
  return { images, skipped };
}
