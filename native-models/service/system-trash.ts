// Moves a file to the user's trash so a deleted gallery image can be restored: the freedesktop.org Trash
// specification 1.0 on Linux and the BSDs (home trash: `$XDG_DATA_HOME/Trash/files` + `info/*.trashinfo`),
// `~/.Trash` on macOS; elsewhere UNSUPPORTED (the Electron host can use shell.trashItem instead).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TesseraError } from '../api/errors.ts';

export interface TrashPlace {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  home: string;
}

const FREEDESKTOP: readonly NodeJS.Platform[] = ['linux', 'freebsd', 'openbsd', 'netbsd', 'sunos', 'aix'];

/** The trash of this process's user. */
export function currentTrashPlace(): TrashPlace {
  return { platform: process.platform, env: process.env, home: os.homedir() };
}

/** The spec's `Path=` value: the absolute path with each segment percent-encoded as in URLs (RFC 2396), `/` kept. */
export function encodeTrashPath(absolutePath: string): string {
  return absolutePath.split('/').map(encodeURIComponent).join('/');
}

/** `DeletionDate=` is local time without zone, `YYYY-MM-DDThh:mm:ss`. */
export function trashDeletionDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

export function trashInfoText(absolutePath: string, deletedAt: Date): string {
  return `[Trash Info]\nPath=${encodeTrashPath(absolutePath)}\nDeletionDate=${trashDeletionDate(deletedAt)}\n`;
}

/** Names to try in the trash: the file's own, then `stem.2.ext`, `stem.3.ext`, … (a name must not be reused). */
export function* trashNameCandidates(fileName: string): Generator<string> {
  yield fileName;
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  for (let n = 2; ; n++) yield `${stem}.${n}${ext}`;
}

/** `$XDG_DATA_HOME/Trash`, the spec's "home trash" (XDG_DATA_HOME defaults to ~/.local/share). */
export function homeTrashDir(place: TrashPlace): string {
  return path.join(place.env.XDG_DATA_HOME || path.join(place.home, '.local', 'share'), 'Trash');
}

/** Moves `file` into the trash; answers where it now is. UNSUPPORTED on platforms without a known trash. */
export async function moveToTrash(file: string, place: TrashPlace = currentTrashPlace()): Promise<string> {
  const absolute = path.resolve(file);
  try {
    if (FREEDESKTOP.includes(place.platform)) return await freedesktopTrash(absolute, place);
    if (place.platform === 'darwin') return await macTrash(absolute, place);
  } catch (error) {
    if (error instanceof TesseraError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'UNKNOWN';
    throw new TesseraError('IO_ERROR', `cannot move ${absolute} to the trash: ${(error as Error).message} (${code})`, { file: absolute, errno: code });
  }
  throw new TesseraError('UNSUPPORTED', `moving files to the trash: got platform "${place.platform}", expected Linux/BSD (freedesktop.org trash) or macOS; delete ${absolute} yourself or use the desktop app`);
}

async function freedesktopTrash(absolute: string, place: TrashPlace): Promise<string> {
  const trash = homeTrashDir(place);
  const filesDir = path.join(trash, 'files');
  const infoDir = path.join(trash, 'info');
  await fs.mkdir(filesDir, { recursive: true, mode: 0o700 });
  await fs.mkdir(infoDir, { recursive: true, mode: 0o700 });
  const info = trashInfoText(absolute, new Date());
  for (const name of trashNameCandidates(path.basename(absolute))) {
    // The spec's lock: creating the .trashinfo exclusively reserves the name against other trashers.
    const infoFile = path.join(infoDir, `${name}.trashinfo`);
    try {
      await fs.writeFile(infoFile, info, { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw error;
    }
    const target = path.join(filesDir, name);
    if (await exists(target)) {
      await fs.unlink(infoFile);
      continue;
    }
    try {
      await moveFile(absolute, target);
    } catch (error) {
      await fs.unlink(infoFile).catch(() => undefined); // the move failed: the reservation must not linger
      throw error;
    }
    return target;
  }
  throw new TesseraError('INTERNAL', 'unreachable: trash name candidates are endless');
}

async function macTrash(absolute: string, place: TrashPlace): Promise<string> {
  const trash = path.join(place.home, '.Trash');
  for (const name of trashNameCandidates(path.basename(absolute))) {
    const target = path.join(trash, name);
    if (await exists(target)) continue;
    await moveFile(absolute, target);
    return target;
  }
  throw new TesseraError('INTERNAL', 'unreachable: trash name candidates are endless');
}

/** Rename on the same device; across devices copy (never over an existing file), then delete the original. */
async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.copyFile(from, to, fs.constants.COPYFILE_EXCL);
    await fs.unlink(from);
  }
}

async function exists(file: string): Promise<boolean> {
  return (await fs.lstat(file).catch(() => undefined)) !== undefined;
}
