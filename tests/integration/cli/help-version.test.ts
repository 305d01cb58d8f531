// `tessera --version` and `tessera <command> --help`: a real CLI process; help is each command's line of the
// help table, exit 0 (generate --help once failed "Unknown option '--help'").
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands/registry.ts';

const execFileAsync = promisify(execFile);
const cli = path.resolve('cli/bin/tessera.js');

describe('tessera help and version', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(await fs.readFile('package.json', 'utf8')) as { version: string };
    const { stdout } = await execFileAsync(process.execPath, [cli, '--version']);
    expect(stdout).toBe(`tessera ${pkg.version}\n`);
  });

  it.each(Object.keys(COMMANDS))('%s --help prints its usage and exits 0', async (name) => {
    const { stdout } = await execFileAsync(process.execPath, [cli, name, '--help']);
    expect(stdout).toContain(`tessera ${name}`);
  }, 30_000);
});
