// Test doubles for the store tests: a TesseraApi whose calls are scripted per test and whose events are
// emitted by hand, and installed-model records with a chosen few-step kind.
import { vi } from 'vitest';
import type { ApiEvent, ApiEventName, InstalledModelInfo, TesseraApi } from '../../../../native-models/api/index.ts';

export interface FakeApi {
  api: TesseraApi;
  /** Scripted answers by method name; a missing one rejects. */
  answers: Record<string, (args: unknown) => unknown>;
  calls: { method: string; args: unknown }[];
  emit<E extends ApiEventName>(event: E, payload: ApiEvent<E>): void;
}

export function fakeApi(): FakeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const answers: FakeApi['answers'] = {};
  const calls: FakeApi['calls'] = [];
  const api = new Proxy({} as TesseraApi, {
    get(_t, property) {
      if (typeof property !== 'string' || property === 'then') return undefined;
      if (/^on[A-Z]/.test(property)) {
        return (listener: (payload: unknown) => void) => {
          const set = listeners.get(property) ?? new Set();
          listeners.set(property, set);
          set.add(listener);
          return () => set.delete(listener);
        };
      }
      return vi.fn(async (args: unknown) => {
        calls.push({ method: property, args });
        const answer = answers[property];
        if (!answer) throw new Error(`unexpected call ${property}`);
        return answer(args);
      });
    },
  });
  return { api, answers, calls, emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)) };
}

export function diffusionModel(id: string, fewStep?: 'turbo' | 'lcm'): InstalledModelInfo {
  return {
    id,
    name: id,
    demo: false,
    linked: false,
    source: 'manual',
    report: {
      path: `/models/${id}`,
      kind: 'diffusion',
      variant: 'sd1',
      precision: 'fp32',
      sizeBytes: 1,
      synthetic: false,
      diffusion: {
        family: 'sd1',
        predictionType: 'epsilon',
        inpainting: false,
        ...(fewStep ? { fewStep } : {}),
        exporter: 'optimum',
        extraUnetInputs: [],
        unetTakesTimestepCond: false,
        supports: { textToImage: true, imageToImage: true, inpainting: false },
        hasPreviewDecoder: false,
      },
      problems: [],
      usable: true,
    },
    capabilities: [
      { task: 'txt2img', available: true },
      { task: 'img2img', available: true },
      { task: 'inpaint', available: false, reason: 'the folder has no VAE encoder' },
      { task: 'segment', available: false, reason: 'a diffusion model' },
      { task: 'fast-decode', available: false, reason: 'fast decode needs a tiny decoder' },
    ],
  };
}
