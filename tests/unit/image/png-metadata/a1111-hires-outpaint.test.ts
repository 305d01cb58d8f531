// Hires fix and outpaint in A1111 infotext: the web UI's own "Hires …" keys written and read back (A1111's string
// parsed as A1111 writes it), Tessera's "Outpaint" key round-tripped, unreadable values kept as text.
import { describe, expect, it } from 'vitest';
import { formatA1111Infotext, parseA1111Infotext } from '../../../../native-models/image/png-metadata/a1111-infotext.ts';
import type { GenerationParameters } from '../../../../native-models/api/generation-parameters.ts';
import { hiresUpscalerFromLabel, hiresUpscalerLabel } from '../../../../native-models/api/outpaint-hires-schemas.ts';

const base: GenerationParameters = { prompt: 'a castle', negativePrompt: '', steps: 20, sampler: 'euler_a', guidance: 7, seed: 5, width: 512, height: 512, model: 'v1-5' };

describe('hires fix keys', () => {
  it('reads the parameter line A1111 writes for a hires fix txt2img', () => {
    const text =
      'a castle\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 5, Size: 512x768, Model: v1-5, Denoising strength: 0.55, Hires upscale: 1.5, Hires steps: 12, Hires upscaler: R-ESRGAN 4x+, Version: v1.10.1';
    const parsed = parseA1111Infotext(text)!.parameters;
    expect(parsed).toMatchObject({ width: 512, height: 768, strength: 0.55, hires: { upscale: 1.5, steps: 12, upscaler: 'R-ESRGAN 4x+' } });
    expect(parsed.extra).toEqual({ Version: 'v1.10.1' });
  });

  it('writes A1111 order after Denoising strength and reads its own output back', () => {
    const p: GenerationParameters = { ...base, strength: 0.7, hires: { upscale: 2, upscaler: 'Latent (nearest-exact)' } };
    const text = formatA1111Infotext(p);
    expect(text).toContain('Denoising strength: 0.7, Hires upscale: 2, Hires upscaler: Latent (nearest-exact)');
    expect(parseA1111Infotext(text)!.parameters).toMatchObject({ strength: 0.7, hires: { upscale: 2, upscaler: 'Latent (nearest-exact)' } });
    const resized: GenerationParameters = { ...base, strength: 0.4, hires: { resizeWidth: 1024, resizeHeight: 640, steps: 8, upscaler: 'Lanczos' } };
    expect(parseA1111Infotext(formatA1111Infotext(resized))!.parameters.hires).toEqual(resized.hires);
  });

  it('Hires steps 0 means the base steps; unreadable values stay as text', () => {
    const text = 'x\nSteps: 20, Seed: 1, CFG scale: 7, Hires upscale: big, Hires steps: 0, Hires upscaler: Latent';
    const parsed = parseA1111Infotext(text)!.parameters;
    expect(parsed.hires).toEqual({ upscaler: 'Latent' });
    expect(parsed.extra).toEqual({ 'Hires upscale': 'big' });
  });

  it('maps the built-in upscalers to and from their A1111 labels; a model name passes through', () => {
    expect(['latent', 'latent-nearest-exact', 'lanczos', 'demo-upscaler-x4'].map(hiresUpscalerLabel)).toEqual(['Latent', 'Latent (nearest-exact)', 'Lanczos', 'demo-upscaler-x4']);
    expect(['Latent', 'Latent (nearest-exact)', 'lanczos', 'R-ESRGAN 4x+'].map(hiresUpscalerFromLabel)).toEqual(['latent', 'latent-nearest-exact', 'lanczos', 'R-ESRGAN 4x+']);
  });
});

describe('outpaint key', () => {
  it('round-trips the sides and overlap', () => {
    const p: GenerationParameters = { ...base, outpaint: { left: 64, right: 0, top: 8, bottom: 0, overlap: 16 } };
    const text = formatA1111Infotext(p);
    expect(text).toContain('Outpaint: left=64 right=0 top=8 bottom=0 overlap=16');
    expect(parseA1111Infotext(text)!.parameters.outpaint).toEqual(p.outpaint);
  });
});
