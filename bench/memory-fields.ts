// The memory figures of issue #21, measured side by side in one bench run, each in a process of its own: peak RSS of
// a 512² generation in normal and low-memory mode (the same steps, so the two compare), of a 1024² generation
// (tiled VAE decode, automatic above 768²), and the 1024² VAE decode tiled vs untiled (time and peak RSS).
import { runGenerationChild } from './generation-child.ts';
import { formatBytesMb, ms, ratio, type Row } from './results-table.ts';
import { runVaeDecodeChild } from './vae-tiling-child.ts';

export interface MemoryFigures {
  weightsMb: number;
  steps: number;
  normalPeakMb: number;
  normalMs: number;
  lowMemoryPeakMb: number;
  lowMemoryMs: number;
  peak1024Mb: number;
  vaeTiled: { ms: number; peakMb: number };
  vaeUntiled: { ms: number; peakMb: number };
}

export async function measureMemory(sdDir: string, weightsMb: number, steps: number, log: (m: string) => void): Promise<MemoryFigures> {
  log(`memory: 512² generation, ${steps} steps, normal then low-memory mode (child processes)…`);
  const normal = await runGenerationChild(sdDir, [steps], 1, false);
  const low = await runGenerationChild(sdDir, [steps], 1, true);
  log('memory: 1024² VAE decode untiled, then tiled (child processes)…');
  const untiled = await runVaeDecodeChild(sdDir, false, 1024);
  const tiled = await runVaeDecodeChild(sdDir, true, 1024);
  log('memory: 1024² generation, 1 step, guidance 0 (child process)…');
  const big = await runGenerationChild(sdDir, [1], 1, false, 1024, 0);
  return {
    weightsMb,
    steps,
    normalPeakMb: normal.peakRssMb,
    normalMs: normal.runs[0]!.wallMs,
    lowMemoryPeakMb: low.peakRssMb,
    lowMemoryMs: low.runs[0]!.wallMs,
    peak1024Mb: big.peakRssMb,
    vaeTiled: { ms: tiled.decodeMs, peakMb: tiled.peakRssMb },
    vaeUntiled: { ms: untiled.decodeMs, peakMb: untiled.peakRssMb },
  };
}

/** bench-results.json fields, named as issue #21 names them. */
export function memoryFields(m: MemoryFigures) {
  return {
    weights_mb: m.weightsMb,
    memory_steps: m.steps,
    peak_rss_512_mb: m.normalPeakMb,
    peak_rss_low_memory_mb: m.lowMemoryPeakMb,
    peak_rss_per_weight: m.normalPeakMb / m.weightsMb,
    peak_rss_low_memory_per_weight: m.lowMemoryPeakMb / m.weightsMb,
    low_memory_generation_ms: m.lowMemoryMs,
    peak_rss_1024_mb: m.peak1024Mb,
    vae_tiled_1024_ms: m.vaeTiled.ms,
    vae_untiled_1024_ms: m.vaeUntiled.ms,
    vae_tiled_1024_peak_rss_mb: m.vaeTiled.peakMb,
    vae_untiled_1024_peak_rss_mb: m.vaeUntiled.peakMb,
  };
}

export function memoryRows(m: MemoryFigures): Row[] {
  return [
    [`peak RSS, 512² generation (${m.steps} steps)`, `${formatBytesMb(m.normalPeakMb)} = ${ratio(m.normalPeakMb / m.weightsMb)} the ${formatBytesMb(m.weightsMb)} of weights (goal ≤ 1.3×), ${ms(m.normalMs)}`],
    [`peak RSS, 512² low-memory generation (${m.steps} steps)`, `${formatBytesMb(m.lowMemoryPeakMb)} = ${ratio(m.lowMemoryPeakMb / m.weightsMb)} (goal ≤ 1.1×), ${ms(m.lowMemoryMs)} incl. loads`],
    ['peak RSS, 1024² generation (1 step, guidance 0)', `${formatBytesMb(m.peak1024Mb)} = ${ratio(m.peak1024Mb / m.weightsMb)} (tiled VAE decode)`],
    ['VAE decode 1024², tiled vs untiled', `${ms(m.vaeTiled.ms)} vs ${ms(m.vaeUntiled.ms)}; peak RSS ${formatBytesMb(m.vaeTiled.peakMb)} vs ${formatBytesMb(m.vaeUntiled.peakMb)}`],
  ];
}
