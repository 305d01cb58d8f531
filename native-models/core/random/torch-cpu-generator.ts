// Reproduces torch.randn on a CPU generator (torch.Generator("cpu").manual_seed(seed)) for float32 tensors.
// Sources (read, not copied): pytorch aten/src/ATen/CPUGeneratorImpl.cpp, core/DistributionsHelper.h,
// core/TransformationHelper.h, native/cpu/DistributionTemplates.h; verified against torch 1.13 CPU output.
import type { NoiseSource } from '../noise-source.ts';
import { Mt19937 } from './mersenne-twister.ts';
import { cephesLogf, cephesSinCosf } from './cephes-float-math.ts';

const TWO_POW_MINUS_24 = 2 ** -24;
const TWO_POW_MINUS_53 = 2 ** -53;
const TWO_POW_32 = 2 ** 32;
/** torch's AVX2 kernel broadcasts `2.0f * c10::pi<double>` into a float vector. */
const TWO_PI_FLOAT = Math.fround(2 * Math.PI);
/** Below this many elements torch.randn takes the scalar, double-precision path. */
const FILL_BLOCK = 16;

/** A torch seed: any integer in [-2^63, 2^64); negative seeds wrap two's-complement, as torch does. */
export type TorchSeed = number | bigint;

/**
 * Which of torch's CPU kernels to reproduce for n ≥ 16. x86-64 builds dispatch to `avx2` (also on AVX-512
 * machines: torch 1.13 reports "CPU capability usage: AVX2" there); ARM builds and ATEN_CPU_CAPABILITY=default
 * run the portable `default` kernel with libm's logf/sinf/cosf. The two differ by ≤ 2 ulp in ~1.5% of values.
 */
export type TorchCpuKernel = 'avx2' | 'default';

export interface TorchCpuGeneratorOptions {
  /** Default 'avx2', the kernel most diffusers / A1111 CPU-generator users run. */
  kernel?: TorchCpuKernel;
}

/** The low 32 bits of a torch seed, which is all that torch's mt19937 seeding uses. */
export function torchSeedLow32(seed: TorchSeed): number {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${seed}`);
  }
  const big = BigInt(seed);
  if (big < -(2n ** 63n) || big >= 2n ** 64n) {
    throw new RangeError(`seed must lie in [-2^63, 2^64), got ${big}`);
  }
  return Number(BigInt.asUintN(32, big));
}

/**
 * A torch CPU generator: the same seed gives the same stream as
 * `g = torch.Generator("cpu").manual_seed(seed)` followed by `torch.randn(n, generator=g)` calls of the same sizes.
 *
 * How torch draws (float32, contiguous):
 * - n >= 16 (`normal_fill`): fill all n slots with uniforms u = (draw32 & 0xFFFFFF) · 2^-24, one 32-bit draw each;
 *   then for every whole block of 16, Box–Muller pairs slot j with slot j+8 (j < 8):
 *   r = sqrt(−2·ln(1 − u[j])), θ = 2π·u[j+8], out[j] = r·cos θ, out[j+8] = r·sin θ.
 *   If n is not a multiple of 16, the last 16 slots are refilled with 16 fresh uniforms and transformed again
 *   (overwriting outputs the previous block already produced).
 * - n < 16 (`normal_distribution<double>`, one element at a time): u1, u2 are 53-bit doubles from a 64-bit draw
 *   (hi·2^32 + lo from two 32-bit draws, masked to 53 bits, · 2^-53); r = sqrt(−2·ln(1 − u2)), θ = 2π·u1;
 *   returns r·cos θ and caches r·sin θ for the next scalar request on this generator (manual_seed clears it).
 */
export class TorchCpuGenerator implements NoiseSource {
  private readonly engine: Mt19937;
  private readonly transform: (data: Float32Array, start: number) => void;
  private cachedNormal: number | undefined;

  constructor(seed: TorchSeed, options: TorchCpuGeneratorOptions = {}) {
    this.engine = new Mt19937(torchSeedLow32(seed));
    this.transform = (options.kernel ?? 'avx2') === 'avx2' ? boxMuller16Avx2 : boxMuller16Default;
  }

  randn(count: number): Float32Array {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`randn count must be a non-negative integer, got ${count}`);
    }
    const out = new Float32Array(count);
    if (count >= FILL_BLOCK) this.fillBlocks(out);
    else for (let i = 0; i < count; i++) out[i] = this.scalarNormal();
    return out;
  }

  /** A float uniform in [0, 1): torch keeps the low 24 bits (float's mantissa digits) of one 32-bit draw. */
  private uniformFloat(): number {
    return (this.engine.nextUint32() & 0xffffff) * TWO_POW_MINUS_24;
  }

  /** A double uniform in [0, 1): low 53 bits of (first draw << 32 | second draw). */
  private uniformDouble(): number {
    const hi = this.engine.nextUint32() & 0x1fffff;
    const lo = this.engine.nextUint32();
    return (hi * TWO_POW_32 + lo) * TWO_POW_MINUS_53;
  }

  private fillBlocks(out: Float32Array): void {
    const n = out.length;
    for (let i = 0; i < n; i++) out[i] = this.uniformFloat();
    for (let start = 0; start + FILL_BLOCK <= n; start += FILL_BLOCK) this.transform(out, start);
    if (n % FILL_BLOCK !== 0) {
      const start = n - FILL_BLOCK;
      for (let i = start; i < n; i++) out[i] = this.uniformFloat();
      this.transform(out, start);
    }
  }

  private scalarNormal(): number {
    if (this.cachedNormal !== undefined) {
      const cached = this.cachedNormal;
      this.cachedNormal = undefined;
      return cached;
    }
    const u1 = this.uniformDouble();
    const u2 = this.uniformDouble();
    const radius = Math.sqrt(-2 * Math.log1p(-u2));
    const theta = 2 * Math.PI * u1;
    this.cachedNormal = radius * Math.sin(theta);
    return radius * Math.cos(theta);
  }
}

/** Box–Muller over 16 uniforms in place, in float32 with the Cephes log/sin/cos of torch's AVX2 kernel. */
function boxMuller16Avx2(data: Float32Array, start: number): void {
  for (let j = start; j < start + 8; j++) {
    const u1 = Math.fround(1 - data[j]!);
    const u2 = data[j + 8]!;
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * cephesLogf(u1))));
    const [sin, cos] = cephesSinCosf(Math.fround(TWO_PI_FLOAT * u2));
    data[j] = radius * cos;
    data[j + 8] = radius * sin;
  }
}

/**
 * The portable kernel: float32 arithmetic around libm's logf/cosf/sinf, which we take as the correctly rounded
 * double result rounded to float (glibc's are correctly rounded in practice); θ is formed in double, as torch does.
 */
function boxMuller16Default(data: Float32Array, start: number): void {
  for (let j = start; j < start + 8; j++) {
    const u1 = Math.fround(1 - data[j]!);
    const u2 = data[j + 8]!;
    const radius = Math.fround(Math.sqrt(Math.fround(-2 * Math.fround(Math.log(u1)))));
    const theta = Math.fround(2 * Math.PI * u2);
    data[j] = radius * Math.fround(Math.cos(theta));
    data[j + 8] = radius * Math.fround(Math.sin(theta));
  }
}
