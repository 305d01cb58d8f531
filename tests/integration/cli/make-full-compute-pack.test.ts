// `tessera models make-demo --full-compute DIR` is accepted and, because the pack writer clears its folder, refuses a
// folder holding someone's files (writing the real pack takes GBs and ~40 s, so that part is the bench's and a manual run's).
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);
const cli = path.resolve('cli/bin/tessera.js');

describe('tessera models make-demo --full-compute', () => {
  it('refuses a folder with other files and leaves them in place', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-full-compute-'));
    try {
      await fs.writeFile(path.join(dir, 'keep.txt'), 'mine');
      const failure = await execFileAsync(process.execPath, [cli, 'models', 'make-demo', '--full-compute', dir]).then(() => undefined, (e: { code: number; stderr: string }) => e);
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('[OUTPUT_EXISTS]');
      expect(failure?.stderr).toContain('expected an empty folder or an earlier full-compute pack');
      expect(await fs.readFile(path.join(dir, 'keep.txt'), 'utf8')).toBe('mine');
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
