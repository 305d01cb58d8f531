// TorchCpuGenerator against values printed by torch 1.13.0 (Debian python3-torch, CPU, "CPU capability usage: AVX2"):
//   g = torch.Generator("cpu").manual_seed(seed); torch.randn(n, generator=g).tolist()
// Values are the exact float32 outputs, so the avx2 kernel is compared with toBe (bit for bit).
import { describe, expect, it } from 'vitest';
import { TorchCpuGenerator, torchSeedLow32 } from '../../../../native-models/core/random/torch-cpu-generator.ts';
import { Mt19937 } from '../../../../native-models/core/random/mersenne-twister.ts';

const randn = (seed: number | bigint, n: number): number[] => Array.from(new TorchCpuGenerator(seed).randn(n));

describe('Mt19937', () => {
  it('matches the reference generator (mt19937ar.c / C++ std::mt19937, seed 5489)', () => {
    // std::mt19937 default-seeded (5489): first output 3499211612; the 10000th is 4123659995 (C++11 §26.5.5).
    const mt = new Mt19937(5489);
    expect(mt.nextUint32()).toBe(3499211612);
    let last = 0;
    for (let i = 2; i <= 10000; i++) last = mt.nextUint32();
    expect(last).toBe(4123659995);
  });
});

describe('TorchCpuGenerator: scalar path (n < 16, double-precision Box–Muller with a cached second value)', () => {
  it('seed 0, n = 1 and n = 3 (torch.manual_seed(0); torch.randn(3) → 1.5410, -0.2934, -2.1788)', () => {
    expect(randn(0, 1)).toEqual([1.5409960746765137]);
    expect(randn(0, 3)).toEqual([1.5409960746765137, -0.293428897857666, -2.1787893772125244]);
  });

  it('seed 42, n = 5 (the widely printed 0.3367, 0.1288, 0.2345, 0.2303, -1.1229)', () => {
    expect(randn(42, 5)).toEqual([
      0.33669036626815796, 0.12880940735340118, 0.23446236550807953, 0.23033303022384644, -1.1228563785552979,
    ]);
  });

  it('keeps the cached sine value across calls and never feeds it to the block path (seed 7: sizes 1, 1, 3, 20, 1)', () => {
    const g = new TorchCpuGenerator(7);
    expect(Array.from(g.randn(1))).toEqual([-0.1467950940132141]);
    expect(Array.from(g.randn(1))).toEqual([0.7861412763595581]);
    expect(Array.from(g.randn(3))).toEqual([0.9468216300010681, -1.1143440008163452, 1.6907901763916016]);
    const block = g.randn(20);
    expect([block[0], block[7], block[19]]).toEqual([0.609473466873169, 2.298342704772949, 0.2600362002849579]);
    expect(Array.from(g.randn(1))).toEqual([-0.8948279023170471]);
  });
});

describe('TorchCpuGenerator: block path (n ≥ 16, float uniforms, Box–Muller 16 at a time)', () => {
  it('seed 0, n = 16', () => {
    expect(randn(0, 16)).toEqual([
      -1.1258398294448853, -1.152360200881958, -0.2505785822868347, -0.4338788092136383, 0.8487103581428528,
      0.6920091509819031, -0.31601276993751526, -2.1152193546295166, 0.32227492332458496, -1.2633347511291504,
      0.34998318552970886, 0.30813392996788025, 0.11984150856733322, 1.237657904624939, 1.1167771816253662,
      -0.2472781538963318,
    ]);
  });

  it('seed 0, n = 20: the last 16 are redrawn, so only the first 4 agree with n = 16', () => {
    expect(randn(0, 20)).toEqual([
      -1.1258398294448853, -1.152360200881958, -0.2505785822868347, -0.4338788092136383, 0.5988394618034363,
      -1.5550950765609741, -0.3413603901863098, 1.85300612449646, 0.46809640526771545, -0.1577124446630478,
      1.4436601400375366, 0.26604941487312317, 1.3893661499023438, 1.586334228515625, 0.946298360824585,
      -0.843676745891571, 0.9318265914916992, 1.2590092420578003, 2.0049805641174316, 0.05373690277338028,
    ]);
  });

  it('seed 42, n = 33 (two whole blocks then a redrawn tail)', () => {
    expect(randn(42, 33).slice(14)).toEqual([
      -0.7688388824462891, 0.7624453902244568, 1.6423169374465942, -0.8712361454963684, -0.223365917801857,
      1.7173614501953125, 0.3188803195953369, -0.42451897263526917, 0.3057209253311157, -0.7745925188064575,
      0.0349123440682888, 0.9956361055374146, -0.8797858357429504, -0.6011420488357544, -1.2741512060165405,
      2.1227850914001465, -1.234653115272522, -0.4879138767719269, -1.4180599451065063,
    ]);
  });

  it('default (non-AVX) kernel stays within 2 float ulp of torch run with ATEN_CPU_CAPABILITY=default', () => {
    // torch 1.13, ATEN_CPU_CAPABILITY=default, seed 0, shape (1,4,64,64): elements 4095 and 4096 (the AVX2 kernel
    // gives 0.6019821166992188 and 1.947645664215088 there) and the float64 sum of all 16384 values.
    const v = new TorchCpuGenerator(0, { kernel: 'default' }).randn(16384);
    expect(Math.abs(v[4095]! - 0.601982057094574)).toBeLessThanOrEqual(2 * 2 ** -24);
    expect(Math.abs(v[4096]! - 1.9476454257965088)).toBeLessThanOrEqual(2 * 2 ** -23);
    let sum = 0;
    for (const x of v) sum += x;
    expect(sum).toBeCloseTo(-124.1129904872505, 3);
  });
});

describe('torch seeds', () => {
  it('keeps the low 32 bits; negative seeds wrap two\'s-complement', () => {
    expect(torchSeedLow32(2n ** 32n + 5n)).toBe(5);
    expect(torchSeedLow32(-1)).toBe(0xffffffff);
    expect(torchSeedLow32(2n ** 64n - 1n)).toBe(0xffffffff);
  });

  it('seed -1 equals seed 2^64-1 in torch: 1.2197630405426025, -0.3929794728755951, …', () => {
    const expected = [1.2197630405426025, -0.3929794728755951, 1.0230751037597656, -0.3734211325645447];
    expect(randn(-1, 4)).toEqual(expected);
    expect(randn(2n ** 64n - 1n, 4)).toEqual(expected);
  });

  it('seed 2^63-1 (n = 17, last three)', () => {
    expect(randn(2n ** 63n - 1n, 17).slice(-3)).toEqual([-0.16095319390296936, 1.9678914546966553, 1.6243832111358643]);
  });

  it('rejects seeds outside [-2^63, 2^64) and unsafe numbers', () => {
    expect(() => torchSeedLow32(2n ** 64n)).toThrow(RangeError);
    expect(() => torchSeedLow32(2 ** 60)).toThrow(RangeError);
    expect(() => torchSeedLow32(1.5)).toThrow(RangeError);
    expect(() => new TorchCpuGenerator(0).randn(-1)).toThrow(RangeError);
  });
});
