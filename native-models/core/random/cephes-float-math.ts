// Float32 log and sin/cos by the Cephes polynomials that torch's AVX2 randn kernel uses (via avx_mathfun.h),
// evaluated step by step in float32, with the multiply-adds fused as GCC fuses them, so torch's results come out
// bit for bit.
// Constants are the published Cephes single-precision coefficients (Moshier, Cephes Math Library, logf.c/sinf.c).

const f = Math.fround;
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 neighbour of float `r` in the direction of `toward`. */
function nextFloat(r: number, toward: number): number {
  if (r === 0) return toward > 0 ? 2 ** -149 : -(2 ** -149);
  f32[0] = r;
  u32[0] = u32[0]! + ((toward > r) === (r > 0) ? 1 : -1);
  return f32[0]!;
}

/**
 * float32 fused multiply-add a·b + c with one rounding. The compiler fuses avx_mathfun's separate multiply and add
 * into vfmadd on AVX2 builds, so the product is never rounded on its own. a·b is exact in double; only the sum can
 * round twice (double, then float), which matters only when the double sum sits exactly between two floats.
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = f(s);
  if (r === s) return r;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  const other = nextFloat(r, s);
  if ((r + other) / 2 !== s) return r;
  return (err > 0) === (other > r) ? other : r;
}

const SQRT_HALF = f(Math.SQRT1_2); // Cephes SQRTHF 0.707106781186547524
const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1, -1.6668057665e-1,
  2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f);
const LOG_Q1 = f(-2.12194440e-4);
const LOG_Q2 = f(0.693359375);
const MIN_NORM_POS = 2 ** -126;

/** float32 natural log, Cephes `logf` as vectorised in avx_mathfun's `log256_ps` (x ≤ 0 gives NaN). */
export function cephesLogf(input: number): number {
  if (!(input > 0)) return Number.NaN;
  f32[0] = Math.max(input, MIN_NORM_POS);
  const bits = u32[0]!;
  // Split x = m · 2^e with m in [0.5, 1): keep the mantissa bits, force the exponent field to that of 0.5.
  let e = f((bits >>> 23) - 0x7f + 1);
  u32[0] = (bits & 0x807fffff) | 0x3f000000;
  let x = f32[0]!;
  // For m < sqrt(1/2) use 2m − 1 and one less in the exponent, keeping the polynomial argument small.
  const small = x < SQRT_HALF;
  const tmp = small ? x : 0;
  x = f(x - 1);
  if (small) e = f(e - 1);
  x = f(x + tmp);
  const z = f(x * x);
  let y = LOG_P[0]!;
  for (let i = 1; i < LOG_P.length; i++) y = fmaf(y, x, LOG_P[i]!);
  y = f(y * x);
  // The compiler fuses (y·z) + e·q1 here (not e·q1 + y); checked bit for bit against torch 1.13 AVX2 output.
  y = fmaf(y, z, f(e * LOG_Q1));
  y = fmaf(-z, 0.5, y);
  x = f(x + y);
  return fmaf(e, LOG_Q2, x);
}

const FOUR_OVER_PI = f(1.27323954473516);
// π/4 split into three floats (Cody–Waite) so the range reduction x − j·π/4 loses no bits.
const DP1 = f(-0.78515625);
const DP2 = f(-2.4187564849853515625e-4);
const DP3 = f(-3.774894977445941e-8); // Cephes -3.77489497744594108e-8
const SIN_P = [-1.9515295891e-4, 8.3321608736e-3, -1.6666654611e-1].map(f);
const COS_P = [2.443315711809948e-5, -1.388731625493765e-3, 4.166664568298827e-2].map(f);

/** float32 [sin x, cos x], Cephes `sinf`/`cosf` as vectorised in avx_mathfun's `sincos256_ps`. */
export function cephesSinCosf(input: number): [number, number] {
  let sinNegative = input < 0;
  let x = Math.abs(input);
  // Octant j, rounded up to even: the reduced argument lies in [−π/4, π/4].
  let j = Math.trunc(f(x * FOUR_OVER_PI));
  j = (j + 1) & ~1;
  const y = f(j);
  if (j & 4) sinNegative = !sinNegative;
  const cosNegative = ((j - 2) & 4) === 0;
  const usesSinPoly = (j & 2) === 0;
  x = fmaf(y, DP1, x);
  x = fmaf(y, DP2, x);
  x = fmaf(y, DP3, x);
  const z = f(x * x);
  let c = COS_P[0]!;
  c = fmaf(c, z, COS_P[1]!);
  c = fmaf(c, z, COS_P[2]!);
  c = f(c * z);
  // Likewise (c·z)·z − z/2 is one fused operation (z/2 itself is exact).
  c = fmaf(c, z, -f(z * 0.5));
  c = f(c + 1);
  let s = SIN_P[0]!;
  s = fmaf(s, z, SIN_P[1]!);
  s = fmaf(s, z, SIN_P[2]!);
  s = f(s * z);
  s = fmaf(s, x, x);
  const sin = usesSinPoly ? s : c;
  const cos = usesSinPoly ? c : s;
  return [sinNegative ? -sin : sin, cosNegative ? -cos : cos];
}
