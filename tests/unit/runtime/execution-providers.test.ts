// Provider resolution: auto falls back to CPU, explicit unavailable providers are errors (never silent CPU).
import { describe, expect, it } from 'vitest';
import { resolveProviders, type ProviderAvailability } from '../../../native-models/runtime/execution-providers.ts';

const cpuOnly: ProviderAvailability[] = [
  { provider: 'cpu', available: true },
  { provider: 'cuda', available: false, reason: 'the onnxruntime-node CUDA add-on is not installed' },
  { provider: 'dml', available: false, reason: 'DirectML exists only on Windows' },
  { provider: 'coreml', available: false, reason: 'CoreML exists only on macOS' },
  { provider: 'webgpu', available: true },
];

describe('resolveProviders', () => {
  it('auto with no GPU provider runs on CPU', () => {
    expect(resolveProviders('auto', cpuOnly)).toEqual(['cpu']);
  });

  it('auto prefers CUDA when its add-on is present, with CPU as fallback', () => {
    const withCuda = cpuOnly.map((a) => (a.provider === 'cuda' ? { provider: 'cuda' as const, available: true } : a));
    expect(resolveProviders('auto', withCuda)).toEqual(['cuda', 'cpu']);
  });

  it('auto prefers DirectML on Windows', () => {
    const windows = cpuOnly.map((a) => (a.provider === 'dml' ? { provider: 'dml' as const, available: true } : a));
    expect(resolveProviders('auto', windows)).toEqual(['dml', 'cpu']);
  });

  it('an explicit provider that is unavailable is a clear error naming the reason', () => {
    expect(() => resolveProviders('cuda', cpuOnly)).toThrow(/execution provider "cuda" is not available here: the onnxruntime-node CUDA add-on/);
    expect(() => resolveProviders('coreml', cpuOnly)).toThrow(expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE' }));
  });

  it('rejects unknown provider names', () => {
    expect(() => resolveProviders('tpu' as never, cpuOnly)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
