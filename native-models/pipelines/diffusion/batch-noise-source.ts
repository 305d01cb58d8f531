// Noise for a batch drawn image by image from per-image generators, the way diffusers' randn_tensor does
// with a list of generators: image k's noise depends only on its own seed.
import type { NoiseSource } from '../../core/noise-source.ts';

export class BatchNoiseSource implements NoiseSource {
  constructor(private readonly perImage: readonly NoiseSource[]) {}

  /** `count` must split evenly over the images: each generator fills its image's share in order. */
  randn(count: number): Float32Array {
    const share = count / this.perImage.length;
    if (!Number.isInteger(share)) throw new RangeError(`cannot split ${count} samples over ${this.perImage.length} images`);
    const out = new Float32Array(count);
    this.perImage.forEach((source, k) => out.set(source.randn(share), k * share));
    return out;
  }
}
