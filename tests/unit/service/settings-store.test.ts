// Settings: the merged whole is validated (paths absolute, Redis URLs redis:// or rediss://), changes are
// listed, and the file round-trips with defaults for missing fields.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, RedisUrlSchema } from '../../../native-models/api/index.ts';
import { changedSettings, mergeSettings, SettingsStore } from '../../../native-models/service/settings-store.ts';

describe('settings validation', () => {
  it.each(['redis://localhost', 'redis://127.0.0.1:6379/0', 'rediss://user:secret@cache.example.com:6380', 'redis://:pw@h/15'])('accepts %s', (url) => {
    expect(RedisUrlSchema.safeParse(url).success).toBe(true);
  });

  it.each(['http://localhost:6379', 'redis://', 'redis://host:6379/db', 'redis://a b', 'localhost:6379'])('rejects %s', (url) => {
    expect(RedisUrlSchema.safeParse(url).success).toBe(false);
  });

  it('names each bad field and keeps paths absolute', () => {
    expect(() => mergeSettings(DEFAULT_SETTINGS, { threads: -1, outputDir: 'out' })).toThrow(/threads: .*; outputDir: expected an absolute folder path/);
    expect(mergeSettings(DEFAULT_SETTINGS, { outputDir: 'D:\\Pictures' }).outputDir).toBe('D:\\Pictures');
  });

  it('lists what changed', () => {
    expect(changedSettings(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, threads: 4, provider: 'cpu' })).toEqual(['provider', 'threads']);
  });

  it('round-trips through the file, filling fields an older file lacks with defaults', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-settings-'));
    const file = path.join(dir, 'settings.json');
    await fs.writeFile(file, JSON.stringify({ version: 1, settings: { threads: 3 } }));
    const store = await SettingsStore.open(file);
    expect(store.current).toEqual({ ...DEFAULT_SETTINGS, threads: 3 });
    await store.update({ lowMemory: true });
    expect((await SettingsStore.open(file)).current).toEqual({ ...DEFAULT_SETTINGS, threads: 3, lowMemory: true });
    await fs.rm(dir, { recursive: true });
  });
});
