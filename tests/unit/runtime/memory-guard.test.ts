// The memory guard with injected free-RAM figures: normal when the estimate fits, low-memory with a warning when it
// does not, and a warning when even low-memory mode would not fit.
import { describe, expect, it } from 'vitest';
import { guardMemory, availableMemoryBytes } from '../../../native-models/runtime/memory-guard.ts';

const GIB = 2 ** 30;
const weights = 4 * GIB;

describe('memory guard', () => {
  it('keeps normal mode when the estimated peak fits', () => {
    expect(guardMemory(weights, false, 16 * GIB)).toEqual({ lowMemory: false });
  });

  it('switches to low-memory mode and says why when normal mode would not fit', () => {
    const decision = guardMemory(weights, false, 5 * GIB);
    expect(decision.lowMemory).toBe(true);
    expect(decision.warning).toMatch(/needs about 5\.2 GiB, got 5\.0 GiB of free RAM: switched to low-memory mode \(about 4\.2 GiB\)/);
  });

  it('warns when even low-memory mode would not fit, and keeps a requested low-memory mode quiet when it fits', () => {
    expect(guardMemory(weights, false, 3 * GIB).warning).toMatch(/even in low-memory mode, got 3\.0 GiB/);
    expect(guardMemory(weights, true, 5 * GIB)).toEqual({ lowMemory: true });
  });

  it('reads a positive free-RAM figure from this machine', () => {
    expect(availableMemoryBytes()).toBeGreaterThan(0);
  });
});
