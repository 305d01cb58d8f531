// Before loading a model: does its estimated peak fit the RAM that is free? If not, low-memory mode, with a warning
// saying why, so a generation is not killed by the OOM killer without a word.
import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Peak resident memory ÷ weight bytes on disk, measured on the SD 1.5-sized full-compute pack at 512², 2 steps,
 * guidance 7.5, with `/usr/bin/time -v tessera generate` (BENCHMARKS.md, 2026-12-04: 4,888 and 3,772 MiB for
 * 3,937 MiB of weights, 1.24× and 0.96×, after attention slicing and the per-stage sessions), rounded up for the
 * variation between runs. Larger images add activations on top (sliced attention and tiled VAE keep them to a
 * slice's and a tile's); the guard reads the 512² figure as the floor.
 */
export const PEAK_PER_WEIGHT_BYTE = { normal: 1.3, lowMemory: 1.05 } as const;

/** RAM the kernel can give without swapping: /proc/meminfo MemAvailable on Linux, else os.freemem(). */
export function availableMemoryBytes(): number {
  try {
    const kb = /MemAvailable:\s+(\d+) kB/.exec(readFileSync('/proc/meminfo', 'utf8'));
    if (kb) return Number(kb[1]) * 1024;
  } catch {
    // not Linux
  }
  return os.freemem();
}

export interface MemoryDecision {
  lowMemory: boolean;
  /** Set when the guard switched to low-memory mode, or when even low-memory mode may not fit. */
  warning?: string;
}

const gib = (bytes: number): string => (bytes < 2 ** 30 / 10 && bytes > 0 ? `${(bytes / 2 ** 20).toFixed(0)} MiB` : `${(bytes / 2 ** 30).toFixed(1)} GiB`);

/**
 * Decides the mode for `weightBytes` of models open together given `availableBytes` free (injected in tests).
 * `what` names them in the warning: one model, or a base model with its refiner (whose weights are summed: in normal
 * mode both keep their sessions for the whole generation). Low-memory mode's figure is summed too, which is
 * conservative: there one stage of one model is alive at a time, but freed memory does not always go back at once.
 */
export function guardMemory(weightBytes: number, requestedLowMemory: boolean, availableBytes: number = availableMemoryBytes(), what = 'this model'): MemoryDecision {
  const normalPeak = weightBytes * PEAK_PER_WEIGHT_BYTE.normal;
  const lowPeak = weightBytes * PEAK_PER_WEIGHT_BYTE.lowMemory;
  if (!requestedLowMemory && normalPeak <= availableBytes) return { lowMemory: false };
  if (lowPeak > availableBytes) {
    return { lowMemory: true, warning: `${what} needs about ${gib(lowPeak)} even in low-memory mode, got ${gib(availableBytes)} of free RAM; close other programs or it may be killed` };
  }
  if (requestedLowMemory) return { lowMemory: true };
  return { lowMemory: true, warning: `${what} needs about ${gib(normalPeak)}, got ${gib(availableBytes)} of free RAM: switched to low-memory mode (about ${gib(lowPeak)})` };
}

/** The warning's words for a base model and its refiner, guarded as one. */
export const WITH_REFINER = 'this model with its refiner open beside it';
