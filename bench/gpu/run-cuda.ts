// `npx tsx bench/gpu/run-cuda.ts` on a machine with an NVIDIA GPU: the full-compute SD 1.5-sized UNet as fp16
// on ONNX Runtime's CUDA execution provider, outputs kept on the GPU between steps (I/O binding through
// preferredOutputLocation), step time against the GPU's measured fp16 MatMul rate. Writes bench-results-cuda.json.
// Not run in this project's CI (no GPU there). It imports onnxruntime-node directly, unlike every other engine
// caller, because Tessera's runtime has no GPU-resident tensor API yet (see BENCHMARKS.md, "GPU").
import fs from 'node:fs/promises';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import { OnnxGraphBuilder } from '../../native-models/demo/onnx-graph-builder.ts';
import { buildUnet } from '../../native-models/demo/full-compute/unet-graph.ts';
import { float32ToFloat16Bits } from '../../native-models/core/float16.ts';
import { median } from '../stats.ts';

const CACHE = path.join('.cache', 'full-compute-fp16');
const steps = Number(process.argv.find((a) => a.startsWith('--steps='))?.slice(8) ?? 20);
const cuda: ort.InferenceSession.SessionOptions = { executionProviders: ['cuda'], graphOptimizationLevel: 'all', logSeverityLevel: 3 };
const half = (n: number, value: number) => float32ToFloat16Bits(new Float32Array(n).fill(value));

async function timeRuns(reps: number, work: () => Promise<void>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await work();
    out.push(performance.now() - t);
  }
  return out;
}

/** The GPU's fp16 matrix rate: an 8192³ MatMul whose output stays on the GPU. */
async function matmulRate(size = 8192): Promise<{ ms: number; tflops: number }> {
  const g = new OnnxGraphBuilder('cuda_matmul');
  const a = g.input('a', 'float16', [size, size]);
  const b = g.input('b', 'float16', [size, size]);
  g.output(g.op('MatMul', [a, b]), 'c', 'float16', [size, size]);
  await fs.mkdir(CACHE, { recursive: true });
  const file = path.join(CACHE, 'matmul.onnx');
  await fs.writeFile(file, g.serialize().model);
  const session = await ort.InferenceSession.create(file, { ...cuda, preferredOutputLocation: 'gpu-buffer' });
  const feeds = { a: new ort.Tensor('float16', half(size * size, 0.01), [size, size]), b: new ort.Tensor('float16', half(size * size, 0.01), [size, size]) };
  await session.run(feeds);
  const ms = median(await timeRuns(10, async () => void (await session.run(feeds))));
  await session.release();
  return { ms, tflops: (2 * size ** 3) / (ms / 1000) / 1e12 };
}

async function main(): Promise<void> {
  const unetDir = path.join(CACHE, 'unet');
  const unetFile = path.join(unetDir, 'model.onnx');
  const net = buildUnet(undefined, 1, 'float16');
  if (!(await fs.stat(unetFile).catch(() => undefined))) {
    process.stderr.write(`writing the fp16 UNet to ${unetDir} (≈ 1.7 GB)…\n`);
    await net.w.write(net.g, unetDir, 'model.onnx', 'model.onnx_data', 'Tessera full-compute UNet, fp16, random weights');
  }
  const matmul = await matmulRate();
  // Outputs stay on the GPU: out_sample of step k is fed as sample of step k+1 without a host copy. (The
  // scheduler arithmetic between steps is elementwise and left out: this measures the UNet steps themselves.)
  const session = await ort.InferenceSession.create(unetFile, { ...cuda, preferredOutputLocation: 'gpu-buffer' });
  const batch = 2; // classifier-free guidance
  let sample: ort.Tensor = new ort.Tensor('float16', half(batch * 4 * 64 * 64, 0.1), [batch, 4, 64, 64]);
  const context = new ort.Tensor('float16', half(batch * 77 * 768, 0.05), [batch, 77, 768]);
  const run = async (t: number) => {
    const out = await session.run({ sample, timestep: new ort.Tensor('float32', Float32Array.of(t), []), encoder_hidden_states: context });
    sample = out.out_sample!;
  };
  await run(999); // warm-up: cuDNN algorithm search
  const location = sample.location;
  const stepMs = median(await timeRuns(steps, () => run(500)));
  await session.release();
  const stepFlops = batch * net.flops.flops;
  const floorMs = (stepFlops / (matmul.tflops * 1e12)) * 1000;
  const results = {
    provider: 'cuda',
    precision: 'float16',
    output_location: location,
    io_binding: location === 'gpu-buffer' ? 'outputs stayed on the GPU' : 'this onnxruntime-node build returned outputs to the CPU (no CUDA I/O binding)',
    unet_step_ms: stepMs,
    unet_step_flops: stepFlops,
    gpu_matmul_tflops: matmul.tflops,
    unet_floor_ms: floorMs,
    unet_step_vs_floor: stepMs / floorMs,
  };
  process.stdout.write(
    `UNet step (fp16, batch 2, CUDA): ${stepMs.toFixed(1)} ms (median of ${steps}); floor ${floorMs.toFixed(1)} ms = ` +
      `${(stepFlops / 1e12).toFixed(2)} TFLOP ÷ ${matmul.tflops.toFixed(0)} TFLOP/s (MatMul 8192³); step ÷ floor ${(stepMs / floorMs).toFixed(2)}×; ${results.io_binding}\n`,
  );
  await fs.writeFile('bench-results-cuda.json', JSON.stringify(results, null, 2) + '\n');
}

await main();
