// One network of a diffusion folder alone, run a few times on seeded inputs: VmRSS/VmHWM after loading and after
// each run, with or without sliced attention and with the session options the memory levers name. Memory figures
// of BENCHMARKS.md's "Where a generation's memory goes" table come from here. Usage:
//   node --import tsx bench/network-memory-probe.ts DIR/sd15-full/unet/model.onnx --latent=64 --batch=2
//     [--slicing=off|BUDGET] [--arena=off] [--pattern=off] [--opt=basic|extended|all] [--runs=N] [--save=FILE]
// --save writes the last output's float32 bytes, so two variants can be compared with cmp (bit-identity).
import fs from 'node:fs';
import { memoryLine } from './stats.ts';
import { OnnxModel } from '../native-models/runtime/index.ts';
import { makeTensor, type Tensor } from '../native-models/core/tensor.ts';
import { mulberry32 } from '../native-models/core/random/mulberry32.ts';
import type { GraphOptimizationLevel } from '../native-models/runtime/index.ts';

function seeded(dims: number[], seed: number): Tensor {
  const rng = mulberry32(seed);
  return makeTensor('float32', new Float32Array(dims.reduce((a, b) => a * b, 1)).map(() => rng() - 0.5), dims);
}

/** Seeded feeds for a UNet (sample, timestep, encoder_hidden_states) or a VAE decoder (latent_sample). */
function feedsFor(model: OnnxModel, batch: number, latent: number): Record<string, Tensor> {
  const feeds: Record<string, Tensor> = {};
  for (const input of model.inputs) {
    if (input.name === 'sample' || input.name === 'latent_sample') feeds[input.name] = seeded([batch, 4, latent, latent], 1);
    else if (input.name === 'timestep') feeds.timestep = input.shape.length === 0 ? makeTensor('float32', new Float32Array([500]), []) : makeTensor('float32', new Float32Array(batch).fill(500), [batch]);
    else if (input.name === 'encoder_hidden_states') feeds.encoder_hidden_states = seeded([batch, 77, Number(input.shape[2]) || 768], 2);
    else throw new Error(`${model.path}: input ${input.name} is not one this probe fills`);
  }
  return feeds;
}

const [file, ...flags] = process.argv.slice(2);
const flag = (name: string): string | undefined => flags.find((f) => f.startsWith(`--${name}=`))?.split('=')[1];
const slicing = flag('slicing') ?? String(2 ** 22);
console.log(`start: ${memoryLine()}`);
let started = performance.now();
const model = await OnnxModel.load(file!, {
  provider: 'cpu',
  ...(slicing === 'off' ? {} : { attentionSlicing: { budgetElements: Number(slicing) } }),
  ...(flag('arena') === 'off' ? { cpuMemArena: false } : {}),
  ...(flag('pattern') === 'off' ? { memPattern: false } : {}),
  ...(flag('opt') ? { graphOptimizationLevel: flag('opt') as GraphOptimizationLevel } : {}),
});
console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(1)} s (${model.slicedAttentionBlocks} attention blocks sliced): ${memoryLine()}`);
const feeds = feedsFor(model, Number(flag('batch') ?? 1), Number(flag('latent') ?? 64));
let output: Float32Array | undefined;
for (let run = 1; run <= Number(flag('runs') ?? 1); run++) {
  started = performance.now();
  output = Object.values(await model.run(feeds))[0]!.data as Float32Array;
  console.log(`run ${run} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${memoryLine()}`);
}
const save = flag('save');
if (save && output) fs.writeFileSync(save, Buffer.from(output.buffer, output.byteOffset, output.byteLength));
await model.release();
