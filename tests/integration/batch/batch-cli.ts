// Runs `node cli/bin/tessera.js …` for the batch tests and reads what a batch left in its output folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ManifestEntry } from '../../../native-models/batch/manifest-entry.ts';

export const CLI = path.resolve('cli/bin/tessera.js');

export { tessera } from '../../fixtures/cli-output.ts';

/** Parsed manifest lines, skipping a torn last line as the engine does. */
export async function readManifestLines(outDir: string): Promise<ManifestEntry[]> {
  const text = await fs.readFile(path.join(outDir, 'manifest.jsonl'), 'utf8');
  const lines: ManifestEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      lines.push(JSON.parse(line) as ManifestEntry);
    } catch {
      // torn by a kill: tolerated, as by the reader
    }
  }
  return lines;
}

/** sha256 of every file under `dir`, by relative path. */
export async function hashTree(dir: string): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    hashes.set(path.relative(dir, file), createHash('sha256').update(await fs.readFile(file)).digest('hex'));
  }
  return hashes;
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}
