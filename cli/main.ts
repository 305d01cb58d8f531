// Dispatches `tessera <command> …` to one module per command; turns engine errors into one clear line.
import fs from 'node:fs/promises';
// The two helpers from their own modules, not the engine's index: `--version`, `--help` and a usage error then
// start without loading onnxruntime-node and sharp (the command modules load what they need).
import { isTesseraError } from '../native-models/api/errors.ts';
import { ownEntry } from '../native-models/core/own-entry.ts';
import { COMMANDS, COMMAND_HELP, OWN_HELP, usage } from './commands/registry.ts';

/** The version package.json declares (the one `tessera --version` and the Studio's health report). */
async function version(): Promise<string> {
  const pkg = JSON.parse(await fs.readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V') {
    process.stdout.write(`tessera ${await version()}\n`);
    return 0;
  }
  const load = ownEntry(COMMANDS, name);
  // `--help` anywhere after a command prints that command's line of the one help table (batch and worker
  // print fuller help of their own).
  if (load && ownEntry(COMMAND_HELP, name) && !OWN_HELP.has(name) && (rest.includes('--help') || rest.includes('-h'))) {
    const help = COMMAND_HELP[name]!;
    process.stdout.write(`usage: tessera ${help.startsWith(name) ? help : `${name} ${help}`}\n`);
    return 0;
  }
  if (!load) {
    process.stderr.write(`tessera: unknown command "${name}", expected one of ${Object.keys(COMMANDS).join(', ')}\n${usage()}`);
    return 2;
  }
  const command = await load();
  return command.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (isTesseraError(error)) {
    process.stderr.write(`tessera: error [${error.code}]: ${error.message}\n`);
  } else if (error instanceof Error && error.name === 'CliUsageError') {
    process.stderr.write(`tessera: ${error.message}\n`);
  } else {
    // Unexpected: keep the stack, it is a bug worth reporting.
    process.stderr.write(`tessera: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}
