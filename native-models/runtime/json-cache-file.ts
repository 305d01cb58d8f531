// The data folder's small JSON caches (`{ "entries": { key: value } }`): read leniently, written atomically.
// Both provider caches use it; a cache that cannot be read starts empty because measuring again rebuilds it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../image/write-file-atomic.ts';

/** The entries that pass `accept` (already narrowed or parsed); a missing, unreadable or non-JSON file gives none. */
export async function readJsonCacheEntries<T>(file: string, accept: (value: unknown) => T | undefined): Promise<Record<string, T>> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  const entries: Record<string, T> = {};
  if (text === undefined) return entries;
  try {
    const parsed = JSON.parse(text) as { entries?: Record<string, unknown> } | null;
    for (const [key, value] of Object.entries(parsed?.entries ?? {})) {
      const entry = accept(value);
      if (entry !== undefined) entries[key] = entry;
    }
  } catch {
    // Not JSON any more: the next write replaces the file.
  }
  return entries;
}

/** Writes `{ entries }` atomically, creating the folder when needed. */
export async function writeJsonCacheEntries(file: string, entries: Record<string, unknown>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify({ entries }, null, 2)}\n`), { overwrite: true });
}
