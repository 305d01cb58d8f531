// MT19937, the 32-bit Mersenne Twister that torch's CPU generator draws from; seeded the way torch seeds it.

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/**
 * The standard MT19937 engine (Matsumoto & Nishimura 1998). Seeding uses the reference `init_genrand`
 * recurrence `s[i] = 1812433253 * (s[i-1] ^ (s[i-1] >>> 30)) + i (mod 2^32)`, which is also what
 * `std::mt19937` and torch's `at::mt19937` do with a 32-bit seed.
 */
export class Mt19937 {
  private readonly state = new Uint32Array(N);
  private index = N;

  /** `seed` is taken modulo 2^32 (torch keeps only the low 32 bits of its 64-bit seed). */
  constructor(seed: number) {
    const s = this.state;
    s[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = s[i - 1]! ^ (s[i - 1]! >>> 30);
      s[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
  }

  /** The next 32-bit output, as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.state[this.index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  private twist(): void {
    const s = this.state;
    for (let i = 0; i < N; i++) {
      const y = (s[i]! & UPPER_MASK) | (s[(i + 1) % N]! & LOWER_MASK);
      let next = s[(i + M) % N]! ^ (y >>> 1);
      if (y & 1) next ^= MATRIX_A;
      s[i] = next >>> 0;
    }
    this.index = 0;
  }
}
