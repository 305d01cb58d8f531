// Download speed over a sliding window, so the rate shown follows the connection rather than the whole history.

export class TransferRateMeter {
  private readonly samples: { atMs: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  /** Records that `bytes` (a running total) had arrived at `atMs`; returns bytes per second over the window. */
  sample(bytes: number, atMs: number): number {
    this.samples.push({ atMs, bytes });
    while (this.samples.length > 2 && atMs - this.samples[1]!.atMs >= this.windowMs) this.samples.shift();
    const first = this.samples[0]!;
    const elapsedMs = atMs - first.atMs;
    return elapsedMs > 0 ? ((bytes - first.bytes) * 1000) / elapsedMs : 0;
  }
}
