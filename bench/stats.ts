// Order statistics for the bench: every printed figure is a median (or a percentile) of repeated runs.

/** The q-quantile (0–1) by linear interpolation between order statistics; NaN for no samples. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Times `work` `reps` times and returns the milliseconds of each run. */
export async function timeRuns(reps: number, work: (rep: number) => Promise<unknown>): Promise<number[]> {
  const ms: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const started = performance.now();
    await work(rep);
    ms.push(performance.now() - started);
  }
  return ms;
}

import { peakRssMb } from '../native-models/batch/peak-rss.ts';

export { peakRssMb };

/** "rss N MiB, peak M MiB" for this process now: the memory probes print it at every stage boundary. */
export function memoryLine(): string {
  return `rss ${String(Math.round(process.memoryUsage.rss() / 2 ** 20)).padStart(6)} MiB, peak ${String(Math.round(peakRssMb())).padStart(6)} MiB`;
}
