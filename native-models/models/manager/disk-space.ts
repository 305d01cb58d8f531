// Free-space check before (and during) a download, so an install fails at once instead of filling the disk.
import fs from 'node:fs/promises';
import { TesseraError } from '../../api/errors.ts';

/** `fs.statfs`-shaped: free blocks available to the user and the block size. Injected by tests. */
export type StatfsFunction = (dir: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;

/** Bytes available to this user on the volume holding `dir`; null when the platform cannot tell. */
export async function freeBytes(dir: string, statfs: StatfsFunction = fs.statfs): Promise<number | null> {
  let stats: Awaited<ReturnType<StatfsFunction>>;
  try {
    stats = await statfs(dir);
  } catch (error) {
    // Some file systems (network mounts, old kernels) do not implement statfs: the download then proceeds
    // and a full disk surfaces as the write error it causes.
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSYS' || code === 'ENOTSUP') return null;
    throw new TesseraError('IO_ERROR', `${dir}: cannot read free disk space (${(error as Error).message})`);
  }
  return Number(stats.bavail) * Number(stats.bsize);
}

/** Throws INSUFFICIENT_DISK_SPACE unless `dir`'s volume has `neededBytes` + `headroomBytes` free. */
export async function ensureFreeSpace(dir: string, neededBytes: number, headroomBytes: number, statfs?: StatfsFunction): Promise<void> {
  const free = await freeBytes(dir, statfs);
  if (free === null) return;
  const required = neededBytes + headroomBytes;
  if (free < required) {
    throw new TesseraError(
      'INSUFFICIENT_DISK_SPACE',
      `${dir}: got ${formatBytes(free)} free, expected at least ${formatBytes(required)} (${formatBytes(neededBytes)} to download + ${formatBytes(headroomBytes)} headroom)`,
      { freeBytes: free, requiredBytes: required },
    );
  }
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
