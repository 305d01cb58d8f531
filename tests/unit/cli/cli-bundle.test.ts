// The CLI's cached esbuild bundle (cli/bin/cli-bundle.js), built from a small project of its own in a temp
// folder: each module keeps its own import.meta.url, an unchanged project reuses the stored bundle, an edited
// source gets a new one, processes building at once agree on one folder, and the tsx switch turns it off.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundledEntry } from '../../../cli/bin/cli-bundle.js';

let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-cli-bundle-'));
  await fs.mkdir(path.join(root, 'cli', 'lib'), { recursive: true });
  await fs.writeFile(path.join(root, 'cli', 'entry.ts'), "export { here, note } from './lib/where.ts';\nexport const entryUrl: string = import.meta.url;\n");
  await writeWhere('first');
  await fs.writeFile(path.join(root, 'cli', 'lib', 'note.txt'), 'beside the source');
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function writeWhere(label: string): Promise<void> {
  const source = `import fs from 'node:fs';\nexport const here: string = import.meta.url;\nexport const note = fs.readFileSync(new URL('./note.txt', import.meta.url), 'utf8') + ' (${label})';\n`;
  await fs.writeFile(path.join(root, 'cli', 'lib', 'where.ts'), source);
}

async function entry(): Promise<string> {
  const url = await bundledEntry(root);
  expect(url).not.toBeNull();
  return url!;
}

describe('the CLI bundle', () => {
  it('is stored under .cache and each module keeps its own source file as import.meta.url', async () => {
    const url = await entry();
    expect(fileURLToPath(url).startsWith(path.join(root, '.cache', 'cli-bundle') + path.sep)).toBe(true);
    const loaded = (await import(url)) as { here: string; note: string; entryUrl: string };
    expect(loaded.here).toBe(pathToFileURL(path.join(root, 'cli', 'lib', 'where.ts')).href);
    expect(loaded.entryUrl).toBe(pathToFileURL(path.join(root, 'cli', 'entry.ts')).href);
    expect(loaded.note).toBe('beside the source (first)');
  });

  it('is reused while the sources are unchanged and rebuilt when one changes', async () => {
    const first = await entry();
    const manifest = path.join(root, '.cache', 'cli-bundle', 'current.json');
    const writtenAt = (await fs.stat(manifest)).mtimeMs;
    expect(await entry()).toBe(first);
    expect((await fs.stat(manifest)).mtimeMs).toBe(writtenAt); // a rebuild rewrites the manifest
    await writeWhere('second');
    const second = await entry();
    expect(second).not.toBe(first);
    expect(((await import(second)) as { note: string }).note).toBe('beside the source (second)');
  });

  it('comes out as one folder when several builds race, with no staging folder left', async () => {
    const urls = await Promise.all([bundledEntry(root), bundledEntry(root), bundledEntry(root), bundledEntry(root)]);
    expect(new Set(urls).size).toBe(1);
    const left = await fs.readdir(path.join(root, '.cache', 'cli-bundle'));
    expect(left.sort()).toEqual(['current.json', path.basename(path.dirname(fileURLToPath(urls[0]!)))].sort());
  });

  it('is not used when TESSERA_CLI_FROM_SOURCES asks for the sources through tsx', async () => {
    process.env.TESSERA_CLI_FROM_SOURCES = '1';
    try {
      expect(await bundledEntry(root)).toBeNull();
    } finally {
      delete process.env.TESSERA_CLI_FROM_SOURCES;
    }
  });

  it('is null (run the sources through tsx) when the sources do not build', async () => {
    await fs.writeFile(path.join(root, 'cli', 'lib', 'where.ts'), 'export const here = ;\n');
    expect(await bundledEntry(root)).toBeNull();
    expect(await fs.readdir(path.join(root, '.cache', 'cli-bundle'))).toEqual([]);
  });
});
