// writeFileAtomic: writes, refuses to overwrite, overwrites on request, and leaves no temporary file
// behind when it fails.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ATOMIC_TEMP_PATTERN, writeFileAtomic } from '../../../native-models/image/write-file-atomic.ts';
import { isTesseraError } from '../../../native-models/api/errors.ts';

const root = mkdtempSync(join(tmpdir(), 'tessera-atomic-'));
afterAll(() => {
  chmodSync(root, 0o755);
  rmSync(root, { recursive: true, force: true });
});

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isTesseraError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  return 'no error';
}

describe('writeFileAtomic', () => {
  it('writes the bytes and leaves only the target in the folder', async () => {
    const dir = mkdtempSync(join(root, 'ok-'));
    await writeFileAtomic(join(dir, 'a.png'), new Uint8Array([1, 2, 3]));
    expect(Array.from(readFileSync(join(dir, 'a.png')))).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  it('refuses to overwrite an existing file with OUTPUT_EXISTS and keeps it intact', async () => {
    const dir = mkdtempSync(join(root, 'exists-'));
    const path = join(dir, 'a.png');
    writeFileSync(path, 'original');
    expect(await codeOf(writeFileAtomic(path, new Uint8Array([9])))).toMatch(/^OUTPUT_EXISTS: .*a\.png/);
    expect(readFileSync(path, 'utf8')).toBe('original');
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  it('overwrites when asked', async () => {
    const dir = mkdtempSync(join(root, 'over-'));
    const path = join(dir, 'a.png');
    writeFileSync(path, 'original');
    await writeFileAtomic(path, new Uint8Array([65, 66]), { overwrite: true });
    expect(readFileSync(path, 'utf8')).toBe('AB');
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  it('reports a path whose parent is a file as IO_ERROR', async () => {
    const dir = mkdtempSync(join(root, 'notdir-'));
    writeFileSync(join(dir, 'file'), 'x');
    expect(await codeOf(writeFileAtomic(join(dir, 'file', 'a.png'), new Uint8Array([1])))).toMatch(/^IO_ERROR: .*ENOTDIR/);
    expect(readdirSync(dir)).toEqual(['file']);
  });

  it('leaves no temporary file when the final step fails (target is a folder)', async () => {
    // Fails after the temporary file exists: linking/renaming onto a folder is refused.
    const dir = mkdtempSync(join(root, 'cleanup-'));
    mkdirSync(join(dir, 'a.png'));
    const result = await codeOf(writeFileAtomic(join(dir, 'a.png'), new Uint8Array([1]), { overwrite: true }));
    expect(result).toMatch(/^IO_ERROR: /);
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  // Root ignores permission bits, so there the two cases above force the failures instead.
  it.skipIf(process.getuid?.() === 0)('read-only folder → IO_ERROR and no temporary file', async () => {
    const dir = mkdtempSync(join(root, 'ro-'));
    chmodSync(dir, 0o555);
    expect(await codeOf(writeFileAtomic(join(dir, 'a.png'), new Uint8Array([1])))).toMatch(/^IO_ERROR: .*permission denied/);
    chmodSync(dir, 0o755);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('names temporary files so a batch can recognise leftovers', () => {
    expect(ATOMIC_TEMP_PATTERN.test('.a.png.tessera-0a1b2c3d.tmp')).toBe(true);
    expect(ATOMIC_TEMP_PATTERN.test('a.png')).toBe(false);
  });
});
