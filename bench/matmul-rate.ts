// This machine's matrix-multiply rate in ONNX Runtime (through Tessera's runtime): a 2048³ float32 MatMul,
// the ceiling the UNet floor is measured against. The generation child samples it between its generations, so
// that the rate and the UNet steps are measured over the same minutes of a VM whose speed drifts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OnnxGraphBuilder } from '../native-models/demo/onnx-graph-builder.ts';
import { float32Tensor } from '../native-models/core/tensor.ts';
import { loadOnnxModel } from '../native-models/runtime/index.ts';
import { median, timeRuns } from './stats.ts';

export const MATMUL_SIZE = 2048;

export interface MatmulProbe {
  /** Times `reps` MatMuls (milliseconds each). */
  time(reps: number): Promise<number[]>;
  release(): Promise<void>;
}

/** Loads the MatMul model (its first run, with its allocations, done untimed). */
export async function openMatmulProbe(size = MATMUL_SIZE): Promise<MatmulProbe> {
  const g = new OnnxGraphBuilder('bench_matmul');
  const a = g.input('a', 'float32', [size, size]);
  const weights = new Float32Array(size * size).map((_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);
  g.output(g.op('MatMul', [a, g.constant('float32', weights, [size, size])]), 'c', 'float32', [size, size]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-matmul-'));
  try {
    const file = path.join(dir, 'matmul.onnx');
    await fs.writeFile(file, g.serialize().model);
    const model = await loadOnnxModel(file, { provider: 'cpu' });
    const feed = { a: float32Tensor(new Float32Array(size * size).fill(0.25), [size, size]) };
    await model.run(feed).catch(async (error: unknown) => {
      await model.release();
      throw error;
    });
    return { time: (reps) => timeRuns(reps, () => model.run(feed)), release: () => model.release() };
  } finally {
    await fs.rm(dir, { recursive: true, force: true }); // ONNX Runtime has read the file
  }
}

/** GFLOP/s of the median of `runMs`, 2·size³ FLOPs per run. */
export function matmulGflopsPerS(runMs: readonly number[], size = MATMUL_SIZE): number {
  return (2 * size ** 3) / (median(runMs) / 1000) / 1e9;
}
