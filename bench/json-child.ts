// Runs one of the bench's TypeScript scripts in a fresh Node process and parses the JSON line it prints last:
// for figures that need a process of their own (a peak RSS, onnxruntime-web's once-per-process thread count).
import { spawn } from 'node:child_process';
import path from 'node:path';

export function runJsonChild<T>(script: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`${path.basename(script)} ${args.join(' ')}: got exit code ${code}, expected 0`));
      resolve(JSON.parse(stdout.trim().split('\n').at(-1)!) as T);
    });
  });
}
