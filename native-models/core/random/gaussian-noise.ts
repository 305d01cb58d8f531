// The seeded Gaussian noise the pipelines use for initial latents: one torch.randn(shape) on a fresh CPU generator.
import { TorchCpuGenerator } from './torch-cpu-generator.ts';
import type { TorchSeed } from './torch-cpu-generator.ts';

/**
 * Standard-normal float32 noise for a tensor of `shape` (row-major), equal to
 * `torch.randn(shape, generator=torch.Generator("cpu").manual_seed(seed), dtype=torch.float32)`
 * — what diffusers draws for initial latents when given a CPU generator. The same seed and shape give the same
 * values on every platform.
 */
export function gaussianNoise(seed: TorchSeed, shape: readonly number[]): Float32Array {
  let count = 1;
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) throw new RangeError(`shape dims must be non-negative integers, got [${shape.join(', ')}]`);
    count *= d;
  }
  return new TorchCpuGenerator(seed).randn(count);
}
