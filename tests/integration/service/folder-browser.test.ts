// The server-side folder browser's confinement on real folders and symlinks: only the roots and what lies under
// them (hidden folders excepted) are listed or browsed; links leading out are refused and left out of listings;
// a path outside is refused without the file system being asked about it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FolderBrowser } from '../../../native-models/service/folder-browser.ts';

let scratch: string;
let home: string;
let outside: string;
let models: string;
let browser: FolderBrowser;

const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

beforeAll(async () => {
  scratch = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-browse-')));
  home = path.join(scratch, 'home');
  outside = path.join(scratch, 'outside');
  models = path.join(scratch, 'models-elsewhere');
  for (const dir of [path.join(home, 'photos', 'trip'), path.join(home, '.ssh'), path.join(home, 'empty'), path.join(outside, 'secret'), models]) await fs.mkdir(dir, { recursive: true });
  for (const name of ['a.png', 'b.JPG', 'notes.txt']) await fs.writeFile(path.join(home, 'photos', name), name.endsWith('txt') ? 'x' : png);
  await fs.writeFile(path.join(home, 'photos', 'trip', 'c.webp'), png);
  await fs.symlink(outside, path.join(home, 'link-out'));
  await fs.symlink(path.join(home, 'photos'), path.join(home, 'link-in'));
  await fs.symlink(path.join(scratch, 'gone'), path.join(home, 'dangling'));
  browser = new FolderBrowser(() => [
    { label: 'Home', path: home },
    { label: 'Models folder', path: models },
  ]);
});
afterAll(async () => {
  await fs.rm(scratch, { recursive: true, force: true });
});

describe('listFolders confinement', () => {
  it('lists the roots when no path is given', async () => {
    const listing = await browser.list();
    expect(listing.path).toBeNull();
    expect(listing.folders.map((f) => [f.name, f.path])).toEqual([
      ['Home', home],
      ['Models folder', models],
    ]);
  });

  it('lists visible child folders with their image counts; hidden ones, links out and dangling links are left out', async () => {
    const listing = await browser.list(home);
    expect(listing.folders.map((f) => f.name)).toEqual(['empty', 'link-in', 'photos']);
    expect(listing.folders.find((f) => f.name === 'photos')!.imageCount).toBe(2);
    // A link inside the roots is offered at its real path.
    expect(listing.folders.find((f) => f.name === 'link-in')!.path).toBe(path.join(home, 'photos'));
    expect(listing.parent).toBeNull();
    const photos = await browser.list(path.join(home, 'photos'));
    expect(photos).toMatchObject({ path: path.join(home, 'photos'), parent: home, imageCount: 2, folders: [{ name: 'trip', imageCount: 1 }] });
  });

  it('refuses a folder outside every root, a relative path and a hidden folder', async () => {
    await expect(browser.list(outside)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`expected a folder inside one of Home (${home})`) });
    await expect(browser.list('/etc')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(browser.list(path.join(home, '..', 'outside'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(browser.list('photos')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('expected an absolute folder path') });
    await expect(browser.list(path.join(home, '.ssh'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('not a hidden one') });
  });

  it('refuses a symlink leading out of the roots, naming where it leads', async () => {
    await expect(browser.list(path.join(home, 'link-out'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining(`a link to ${outside}`) });
    await expect(browser.list(path.join(home, 'link-out', 'secret'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('links leading out are not followed') });
  });

  it('answers an outside path the same whether it exists or not (nothing is learnt about outside)', async () => {
    const refusal = (dir: string) => browser.list(dir).then(() => 'listed', (e: Error) => e.message);
    const exists = await refusal(path.join(outside, 'secret'));
    const missing = await refusal(path.join(outside, 'nothing-here'));
    expect(exists.replace('secret', 'X')).toBe(missing.replace('nothing-here', 'X'));
  });

  it('says a missing folder inside a root does not exist, and a file is not a folder', async () => {
    await expect(browser.list(path.join(home, 'nope'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('expected an existing folder (ENOENT)') });
    await expect(browser.list(path.join(home, 'photos', 'a.png'))).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('ENOTDIR') });
  });
});
