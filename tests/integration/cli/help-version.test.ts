// `tessera --version` and `tessera <command> --help`: a real CLI process; help is each command's line of the
// help table, exit 0 (generate --help once failed "Unknown option '--help'").
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../cli/commands/registry.ts';
import { demoModel } from '../demo-pack.ts';

const execFileAsync = promisify(execFile);
const cli = path.resolve('cli/bin/tessera.js');

describe('tessera help and version', () => {
  it('--version prints the version of package.json', async () => {
    const pkg = JSON.parse(await fs.readFile('package.json', 'utf8')) as { version: string };
    const { stdout } = await execFileAsync(process.execPath, [cli, '--version']);
    expect(stdout).toBe(`tessera ${pkg.version}\n`);
  });

  // The answers that need no engine start without it (they once loaded onnxruntime-node and sharp through the
  // engine's index: 0.65 s of CPU instead of 0.15 s, at every such start in the tests); a real command's run shows
  // that the preload does see them when they load.
  it('--version, --help and a command\'s --help start without loading onnxruntime-node or sharp', async () => {
    const watch = { ...process.env, TESSERA_TEST_WATCH_PACKAGES: 'onnxruntime-node,sharp' };
    const preload = ['--import', pathToFileURL(path.resolve('tests/fixtures/loaded-packages.mjs')).href];
    for (const args of [['--version'], ['--help'], ['generate', '--help']]) {
      const { stderr } = await execFileAsync(process.execPath, [...preload, cli, ...args], { env: watch });
      expect(stderr, args.join(' ')).toBe('loaded packages: \n');
    }
    const models = await execFileAsync(process.execPath, [...preload, cli, 'models', 'check', demoModel('demo-sd')], { env: watch });
    expect(models.stderr).toContain('loaded packages: onnxruntime-node');
  }, 60_000);

  it.each(Object.keys(COMMANDS))('%s --help prints its usage and exits 0', async (name) => {
    const { stdout } = await execFileAsync(process.execPath, [cli, name, '--help']);
    expect(stdout).toContain(`tessera ${name}`);
  }, 30_000);
});
