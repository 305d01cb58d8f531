// Whether other work already keeps every CPU of this machine busy, for choices that pay off only on free cores.
import os from 'node:os';

/**
 * True when the 1-minute load average is at least the number of CPUs: on average every core already has a
 * runnable thread. Windows reports no load average (zeros), so there it is always false.
 */
export function cpusBusy(): boolean {
  return os.loadavg()[0]! >= os.availableParallelism();
}
