// `auto` execution-provider choice, measured instead of assumed: time a few runs of a model kind's main network
// on every available provider and keep the faster (a GPU provider can lose to the CPU on small work or with
// copies). The numbers are kept for getHealth so the user sees why a provider was picked.
import { ownEntry } from '../core/own-entry.ts';
import { makeTensor, type Tensor, type TensorType } from '../core/tensor.ts';
import { loadOnnxModel, probeProviders, type ConcreteProvider, type TensorInfo } from '../runtime/index.ts';
import type { ProviderChoice } from '../api/index.ts';

export interface BenchmarkTarget {
  /** What is timed, e.g. `diffusion/unet`; one choice is kept per kind. */
  kind: string;
  modelPath: string;
  /** Values for symbolic dims by name (`height` → 32); unnamed ones get 1. */
  dimHints?: Record<string, number>;
}

export interface BenchmarkOptions {
  /** Timed runs after one warm-up run (default 3). */
  runs?: number;
  /** Providers to try; default every available one that `auto` may pick (cpu and a GPU provider). */
  providers?: ConcreteProvider[];
}

/** Symbolic dims of the usual exports: batch 1, CLIP's 77 tokens, a 32×32 latent (256 px) to keep it short. */
const DEFAULT_DIM_HINTS: Record<string, number> = { batch: 1, batch_size: 1, sequence: 77, sequence_length: 77, height: 32, width: 32, channels: 4 };

function dimValue(dim: number | string, hints: Record<string, number>): number {
  if (typeof dim === 'number') return dim;
  // dim names come from the model file: a symbolic dim called `constructor` must not find Object's
  return ownEntry(hints, dim) ?? ownEntry(hints, dim.replace(/^.*?(height|width|batch|sequence).*$/i, '$1').toLowerCase()) ?? 1;
}

/** A neutral input of the declared type and shape (zeros; ids of 0 are valid tokens). */
export function syntheticFeed(info: TensorInfo, hints: Record<string, number>): Tensor {
  const dims = info.shape.map((d) => dimValue(d, hints));
  const n = dims.reduce((a, b) => a * b, 1);
  const type: TensorType = info.type === 'unknown' ? 'float32' : info.type;
  switch (type) {
    case 'float32':
      return makeTensor('float32', new Float32Array(n), dims);
    case 'float16':
      return makeTensor('float16', new Uint16Array(n), dims);
    case 'int32':
      return makeTensor('int32', new Int32Array(n), dims);
    case 'int64':
      return makeTensor('int64', new BigInt64Array(n), dims);
    case 'uint8':
      return makeTensor('uint8', new Uint8Array(n), dims);
    case 'bool':
      return makeTensor('bool', new Uint8Array(n), dims);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The providers `auto` chooses among on this machine: CPU and any GPU provider that is present. */
export function autoCandidates(): ConcreteProvider[] {
  return probeProviders()
    .filter((p) => p.available && p.provider !== 'webgpu')
    .map((p) => p.provider);
}

export async function benchmarkProviders(target: BenchmarkTarget, options: BenchmarkOptions = {}): Promise<ProviderChoice> {
  const runs = options.runs ?? 3;
  const hints = { ...DEFAULT_DIM_HINTS, ...target.dimHints };
  const measurements: ProviderChoice['measurements'] = [];
  for (const provider of options.providers ?? autoCandidates()) {
    try {
      const model = await loadOnnxModel(target.modelPath, { provider, onWarning: () => {} });
      try {
        const feeds = Object.fromEntries(model.inputs.map((info) => [info.name, syntheticFeed(info, hints)]));
        await model.run(feeds); // warm-up: first runs pay for allocation and kernel selection
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await model.run(feeds);
          times.push(performance.now() - started);
        }
        measurements.push({ provider, medianMs: median(times), runs });
      } finally {
        await model.release();
      }
    } catch (error) {
      measurements.push({ provider, medianMs: null, runs: 0, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const timed = measurements.filter((m) => m.medianMs !== null).sort((a, b) => a.medianMs! - b.medianMs!);
  return { kind: target.kind, chosen: timed[0]?.provider ?? 'cpu', measurements, measuredAt: new Date().toISOString() };
}
