// The interface every consumer of Gaussian noise uses (initial latents, ancestral/SDE schedulers).

/** A stateful stream of standard-normal samples; same seed, same stream, on every platform. */
export interface NoiseSource {
  /** The next `count` samples of N(0, 1), in the order torch.randn would fill a tensor of that many elements. */
  randn(count: number): Float32Array;
}
