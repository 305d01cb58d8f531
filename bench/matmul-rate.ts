// This machine's matrix-multiply rate in ONNX Runtime (through Tessera's runtime): a 2048³ float32 MatMul,
// the ceiling the UNet floor is measured against.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OnnxGraphBuilder } from '../native-models/demo/onnx-graph-builder.ts';
import { float32Tensor } from '../native-models/core/tensor.ts';
import { loadOnnxModel } from '../native-models/runtime/index.ts';
import { median, timeRuns } from './stats.ts';

export interface MatmulRate {
  size: number;
  medianMs: number;
  gflopsPerS: number;
}

export async function measureMatmulRate(reps: number, size = 2048): Promise<MatmulRate> {
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
    await model.run(feed); // warm-up: first-run allocations
    const ms = median(await timeRuns(reps, () => model.run(feed)));
    await model.release();
    return { size, medianMs: ms, gflopsPerS: (2 * size ** 3) / (ms / 1000) / 1e9 };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
