// The renderer's TesseraApi over a transport: calls unwrap the envelope, host errors become ApiCallError with
// the contract code, events fan out per name, and the client is not thenable.
import { describe, expect, it, vi } from 'vitest';
import type { ApiEventMessage, ApiResponse } from '../../../../native-models/api/index.ts';
import { ApiCallError, createProxyClient, type Transport } from '../../../../renderer/src/bridge/proxy-client.ts';
import { createIpcClient } from '../../../../renderer/src/bridge/ipc-client.ts';

function fakeTransport(answer: (method: string, args: unknown) => ApiResponse) {
  const taps = new Set<(m: ApiEventMessage) => void>();
  const transport: Transport = {
    call: vi.fn(async (method: string, args: unknown) => answer(method, args)),
    subscribe: vi.fn((tap: (m: ApiEventMessage) => void) => {
      taps.add(tap);
      return () => taps.delete(tap);
    }),
  };
  return { transport, emit: (m: ApiEventMessage) => taps.forEach((t) => t(m)), taps };
}

describe('createProxyClient', () => {
  it('sends the method and arguments ({} when none) and returns the result', async () => {
    const { transport } = fakeTransport((method) => ({ ok: true, result: { method } }));
    const api = createProxyClient(transport);
    await expect(api.cancel({ jobId: 'job-1' })).resolves.toEqual({ method: 'cancel' });
    await api.getHealth();
    expect(transport.call).toHaveBeenNthCalledWith(1, 'cancel', { jobId: 'job-1' });
    expect(transport.call).toHaveBeenNthCalledWith(2, 'getHealth', {});
  });

  it('throws ApiCallError carrying the host error code', async () => {
    const { transport } = fakeTransport(() => ({ ok: false, error: { code: 'MODEL_NOT_FOUND', message: 'no model "x"' } }));
    const error = await createProxyClient(transport)
      .selectModel({ modelId: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiCallError);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', message: 'no model "x"', method: 'selectModel' });
  });

  it('delivers events only to listeners of that event and unsubscribes from the transport when the last leaves', () => {
    const { transport, emit, taps } = fakeTransport(() => ({ ok: true, result: null }));
    const api = createProxyClient(transport);
    const jobs = vi.fn();
    const models = vi.fn();
    const offJobs = api.onJobUpdate(jobs);
    const offModels = api.onModelsChanged(models);
    emit({ event: 'onModelsChanged', payload: { reason: 'deleted', modelId: 'a' } });
    expect(models).toHaveBeenCalledWith({ reason: 'deleted', modelId: 'a' });
    expect(jobs).not.toHaveBeenCalled();
    expect(transport.subscribe).toHaveBeenCalledTimes(1);
    offJobs();
    expect(taps.size).toBe(1);
    offModels();
    expect(taps.size).toBe(0);
  });

  it('is not a thenable (awaiting the client does not call a "then" method)', async () => {
    const { transport } = fakeTransport(() => ({ ok: true, result: null }));
    const api = createProxyClient(transport);
    expect(await Promise.resolve(api)).toBe(api);
    expect(transport.call).not.toHaveBeenCalled();
  });
});

describe('createIpcClient', () => {
  it('goes through the preload bridge', async () => {
    const bridge = { call: vi.fn(async () => ({ ok: true as const, result: { selectedId: 'a' } })), subscribe: vi.fn(() => () => {}) };
    await expect(createIpcClient(bridge).selectModel({ modelId: 'a' })).resolves.toEqual({ selectedId: 'a' });
    expect(bridge.call).toHaveBeenCalledWith('selectModel', { modelId: 'a' });
  });
});
