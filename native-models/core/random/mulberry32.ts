// A tiny, fast seeded uniform generator for test fixtures and random demo weights, where torch parity does not
// matter (the diffusion noise uses TorchCpuGenerator instead).

/** mulberry32: uniform numbers in [0, 1) from a 32-bit seed, the same on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
