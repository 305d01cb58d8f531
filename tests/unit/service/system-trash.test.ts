// The freedesktop.org trash info file (Trash spec 1.0): percent-encoded Path, local DeletionDate, name choice;
// and a real move into a temp home trash.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeTrashPath, homeTrashDir, moveToTrash, trashDeletionDate, trashInfoText, trashNameCandidates } from '../../../native-models/service/system-trash.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

describe('trash info', () => {
  it('percent-encodes each path segment as in URLs and keeps the slashes', () => {
    // The spec's own example style: spaces as %20; non-ASCII as UTF-8 bytes (é = C3 A9); '%' itself escaped.
    expect(encodeTrashPath('/home/u/My Pictures/café 100%.png')).toBe('/home/u/My%20Pictures/caf%C3%A9%20100%25.png');
  });

  it('writes the [Trash Info] group with a local time without zone', () => {
    const date = new Date(2004, 7, 31, 22, 32, 8); // the spec's example date, 2004-08-31T22:32:08
    expect(trashDeletionDate(date)).toBe('2004-08-31T22:32:08');
    expect(trashInfoText('/tmp/a b.png', date)).toBe('[Trash Info]\nPath=/tmp/a%20b.png\nDeletionDate=2004-08-31T22:32:08\n');
  });

  it('tries the name, then numbered names before the extension', () => {
    const names = trashNameCandidates('pic.png');
    expect([names.next().value, names.next().value, names.next().value]).toEqual(['pic.png', 'pic.2.png', 'pic.3.png']);
  });

  it('puts the home trash under XDG_DATA_HOME, else ~/.local/share', () => {
    expect(homeTrashDir({ platform: 'linux', env: { XDG_DATA_HOME: '/x' }, home: '/h' })).toBe('/x/Trash');
    expect(homeTrashDir({ platform: 'linux', env: {}, home: '/h' })).toBe('/h/.local/share/Trash');
  });
});

describe('moveToTrash', () => {
  it('moves the file to files/ with an info file, and picks a new name when one is taken', async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-trash-'));
    const place = { platform: 'linux' as const, env: { XDG_DATA_HOME: path.join(dir, 'xdg') }, home: dir };
    const file = path.join(dir, 'a.png');
    await fs.writeFile(file, 'one');
    expect(await moveToTrash(file, place)).toBe(path.join(dir, 'xdg', 'Trash', 'files', 'a.png'));
    await fs.writeFile(file, 'two');
    expect(await moveToTrash(file, place)).toBe(path.join(dir, 'xdg', 'Trash', 'files', 'a.2.png'));
    expect(await fs.readFile(path.join(dir, 'xdg', 'Trash', 'files', 'a.2.png'), 'utf8')).toBe('two');
    expect(await fs.readFile(path.join(dir, 'xdg', 'Trash', 'info', 'a.2.png.trashinfo'), 'utf8')).toMatch(new RegExp(`^\\[Trash Info\\]\\nPath=${file}\\nDeletionDate=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\n$`));
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it('says UNSUPPORTED on Windows instead of deleting', async () => {
    await expect(moveToTrash('C:\\x.png', { platform: 'win32', env: {}, home: 'C:\\Users\\u' })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});
