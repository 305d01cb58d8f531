// A1111 infotext: writing in the web UI's layout and quoting, and parsing hand-written fixtures in the
// A1111 and stable-diffusion.cpp flavours.
import { describe, expect, it } from 'vitest';
import { formatA1111Infotext, parseA1111Infotext } from '../../../../native-models/image/png-metadata/a1111-infotext.ts';
import type { GenerationParameters } from '../../../../native-models/api/generation-parameters.ts';

const base: GenerationParameters = {
  prompt: 'a red fox in snow',
  negativePrompt: 'blurry',
  steps: 20,
  sampler: 'euler_a',
  guidance: 7,
  seed: 1,
  width: 512,
  height: 512,
  model: 'v1-5',
};

describe('formatA1111Infotext', () => {
  it('writes prompt, Negative prompt line, then the parameter line in A1111 order', () => {
    expect(formatA1111Infotext(base)).toBe(
      'a red fox in snow\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512, Model: v1-5',
    );
  });

  it('omits an empty negative prompt, splits Karras into Schedule type, quotes values with , : or newline', () => {
    const text = formatA1111Infotext(
      { ...base, negativePrompt: '', sampler: 'dpmpp_2m_karras', model: 'C:\\models\\sd', clipSkip: 2, extra: { Note: 'a, b' } },
      'tessera 0.1.0',
    );
    expect(text).toBe(
      'a red fox in snow\nSteps: 20, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1, Size: 512x512, ' +
        'Model: "C:\\\\models\\\\sd", Clip skip: 2, Note: "a, b", Version: tessera 0.1.0',
    );
  });

  it('round-trips through the parser, including multi-line prompts and quoted values', () => {
    const p: GenerationParameters = {
      ...base,
      prompt: 'line one, with comma\nline two: colon',
      negativePrompt: 'neg one\nneg two',
      sampler: 'dpmpp_2m_karras',
      strength: 0.6,
      clipSkip: 2,
      extra: { Comment: 'said "hi", left' },
    };
    const parsed = parseA1111Infotext(formatA1111Infotext(p));
    expect(parsed?.dialect).toBe('a1111');
    expect(parsed?.parameters).toEqual(p);
  });
});

describe('parseA1111Infotext', () => {
  it('parses a web UI 1.10 infotext (Schedule type, hashes, quoted Lora hashes)', () => {
    const text = [
      'masterpiece, a cat sitting on a windowsill, (soft light:1.2)',
      'Negative prompt: lowres, bad anatomy',
      'Steps: 28, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 6.5, Seed: 3141592653, Size: 768x512, ' +
        'Model hash: 6ce0161689, Model: dreamshaper_8, Denoising strength: 0.45, Clip skip: 2, ' +
        'Lora hashes: "detail: 1a2b3c4d5e6f, style: 0f9e8d7c6b5a", Version: v1.10.1',
    ].join('\n');
    expect(parseA1111Infotext(text)).toEqual({
      dialect: 'a1111',
      parameters: {
        prompt: 'masterpiece, a cat sitting on a windowsill, (soft light:1.2)',
        negativePrompt: 'lowres, bad anatomy',
        steps: 28,
        sampler: 'dpmpp_2m_karras',
        guidance: 6.5,
        seed: 3141592653,
        width: 768,
        height: 512,
        model: 'dreamshaper_8',
        strength: 0.45,
        clipSkip: 2,
        extra: { 'Model hash': '6ce0161689', 'Lora hashes': 'detail: 1a2b3c4d5e6f, style: 0f9e8d7c6b5a', Version: 'v1.10.1' },
      },
    });
  });

  it('maps an old one-piece sampler label ("DPM++ 2M Karras") and keeps unknown samplers verbatim', () => {
    const old = parseA1111Infotext('a house\nSteps: 30, Sampler: DPM++ 2M Karras, CFG scale: 7, Seed: 5, Size: 512x768');
    expect(old?.parameters.sampler).toBe('dpmpp_2m_karras');
    expect(old?.parameters.negativePrompt).toBe('');
    const odd = parseA1111Infotext('a house\nSteps: 30, Sampler: UniPC, CFG scale: 7, Seed: 5, Size: 512x768');
    expect(odd?.parameters.sampler).toBe('UniPC');
  });

  it('recognises stable-diffusion.cpp by its Version and maps its sampler names', () => {
    const text =
      'a lighthouse at dusk\nNegative prompt: fog\nSteps: 20, CFG scale: 7.000000, Guidance: 3.500000, Eta: 0.000000, ' +
      'Seed: 42, Size: 512x768, Model: sd-v1-5.safetensors, RNG: cuda, Sampler: dpm++2m karras, Version: stable-diffusion.cpp';
    expect(parseA1111Infotext(text)).toEqual({
      dialect: 'stable-diffusion.cpp',
      parameters: {
        prompt: 'a lighthouse at dusk',
        negativePrompt: 'fog',
        steps: 20,
        guidance: 7,
        seed: 42,
        width: 512,
        height: 768,
        model: 'sd-v1-5.safetensors',
        sampler: 'dpmpp_2m_karras',
        extra: { Guidance: '3.500000', Eta: '0.000000', RNG: 'cuda', Version: 'stable-diffusion.cpp' },
      },
    });
  });

  it('writes and reads the refiner as A1111 does (modules/processing_scripts/refiner.py: "Refiner", "Refiner switch at")', () => {
    // an SDXL line as A1111 1.10 writes it with its refiner on (the checkpoint title carries the short hash)
    const line = 'a castle\nSteps: 30, Sampler: Euler, Schedule type: Automatic, CFG scale: 7, Seed: 1, Size: 1024x1024, Model: sd_xl_base_1.0, Refiner: sd_xl_refiner_1.0 [7440042bbd], Refiner switch at: 0.8, Version: v1.10.1';
    expect(parseA1111Infotext(line)?.parameters).toMatchObject({ width: 1024, height: 1024, refiner: { model: 'sd_xl_refiner_1.0 [7440042bbd]', switchAt: 0.8 } });
    expect(parseA1111Infotext(line)?.parameters.extra).not.toHaveProperty('Refiner');
    const written = formatA1111Infotext({ ...base, refiner: { model: 'demo-sdxl-refiner', switchAt: 0.75 } });
    expect(written).toContain(', Refiner: demo-sdxl-refiner, Refiner switch at: 0.75');
    expect(parseA1111Infotext(written)?.parameters.refiner).toEqual({ model: 'demo-sdxl-refiner', switchAt: 0.75 });
    // a switch A1111 could not have written stays as text rather than becoming a wrong refiner
    expect(parseA1111Infotext('x\nSteps: 1, Seed: 1, Refiner: r, Refiner switch at: 1.5')?.parameters).toMatchObject({ extra: { Refiner: 'r', 'Refiner switch at': '1.5' } });
  });

  it('returns null for plain text with no parameter line', () => {
    expect(parseA1111Infotext('just a caption, nothing else')).toBeNull();
  });
});
