// Whether other processes keep this machine's CPUs busy, from the CPU time they used since the last look: for
// choices that pay off only on free cores (SamSegmenter's spinning decoder threads).
import os from 'node:os';

interface CpuSample {
  atMs: number;
  /** Non-idle CPU time of the whole machine so far, all cores (ms). */
  machineMs: number;
  /** CPU time of this process so far, all threads (ms). */
  ownMs: number;
}

function sample(): CpuSample {
  let machineMs = 0;
  for (const { times } of os.cpus()) machineMs += times.user + times.nice + times.sys + times.irq;
  const own = process.cpuUsage();
  return { atMs: performance.now(), machineMs, ownMs: (own.user + own.system) / 1000 };
}

/** A shorter window reuses the last answer: the counters advance in 10 ms ticks. */
const MIN_WINDOW_MS = 250;

/**
 * Answers "are other processes busy?" over the time since its previous answer (or its creation). Unlike the load
 * average, which trails by a minute, it sees a machine that became free at the next look; os.cpus() costs ≈ 0.1 ms.
 */
export class CpuContention {
  private last = sample();
  private busy = false;

  /**
   * True when, since the previous look, other processes used at least half of the machine's CPU time (on two
   * cores: one core's worth, i.e. no core free for a second intra-op thread; only measured on 2 cores).
   */
  othersBusy(): boolean {
    const now = sample();
    const wallMs = now.atMs - this.last.atMs;
    if (wallMs < MIN_WINDOW_MS) return this.busy;
    const othersMs = now.machineMs - this.last.machineMs - (now.ownMs - this.last.ownMs);
    this.busy = othersMs >= 0.5 * wallMs * os.cpus().length;
    this.last = now;
    return this.busy;
  }
}
