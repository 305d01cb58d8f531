// Contract validation at the host's edge: malformed calls never reach a handler and fail with
// INVALID_ARGUMENT naming each bad field; defaults are applied; results outside the contract are INTERNAL.
import { describe, expect, it, vi } from 'vitest';
import { API_METHOD_NAMES, API_METHODS, TesseraError, dispatchApiCall, fromWireError, parseApiCall, toWireError, type TesseraApiHandlers } from '../../../native-models/api/index.ts';

function handlers(overrides: Partial<TesseraApiHandlers> = {}): TesseraApiHandlers {
  const fail = () => Promise.reject(new Error('not in this test'));
  return { ...(Object.fromEntries(API_METHOD_NAMES.map((m) => [m, vi.fn(fail)])) as unknown as TesseraApiHandlers), ...overrides };
}

async function rejection(promise: Promise<unknown>): Promise<TesseraError> {
  try {
    await promise;
  } catch (error) {
    return error as TesseraError;
  }
  throw new Error('expected a rejection');
}

const goodGenerate = { modelId: 'demo-pack/demo-sd', prompt: 'a red circle', steps: 4, guidance: 7.5, seed: 1, width: 64, height: 64 };

describe('parseApiCall', () => {
  it('applies the documented defaults to a valid generate request', () => {
    const parsed = parseApiCall('generate', goodGenerate);
    expect(parsed).toEqual({ ...goodGenerate, negativePrompt: '', count: 1, previewEvery: 1, fastDecode: false });
  });

  it('rejects an unknown method by name', () => {
    expect(() => parseApiCall('dropTables', {})).toThrow(/got method "dropTables", expected one of getHealth/);
  });

  it('names the path of every bad field', () => {
    const error = (() => {
      try {
        parseApiCall('generate', { ...goodGenerate, width: 100, steps: 0, extra: true });
      } catch (e) {
        return e as TesseraError;
      }
      throw new Error('expected a throw');
    })();
    expect(error.code).toBe('INVALID_ARGUMENT');
    const paths = (error.details!.issues as { path: string[] }[]).map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['steps', 'width', '']));
    expect(error.message).toContain('width: expected a multiple of 8');
  });

  it('rejects nested problems with their full path (segment points)', () => {
    expect(() => parseApiCall('segment', { modelId: 'demo-pack/demo-sam', image: { imageId: 'img-a' }, points: [{ x: 1, y: 2, label: 2 }] })).toThrow(/points\.0\.label/);
  });

  it('refuses a model id that would leave the models folder', () => {
    expect(() => parseApiCall('deleteModel', { modelId: '../etc' })).toThrow(/modelId/);
  });

  it('accepts no arguments for argument-free methods but nothing unexpected', () => {
    expect(parseApiCall('getHealth', undefined)).toBeUndefined();
    expect(() => parseApiCall('getHealth', { verbose: true })).toThrow(TesseraError);
  });

  it('declares every method with both schemas', () => {
    for (const name of API_METHOD_NAMES) {
      expect(API_METHODS[name].args, name).toBeDefined();
      expect(API_METHODS[name].result, name).toBeDefined();
    }
  });
});

describe('dispatchApiCall', () => {
  it('never calls the handler for a malformed message', async () => {
    const generate = vi.fn();
    const error = await rejection(dispatchApiCall(handlers({ generate }), 'generate', { ...goodGenerate, prompt: 42 }));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toContain('prompt');
    expect(generate).not.toHaveBeenCalled();
  });

  it('passes parsed arguments and returns the checked result', async () => {
    const cancel = vi.fn(async ({ jobId }: { jobId: string }) => ({ jobId, state: 'cancelled' as const }));
    await expect(dispatchApiCall(handlers({ cancel }), 'cancel', { jobId: 'job-abc' })).resolves.toEqual({ jobId: 'job-abc', state: 'cancelled' });
    expect(cancel).toHaveBeenCalledWith({ jobId: 'job-abc' });
  });

  it('reports a result outside the contract as INTERNAL (a host bug, not a caller error)', async () => {
    const cancel = vi.fn(async () => ({ jobId: 'job-abc', state: 'exploded' }) as never);
    const error = await rejection(dispatchApiCall(handlers({ cancel }), 'cancel', { jobId: 'job-abc' }));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('state');
  });
});

describe('wire errors', () => {
  it('round-trip a TesseraError with its code and details', () => {
    const wire = toWireError(new TesseraError('MODEL_NOT_FOUND', 'no such model', { id: 'x' }));
    expect(wire).toEqual({ code: 'MODEL_NOT_FOUND', message: 'no such model', details: { id: 'x' } });
    const back = fromWireError(wire);
    expect(back).toBeInstanceOf(TesseraError);
    expect([back.code, back.message]).toEqual(['MODEL_NOT_FOUND', 'no such model']);
  });

  it('turn unexpected errors into INTERNAL without a stack, and unknown codes into INTERNAL', () => {
    const wire = toWireError(new RangeError('boom'));
    expect(wire).toEqual({ code: 'INTERNAL', message: 'unexpected host error: boom' });
    expect(fromWireError({ code: 'NOPE', message: 'x' }).code).toBe('INTERNAL');
  });
});
