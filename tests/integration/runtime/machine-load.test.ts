// CpuContention sees other processes' CPU time: with one busy child per CPU for a moment, the next look says busy.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { CpuContention } from '../../../native-models/runtime/index.ts';

/** `count` child processes that each spin one CPU for `ms`. */
function burnCpus(count: number, ms: number): Promise<void> {
  const child = () =>
    new Promise<void>((resolve, reject) => {
      const p = spawn(process.execPath, ['-e', `const end = Date.now() + ${ms}; while (Date.now() < end) {}`], { stdio: 'ignore' });
      p.on('error', reject);
      p.on('exit', () => resolve());
    });
  return Promise.all(Array.from({ length: count }, child)).then(() => undefined);
}

describe('CpuContention', () => {
  it('other processes spinning every CPU since the last look: busy', async () => {
    const contention = new CpuContention();
    await burnCpus(os.cpus().length, 600);
    expect(contention.othersBusy()).toBe(true);
  });
});
