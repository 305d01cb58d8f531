// History naming and paging, the data folder's default place, and a corrupt index moved aside.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultDataDir } from '../../../native-models/service/data-folder.ts';
import { HistoryStore, newestFirstPage, outputFileName } from '../../../native-models/service/history-store.ts';

describe('history', () => {
  it('names outputs by local time and seed, numbering repeats', () => {
    const date = new Date(2026, 10, 28, 14, 30, 5);
    expect(outputFileName(date, 11, 1)).toBe('tessera-20261128-143005-s11.png');
    expect(outputFileName(date, 11, 3)).toBe('tessera-20261128-143005-s11-3.png');
  });

  it('pages newest first over an oldest-first list', () => {
    const items = [1, 2, 3, 4, 5];
    expect(newestFirstPage(items, 0, 2)).toEqual([5, 4]);
    expect(newestFirstPage(items, 2, 2)).toEqual([3, 2]);
    expect(newestFirstPage(items, 4, 10)).toEqual([1]);
    expect(newestFirstPage(items, 9, 2)).toEqual([]);
  });

  it('moves an unreadable index aside and starts empty', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-history-'));
    await fs.writeFile(path.join(dir, 'history.json'), '{"version":1,"items":[{"id":"nope"}]}');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const store = await HistoryStore.open(path.join(dir, 'history.json'), path.join(dir, 'thumbnails'));
    expect(store.total).toBe(0);
    expect((await fs.readdir(dir)).filter((f) => f.startsWith('history.json.corrupt-'))).toHaveLength(1);
    expect(warn.mock.calls[0]![0]).toMatch(/history\.json: got items\.0\..*moved it to/);
    warn.mockRestore();
    await fs.rm(dir, { recursive: true });
  });
});

describe('defaultDataDir', () => {
  it('sits next to the default models folder on each platform, TESSERA_DATA_DIR first', () => {
    expect(defaultDataDir({ XDG_DATA_HOME: '/xdg' }, 'linux', '/home/u')).toBe('/xdg/tessera');
    expect(defaultDataDir({}, 'linux', '/home/u')).toBe('/home/u/.local/share/tessera');
    expect(defaultDataDir({ TESSERA_MODELS_DIR: '/m' }, 'linux', '/home/u')).toBe('/home/u/.local/share/tessera');
    expect(defaultDataDir({}, 'darwin', '/Users/u')).toBe('/Users/u/Library/Application Support/Tessera');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe('C:\\Users\\u\\AppData\\Roaming\\Tessera');
    expect(defaultDataDir({ TESSERA_DATA_DIR: '/data' }, 'linux', '/home/u')).toBe('/data');
  });
});
