// build/run-together.mjs (how `npm test` runs the type-check profiles and the lint at once): every command runs,
// each one's output comes out whole, and one failing command fails the whole.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);

async function together(...commands: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, ['build/run-together.mjs', ...commands]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const node = (script: string) => `"${process.execPath}" -e "${script}"`;

describe('run-together', () => {
  it('runs every command and prints each one\'s output in one piece', async () => {
    const slow = node("process.stdout.write('slow 1\\n'); setTimeout(() => process.stdout.write('slow 2\\n'), 300)");
    const fast = node("process.stdout.write('fast\\n')");
    const result = await together(slow, fast);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n').filter(Boolean);
    expect(lines.sort()).toEqual(['fast', 'slow 1', 'slow 2']);
    // 'fast' ends while 'slow' waits between its lines, yet never lands between them.
    expect(result.stdout).toContain('slow 1\nslow 2\n');
  });

  it('fails when one command fails, after the others ran, naming it', async () => {
    const result = await together(node('process.exit(3)'), node("process.stdout.write('still ran\\n')"));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('still ran');
    expect(result.stderr).toContain('failed (exit 3)');
  });
});
