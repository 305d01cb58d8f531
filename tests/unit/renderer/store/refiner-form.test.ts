// The Generate form's refiner fields: none by default at the engine's switch (REFINER_DEFAULTS), the API's
// `refiner` parameter they make (checked by the API's own schema), and "Refiner: <title>" read back onto the
// installed refiner of that folder name.
import { describe, expect, it } from 'vitest';
import { parseApiCall, REFINER_DEFAULTS } from '../../../../native-models/api/index.ts';
import { DEFAULT_FORM, formFromParameters, toGenerateParams, validateGenerateForm } from '../../../../renderer/src/store/generate-params.ts';
import { refinerModels } from '../../../../renderer/src/store/refiner-form.ts';
import { diffusionModel } from './fake-api.ts';

const base = diffusionModel('demo-pack/demo-sdxl');
const plain = diffusionModel('demo-pack/demo-sd');
const refiner = { ...base, id: 'demo-pack/demo-sdxl-refiner', report: { ...base.report, diffusion: { ...base.report.diffusion!, sdxl: { role: 'refiner' as const, encoders: [], forceZerosForEmptyPrompt: false, timeIdsLength: 5 as const } } } };

describe('refiner form', () => {
  it('starts with no refiner at the engine\'s switch, and sends none', () => {
    expect([DEFAULT_FORM.refinerModelId, DEFAULT_FORM.refinerSwitchAt]).toEqual(['', REFINER_DEFAULTS.switchAt]);
    expect(toGenerateParams({ ...DEFAULT_FORM, prompt: 'x' }, base.id, 1)).not.toHaveProperty('refiner');
  });

  it('lists only usable refiners and sends the picked one as the API takes it', () => {
    expect(refinerModels([base, plain, refiner, { ...refiner, id: 'broken', report: { ...refiner.report, usable: false } }]).map((m) => m.id)).toEqual([refiner.id]);
    const params = toGenerateParams({ ...DEFAULT_FORM, prompt: 'x', refinerModelId: refiner.id, refinerSwitchAt: 0.7 }, base.id, 1);
    expect(parseApiCall('generate', params).refiner).toEqual({ model: refiner.id, switchAt: 0.7 });
  });

  it('says a switch outside (0, 1) is wrong only while a refiner is picked', () => {
    expect(validateGenerateForm({ ...DEFAULT_FORM, prompt: 'x', refinerSwitchAt: 1 }).refinerSwitchAt).toBeUndefined();
    expect(validateGenerateForm({ ...DEFAULT_FORM, prompt: 'x', refinerModelId: refiner.id, refinerSwitchAt: 1 }).refinerSwitchAt).toMatch(/strictly between 0 and 1/);
  });

  it('reads a recorded refiner back onto the installed one of that folder name', () => {
    expect(formFromParameters({ refiner: { model: 'demo-sdxl-refiner', switchAt: 0.75 } }, [base, refiner])).toMatchObject({ refinerModelId: refiner.id, refinerSwitchAt: 0.75 });
    expect(formFromParameters({ prompt: 'x' }, [base, refiner])).toMatchObject({ refinerModelId: '' });
    expect(formFromParameters({ refiner: { model: 'not-installed', switchAt: 0.75 } }, [refiner])).not.toHaveProperty('refinerModelId');
  });
});
