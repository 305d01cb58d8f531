// Dispatches `tessera <command> …` to one module per command; turns engine errors into one clear line.
import { isTesseraError, ownEntry } from '../native-models/index.ts';
import { COMMANDS, usage } from './commands/registry.ts';

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const load = ownEntry(COMMANDS, name);
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
