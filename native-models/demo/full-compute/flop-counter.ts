// Counts the multiply-add FLOPs (2 per MAC) of the MatMul and Conv nodes a full-compute graph adds, for
// batch 1 at the graph's reference size; elementwise ops, norms and softmax are not counted.
export class FlopCounter {
  private total = 0;
  private readonly byKind = new Map<string, number>();

  /** A MatMul of [m, k] × [k, n], `times` over (e.g. heads). */
  matmul(kind: string, m: number, k: number, n: number, times = 1): void {
    this.add(kind, 2 * m * k * n * times);
  }

  /** A Conv of `cin`→`cout` channels, kernel kh×kw, producing an outH×outW map. */
  conv(kind: string, cin: number, cout: number, kh: number, kw: number, outH: number, outW: number): void {
    this.add(kind, 2 * cin * cout * kh * kw * outH * outW);
  }

  get flops(): number {
    return this.total;
  }

  /** Per-kind totals (e.g. conv, linear, attention), for the BENCHMARKS.md breakdown. */
  breakdown(): Record<string, number> {
    return Object.fromEntries(this.byKind);
  }

  private add(kind: string, flops: number): void {
    this.total += flops;
    this.byKind.set(kind, (this.byKind.get(kind) ?? 0) + flops);
  }
}
