// Keeps long command lines out of ONNX Runtime's way. onnxruntime-node 1.30 segfaults (exit 139, no message) in
// InferenceSession.create when the process's command line is about 24 KB or more (measured: 24,000 bytes of
// arguments pass, 30,000 crash; the OS argv counts, rewriting process.argv does not help; a large environment is
// fine). A 100 KB --prompt or 3,000 --point flags reach that. So an over-long command line is re-run in a child
// whose own argv is short, the arguments handed over the IPC channel; the parent only relays the exit status.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Bytes of arguments above which the CLI relays them: well under the ~24 KB that still runs. */
export const ARGV_RELAY_BYTES = 16 * 1024;

/** Set in the child's environment; its value is irrelevant, its presence says "read the arguments over IPC". */
const RELAY_ENV = 'TESSERA_ARGV_OVER_IPC';

const ENTRY = fileURLToPath(new URL('./bin/tessera.js', import.meta.url));

export function argvBytes(args: string[]): number {
  return args.reduce((n, a) => n + Buffer.byteLength(a) + 1, 0);
}

/**
 * The arguments this process should run, or null when it handed them to a child (then `process.exitCode` is
 * the child's status once the returned promise settles).
 */
export async function argumentsToRun(args: string[]): Promise<string[] | null> {
  if (process.env[RELAY_ENV] !== undefined && process.send) return receiveArguments();
  if (argvBytes(args) <= ARGV_RELAY_BYTES) return args;
  process.exitCode = await relayToChild(args);
  return null;
}

function receiveArguments(): Promise<string[]> {
  delete process.env[RELAY_ENV]; // processes this one starts (Electron, workers) read their own argv again
  return new Promise((resolve) => {
    process.once('message', (message) => {
      process.channel?.unref(); // an open channel would keep the event loop alive after the command is done
      resolve(message as string[]);
    });
  });
}

function relayToChild(args: string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ENTRY], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [RELAY_ENV]: '1' },
  });
  child.send(args);
  // A terminal's Ctrl+C reaches both processes; the child decides what it means (a generation stops cleanly).
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`tessera: internal error: cannot start the engine process for a long command line (${error.message})\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      if (signal) process.stderr.write(`tessera: internal error: the engine process ended by ${signal}\n`);
      resolve(code ?? 1);
    });
  });
}
