// Up-front validation of generation requests: one clear "got X, expected Y" message per mistake.
import { describe, expect, it } from 'vitest';
import { validateGenerationRequest, type GenerationRequest } from '../../../../native-models/pipelines/diffusion/generation-request.ts';

const base: GenerationRequest = { prompt: 'a red circle', steps: 20, guidance: 7.5, seed: 1, width: 64, height: 64 };

describe('validateGenerationRequest', () => {
  it('accepts a sound request', () => {
    expect(() => validateGenerationRequest(base)).not.toThrow();
  });

  it.each([
    [{ width: 100 }, 'width: got 100, expected a multiple of 8'],
    [{ height: 0 }, 'height: got 0, expected an integer from 8 to 4096'],
    [{ steps: 0 }, 'steps: got 0, expected an integer from 1 to 1000'],
    [{ steps: 2.5 }, 'steps: got 2.5, expected an integer'],
    [{ guidance: -1 }, 'guidance: got -1, expected a number from 0 to 100'],
    [{ seed: -3 }, 'seed: got -3'],
    [{ strength: 0.5 }, 'strength needs an init image'],
  ] as const)('%o → %s', (patch, message) => {
    expect(() => validateGenerationRequest({ ...base, ...patch })).toThrow(message);
  });

  it('rejects an init image of the wrong size', () => {
    const initImage = { width: 32, height: 32, channels: 3 as const, data: new Uint8Array(32 * 32 * 3) };
    expect(() => validateGenerationRequest({ ...base, initImage })).toThrow('initImage: got 32×32, expected 64×64');
  });

  it('rejects a mask without an init image', () => {
    const mask = { width: 64, height: 64, data: new Uint8Array(64 * 64) };
    expect(() => validateGenerationRequest({ ...base, mask })).toThrow('mask needs an init image');
  });
});
