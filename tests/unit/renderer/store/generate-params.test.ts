// Generate form rules: validation against the contract's limits, size snapping, model-implied defaults and the
// request built from the form.
import { describe, expect, it } from 'vitest';
import { changedDefaults, DEFAULT_FORM, modelDefaults, randomSeed, RANDOM_SEED_LIMIT, snapToMultipleOf8, stepsHint, toGenerateParams, validateGenerateForm, type GenerateForm } from '../../../../renderer/src/store/generate-params.ts';
import { diffusionModel } from './fake-api.ts';
import type { InstalledModelInfo } from '../../../../native-models/api/index.ts';

/** A fake SDXL model of a role: the family and role are all the regime reads. */
function sdxlModel(role: 'base' | 'turbo'): InstalledModelInfo {
  const model = diffusionModel(`sdxl-${role}`, role === 'turbo' ? 'turbo' : undefined);
  const sdxl = { role, encoders: [], forceZerosForEmptyPrompt: true, timeIdsLength: 6 as const };
  return { ...model, report: { ...model.report, diffusion: { ...model.report.diffusion!, family: 'sdxl', sdxl } } };
}

const form = (change: Partial<GenerateForm> = {}): GenerateForm => ({ ...DEFAULT_FORM, prompt: 'a red circle', ...change });

describe('validateGenerateForm', () => {
  it('accepts the defaults with a prompt', () => {
    expect(validateGenerateForm(form())).toEqual({});
  });

  it('asks for a prompt', () => {
    expect(validateGenerateForm(form({ prompt: '   ' })).prompt).toMatch(/empty prompt/);
  });

  it('enforces multiples of 8 and the 64..4096 range on both sides', () => {
    const errors = validateGenerateForm(form({ width: 100, height: 32 }));
    expect(errors.width).toMatch(/multiple of 8/);
    expect(errors.height).toMatch(/from 64 to 4096/);
    expect(validateGenerateForm(form({ width: 4104 })).width).toMatch(/from 64 to 4096/);
  });

  it('checks steps, guidance and count ranges and whole numbers (NaN = an emptied field)', () => {
    expect(validateGenerateForm(form({ steps: 0 })).steps).toMatch(/from 1 to 1000/);
    expect(validateGenerateForm(form({ steps: 2.5 })).steps).toMatch(/whole number/);
    expect(validateGenerateForm(form({ guidance: -1 })).guidance).toBeDefined();
    expect(validateGenerateForm(form({ guidance: Number.NaN })).guidance).toBeDefined();
    expect(validateGenerateForm(form({ count: 65 })).count).toMatch(/from 1 to 64/);
    expect(validateGenerateForm(form({ guidance: 0 }))).toEqual({});
  });

  it('checks the seed only when it is fixed', () => {
    expect(validateGenerateForm(form({ seedMode: 'random', seed: -5 }))).toEqual({});
    expect(validateGenerateForm(form({ seedMode: 'fixed', seed: -5 })).seed).toBeDefined();
  });
});

describe('snapToMultipleOf8', () => {
  it('rounds to the nearest multiple of 8 and clamps to 64..4096', () => {
    expect(snapToMultipleOf8(100)).toBe(104); // 100/8 = 12.5 → 13 × 8
    expect(snapToMultipleOf8(99)).toBe(96); // 12.375 → 12 × 8
    expect(snapToMultipleOf8(10)).toBe(64);
    expect(snapToMultipleOf8(9000)).toBe(4096);
    expect(snapToMultipleOf8(Number.NaN)).toBe(64);
  });
});

describe('modelDefaults', () => {
  it('SD-Turbo: 1 step, no guidance', () => {
    expect(modelDefaults(diffusionModel('turbo', 'turbo'))).toEqual({ steps: 1, guidance: 0, scheduler: '', width: 512, height: 512 });
  });
  it('LCM: 4 steps, guidance 1.5, the LCM scheduler', () => {
    expect(modelDefaults(diffusionModel('lcm', 'lcm'))).toEqual({ steps: 4, guidance: 1.5, scheduler: 'lcm', width: 512, height: 512 });
  });
  it('other models: the general defaults', () => {
    expect(modelDefaults(diffusionModel('sd'))).toEqual({ steps: DEFAULT_FORM.steps, guidance: DEFAULT_FORM.guidance, scheduler: '', width: 512, height: 512 });
  });
  it('SDXL: 1024², guidance 5; SDXL-Turbo: 1 step, no guidance, 512², and its own hint', () => {
    expect(modelDefaults(sdxlModel('base'))).toEqual({ steps: 20, guidance: 5, scheduler: '', width: 1024, height: 1024 });
    expect(modelDefaults(sdxlModel('turbo'))).toEqual({ steps: 1, guidance: 0, scheduler: '', width: 512, height: 512 });
    expect(stepsHint(sdxlModel('turbo'), 6)).toBe('SDXL-Turbo models are made for 1–4 steps');
    expect(stepsHint(sdxlModel('base'), 60)).toBeNull();
  });
  it('a model change moves only the fields still at the previous defaults: typed values stay', () => {
    const turbo = modelDefaults(diffusionModel('turbo', 'turbo'));
    const plain = modelDefaults(diffusionModel('sd'));
    expect(changedDefaults(form({ steps: DEFAULT_FORM.steps }), plain, turbo)).toEqual(turbo);
    expect(changedDefaults(form({ steps: 4 }), plain, turbo)).toEqual({ guidance: 0, scheduler: '', width: 512, height: 512 });
    expect(changedDefaults(form({ steps: 4 }), modelDefaults(undefined), plain)).toEqual({ guidance: DEFAULT_FORM.guidance, scheduler: '', width: 512, height: 512 });
    // a size the user chose stays when an SDXL model is picked; one left at the default becomes 1024²
    expect(changedDefaults(form({ width: 768 }), plain, modelDefaults(sdxlModel('base')))).toMatchObject({ height: 1024 });
    expect(changedDefaults(form({ width: 768 }), plain, modelDefaults(sdxlModel('base'))).width).toBeUndefined();
  });
  it('hints when steps exceed what a few-step model was made for', () => {
    expect(stepsHint(diffusionModel('turbo', 'turbo'), 4)).toBeNull();
    expect(stepsHint(diffusionModel('turbo', 'turbo'), 5)).toMatch(/1–4 steps/);
    expect(stepsHint(diffusionModel('sd'), 500)).toBeNull();
  });
});

describe('toGenerateParams', () => {
  it('copies the form, leaves the scheduler out when it is the model default, and uses the given seed', () => {
    expect(toGenerateParams(form({ steps: 8, width: 128, height: 128 }), 'demo-pack/demo-sd', 11)).toEqual({
      modelId: 'demo-pack/demo-sd',
      prompt: 'a red circle',
      negativePrompt: '',
      steps: 8,
      guidance: 7.5,
      seed: 11,
      width: 128,
      height: 128,
      count: 1,
    });
    expect(toGenerateParams(form({ scheduler: 'euler_a' }), 'm', 1).scheduler).toBe('euler_a');
  });

  it("sends fast decode when the form's checkbox is on (off by default, generation-defaults.ts)", () => {
    expect(DEFAULT_FORM.fastDecode).toBe(false);
    expect(toGenerateParams(form({ fastDecode: true }), 'm', 1).fastDecode).toBe(true);
  });
});

describe('randomSeed', () => {
  it('maps [0, 1) onto whole seeds below 2^32', () => {
    expect(randomSeed(() => 0)).toBe(0);
    expect(randomSeed(() => 0.5)).toBe(2 ** 31);
    expect(randomSeed(() => 0.9999999999)).toBeLessThan(RANDOM_SEED_LIMIT);
  });
});
