// This process's peak memory, for the throughput benchmarks (batch scenario and npm run bench).
import { readFileSync } from 'node:fs';

/**
 * Peak resident set size so far, MiB: Linux's VmHWM, which belongs to this process image alone.
 * (getrusage's maxRSS survives exec, so a spawned child would report at least its parent's RSS at the fork.)
 */
export function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux: fall through to getrusage
  }
  return process.resourceUsage().maxRSS / 1024;
}
