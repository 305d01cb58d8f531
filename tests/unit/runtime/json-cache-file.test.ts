// The data folder's JSON caches: a round trip keeps what `accept` takes, and a damaged file starts empty.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readJsonCacheEntries, writeJsonCacheEntries } from '../../../native-models/runtime/json-cache-file.ts';

const acceptNumbers = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

describe('json cache file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-json-cache-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes into a new folder and reads back only the entries accept keeps', async () => {
    const file = path.join(dir, 'nested', 'cache.json');
    await writeJsonCacheEntries(file, { a: 1, b: 'not a number', c: 3 });
    expect(await readJsonCacheEntries(file, acceptNumbers)).toEqual({ a: 1, c: 3 });
  });

  it('starts empty for a missing file, a non-JSON file, JSON null and a file without entries', async () => {
    const file = path.join(dir, 'cache.json');
    expect(await readJsonCacheEntries(file, acceptNumbers)).toEqual({});
    for (const text of ['{"entries": {"a": 1', 'null', '{"other": 1}']) {
      await fs.writeFile(file, text);
      expect(await readJsonCacheEntries(file, acceptNumbers)).toEqual({});
    }
  });
});
