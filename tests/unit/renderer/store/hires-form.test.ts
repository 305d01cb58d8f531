// The Generate form's hires fix: off by default with A1111's defaults, sent only when on, refused when out of range,
// and an A1111 image's "Hires …" keys restored into it ("Use these parameters").
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORM, formFromParameters, toGenerateParams, validateGenerateForm } from '../../../../renderer/src/store/generate-params.ts';
import { parseA1111Infotext } from '../../../../native-models/image/png-metadata/a1111-infotext.ts';
import { GenerateParamsSchema } from '../../../../native-models/api/generation-schemas.ts';

const form = { ...DEFAULT_FORM, prompt: 'a castle' };

describe('hires fix in the Generate form', () => {
  it('is off by default and then sends no hires parameter', () => {
    expect(toGenerateParams(form, 'demo-pack/demo-sd', 1).hires).toBeUndefined();
  });

  it('when on, sends A1111 defaults the API accepts', () => {
    const params = toGenerateParams({ ...form, hiresEnabled: true }, 'demo-pack/demo-sd', 1);
    expect(params.hires).toEqual({ upscaler: 'latent', scale: 2, steps: 0, strength: 0.7 });
    expect(GenerateParamsSchema.safeParse(params).success).toBe(true);
  });

  it('names a bad value only when hires fix is on', () => {
    expect(validateGenerateForm({ ...form, hiresStrength: 0 })).toEqual({});
    expect(validateGenerateForm({ ...form, hiresEnabled: true, hiresStrength: 0, hiresScale: 9 })).toMatchObject({ hiresStrength: expect.stringMatching(/got 0/), hiresScale: expect.stringMatching(/got 9/) });
  });

  it('restores an A1111 hires fix image: base size, upscale, steps, upscaler, denoising strength', () => {
    const text = 'a castle\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 5, Size: 512x768, Denoising strength: 0.45, Hires upscale: 1.5, Hires steps: 12, Hires upscaler: Latent (nearest-exact)';
    const restored = formFromParameters(parseA1111Infotext(text)!.parameters);
    expect(restored).toMatchObject({ width: 512, height: 768, hiresEnabled: true, hiresUpscaler: 'latent-nearest-exact', hiresScale: 1.5, hiresSteps: 12, hiresStrength: 0.45 });
    expect(formFromParameters({ prompt: 'plain' }).hiresEnabled).toBe(false);
  });
});
