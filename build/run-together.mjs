// Runs the npm-script commands given as arguments at the same time and fails when any of them fails.
// Why: the type-check profiles and the lint are independent single-threaded jobs; one after another they keep
// one of a 2-core CI machine's cores idle. Each command's output is held back and printed whole when it ends,
// so two reports never interleave.
import { spawn } from 'node:child_process';

function run(command) {
  return new Promise((resolve) => {
    // A shell, as npm scripts have, with node_modules/.bin on PATH (npm puts it there for the calling script).
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ command, code: 1, output: Buffer.from(`${error.message}\n`) }));
    child.on('close', (code, signal) => resolve({ command, code: code ?? (signal ? 1 : 0), output: Buffer.concat(output) }));
  });
}

const commands = process.argv.slice(2);
const results = await Promise.all(commands.map((command) => run(command).then((result) => {
  process.stdout.write(result.output);
  if (result.code !== 0) process.stderr.write(`failed (exit ${result.code}): ${result.command}\n`);
  return result;
})));
process.exitCode = results.some((result) => result.code !== 0) ? 1 : 0;
