// May this batch run on this output folder? The one rule for local batches (BatchRunner), distributed batches
// (their submitter) and the app's Batch panel (startBatch): one batch per folder at a time, held by a lock file
// in the folder that names its holder (pid, host, start time). A holder that is gone is taken over: a local
// batch whose process is dead on this host (or died before the last reboot), a distributed batch that its
// Redis says is no longer running (only the submitter can ask Redis). Anything else refuses at once.

import { randomBytes } from 'node:crypto';
import { link, open, readFile, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TesseraError } from '../api/errors.ts';

/** In the output folder; hidden, so folder listings and input discovery pass it by. */
export const FOLDER_LOCK_NAME = '.tessera-batch.lock';
const TAKEOVER_SUFFIX = '.takeover';

export interface FolderLockHolder {
  pid: number;
  host: string;
  /** ISO-8601. */
  startedAt: string;
  /** Job kind: cutout, generate, img2img. */
  job: string;
  /** Linux boot id when readable: a pid recorded before a reboot is not the process running under it now. */
  boot?: string;
  /** A distributed batch holds the folder from its submission until its follower records its end. */
  distributedBatch?: string;
}

export interface FolderLock {
  readonly path: string;
  readonly holder: FolderLockHolder;
  /** The stale holder this lock replaced, if any (callers say so). */
  readonly tookOver?: FolderLockHolder;
  release(): Promise<void>;
}

export interface FolderLockOptions {
  job: string;
  distributedBatch?: string;
  /** Whether a distributed batch still runs; without it (no Redis at hand) a distributed holder counts as live. */
  distributedRunning?: (batchId: string) => Promise<boolean>;
}

/** Lock files this process holds: its own pid in a lock is live only if it is one of these. */
const heldHere = new Set<string>();

let bootId: Promise<string | undefined> | undefined;
function currentBoot(): Promise<string | undefined> {
  bootId ??= readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (text) => text.trim() || undefined,
    () => undefined,
  );
  return bootId;
}

function lockPathOf(outputDir: string): string {
  return join(outputDir, FOLDER_LOCK_NAME);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

function parseHolder(text: string): FolderLockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<FolderLockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.startedAt === 'string' && typeof value.job === 'string') return value as FolderLockHolder;
  } catch {
    // not JSON: reported below as an unreadable lock
  }
  return null;
}

/** The lock file's text, or null when there is none. */
async function readLockText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null; // no folder yet (or a file in its place: reported where it is used)
    throw new TesseraError('IO_ERROR', `cannot read the folder lock ${path} (${code ?? String(error)}), expected a readable file`, { file: path, errno: code });
  }
}

/**
 * Creates `path` holding `text` only if it does not exist, in one step: the text goes to a temporary file created
 * with O_EXCL and is hard-linked into place (link(2) fails with EEXIST like O_EXCL), so a lock is never seen empty
 * or half written, even after a kill. Returns false when the path exists.
 */
async function createExclusive(path: string, text: string): Promise<boolean> {
  const temp = `${path}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx').catch((error: NodeJS.ErrnoException) => {
    throw new TesseraError('IO_ERROR', `cannot create the folder lock ${path} (${error.code ?? String(error)}), expected a writable output folder`, { file: path, errno: error.code });
  });
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    throw new TesseraError('IO_ERROR', `cannot create the folder lock ${path} (${code ?? String(error)}), expected a writable output folder`, { file: path, errno: code });
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

type Verdict = 'live' | 'stale' | 'unknown-host';

async function judge(holder: FolderLockHolder, path: string, options: Pick<FolderLockOptions, 'distributedRunning'>): Promise<Verdict> {
  if (holder.distributedBatch !== undefined) {
    if (!options.distributedRunning) return 'live';
    return (await options.distributedRunning(holder.distributedBatch)) ? 'live' : 'stale';
  }
  if (holder.host !== hostname()) return 'unknown-host';
  const boot = await currentBoot();
  if (holder.boot !== undefined && boot !== undefined && holder.boot !== boot) return 'stale';
  if (holder.pid === process.pid) return heldHere.has(path) ? 'live' : 'stale';
  return processAlive(holder.pid) ? 'live' : 'stale';
}

/** Who holds it, for messages: `a batch (cutout, pid 41 on host studio) running since 2026-…`. */
export function describeHolder(holder: FolderLockHolder): string {
  if (holder.distributedBatch !== undefined) return `distributed batch ${holder.distributedBatch} (${holder.job}, submitted from host ${holder.host} at ${holder.startedAt})`;
  return `a batch (${holder.job}, pid ${holder.pid} on host ${holder.host}) running since ${holder.startedAt}`;
}

function busyError(outputDir: string, path: string, holder: FolderLockHolder, verdict: Verdict): TesseraError {
  const what = describeHolder(holder);
  const advice =
    holder.distributedBatch !== undefined
      ? `follow it to its end with \`tessera batch wait ${holder.distributedBatch} --redis URL\`, or choose another folder (if that batch is gone from Redis, delete ${path})`
      : verdict === 'unknown-host'
        ? `wait for it to finish, or choose another folder (another machine's process cannot be checked from here: if that batch no longer runs, delete ${path})`
        : 'wait for it to finish, or choose another folder';
  return new TesseraError('FOLDER_LOCKED', `output folder ${outputDir}: got ${what} writing there, expected a folder no other batch writes to: ${advice}`, {
    lockFile: path,
    holder,
  });
}

function unreadableError(outputDir: string, path: string): TesseraError {
  return new TesseraError('FOLDER_LOCKED', `output folder ${outputDir}: got a lock file ${path} that does not name its holder, expected one written by a Tessera batch (delete it if no batch runs there)`, { lockFile: path });
}

/**
 * Throws FOLDER_LOCKED when a live batch holds the folder (a stale lock counts as free). For checks before queueing;
 * with `distributedDecidedLater`, a distributed holder passes (a distributed submitter attaches to it or refuses).
 */
export async function checkFolderFree(outputDir: string, options: { distributedDecidedLater?: boolean } = {}): Promise<void> {
  const path = lockPathOf(outputDir);
  const text = await readLockText(path);
  if (text === null) return;
  const holder = parseHolder(text);
  if (!holder) throw unreadableError(outputDir, path);
  if (holder.distributedBatch !== undefined && options.distributedDecidedLater) return;
  const verdict = await judge(holder, path, {});
  if (verdict !== 'stale') throw busyError(outputDir, path, holder, verdict);
}

/**
 * Takes the folder for this batch, or throws FOLDER_LOCKED naming the holder. The folder must exist. A stale
 * lock is replaced under a second exclusive file (`….takeover`), so that of two batches finding the same stale
 * lock only one takes it and the other then meets the winner's lock.
 */
export async function acquireFolderLock(outputDir: string, options: FolderLockOptions): Promise<FolderLock> {
  const path = lockPathOf(outputDir);
  const holder: FolderLockHolder = {
    pid: process.pid,
    host: hostname(),
    startedAt: new Date().toISOString(),
    job: options.job,
    ...((await currentBoot()) !== undefined ? { boot: await currentBoot() } : {}),
    ...(options.distributedBatch !== undefined ? { distributedBatch: options.distributedBatch } : {}),
  };
  const text = JSON.stringify(holder) + '\n';
  let tookOver: FolderLockHolder | undefined;
  for (let attempt = 0; ; attempt++) {
    if (await createExclusive(path, text)) break;
    const existing = await readLockText(path);
    if (existing === null) continue; // released meanwhile: try again
    const other = parseHolder(existing);
    if (!other) throw unreadableError(outputDir, path);
    if (options.distributedBatch !== undefined && other.distributedBatch === options.distributedBatch) {
      return lockHandle(path, other, undefined); // the same distributed batch, submitted again: it holds it already
    }
    const verdict = await judge(other, path, options);
    if (verdict !== 'stale') throw busyError(outputDir, path, other, verdict);
    if (attempt >= 50) throw busyError(outputDir, path, other, 'live');
    if (await replaceStale(path, existing, text, options)) {
      tookOver = other;
      break;
    }
  }
  heldHere.add(path);
  return lockHandle(path, holder, tookOver);
}

function lockHandle(path: string, holder: FolderLockHolder, tookOver: FolderLockHolder | undefined): FolderLock {
  const text = JSON.stringify(holder) + '\n';
  return {
    path,
    holder,
    tookOver,
    async release() {
      heldHere.delete(path);
      // Only our own lock goes: a lock that is no longer ours (taken over after we were thought dead) stays.
      if ((await readLockText(path).catch(() => null)) === text) await unlink(path).catch(() => undefined);
    },
  };
}

/** Under the takeover guard: if the lock still holds the stale text, replace it with ours. False: try again. */
async function replaceStale(path: string, staleText: string, text: string, options: FolderLockOptions): Promise<boolean> {
  const guard = path + TAKEOVER_SUFFIX;
  if (!(await createExclusive(guard, text))) {
    // Another batch is taking over right now, or died doing so (then its guard is stale too).
    const guardHolder = parseHolder((await readLockText(guard)) ?? '');
    const ownGuard = guardHolder?.pid === process.pid && guardHolder.host === hostname(); // another call in this process
    if (guardHolder === null || (!ownGuard && (await judge(guardHolder, guard, options)) === 'stale')) await unlink(guard).catch(() => undefined);
    else await new Promise((resolve) => setTimeout(resolve, 20));
    return false;
  }
  try {
    if ((await readLockText(path)) !== staleText) return false;
    await unlink(path);
    return await createExclusive(path, text);
  } finally {
    await unlink(guard).catch(() => undefined);
  }
}

/** A distributed batch's follower lets the folder go once the batch is recorded complete (only its own lock). */
export async function releaseDistributedFolderLock(outputDir: string, batchId: string): Promise<void> {
  const path = lockPathOf(outputDir);
  const text = await readLockText(path).catch(() => null);
  const holder = text === null ? null : parseHolder(text);
  if (holder?.distributedBatch === batchId) await unlink(path).catch(() => undefined);
}
