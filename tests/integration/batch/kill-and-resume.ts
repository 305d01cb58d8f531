// Starts a batch child process and kills it with SIGKILL at a random point of its run: after a random
// number of JSON-lines events, plus a random delay of a few milliseconds (landing inside the next item).
import { spawn } from 'node:child_process';
import { mulberry32 } from '../../../native-models/core/random/mulberry32.ts';

/** Deterministic pseudo-random numbers (mulberry32) so a failing sequence of kill points can be replayed. */
export const seededRandom = mulberry32;

export interface KillOutcome {
  /** True when the kill landed before the child finished on its own. */
  killed: boolean;
  eventsSeen: number;
}

export function runAndKill(command: string, args: string[], afterEvents: number, extraDelayMs: number): Promise<KillOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let events = 0;
    let buffered = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      events += lines.length;
      if (!armed && events >= afterEvents) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', eventsSeen: events }));
  });
}

/** Sends SIGINT once `afterEvents` events were seen; resolves with the exit code and everything printed. */
export function runAndInterrupt(command: string, args: string[], afterEvents: number): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let sent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!sent && stdout.split('\n').length - 1 >= afterEvents) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout }));
  });
}
