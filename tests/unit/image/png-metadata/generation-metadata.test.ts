// Generation parameters in real PNG bytes: write → read round trips (also non-Latin-1 prompts), the
// chunk types chosen, images still decoding, and foreign dialects found by their chunk keywords.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { addGenerationParameters, readGenerationParameters } from '../../../../native-models/image/png-metadata/generation-metadata.ts';
import { readPngTextChunks, setPngTextChunks } from '../../../../native-models/image/png-metadata/png-text-chunks.ts';
import type { GenerationParameters } from '../../../../native-models/api/generation-parameters.ts';
import { decodeImage } from '../../../../native-models/image/decode-image.ts';
import { twoColourPng } from '../image-fixtures.ts';
import { COMFY_PROMPT, COMFY_WORKFLOW, INVOKE_METADATA } from './dialect-fixtures.ts';

const params: GenerationParameters = {
  prompt: 'a red fox in snow, (detailed:1.2)',
  negativePrompt: 'blurry',
  steps: 20,
  sampler: 'euler_a',
  guidance: 7.5,
  seed: 1234,
  width: 8,
  height: 4,
  model: 'demo-sd',
};

describe('addGenerationParameters / readGenerationParameters', () => {
  it('round-trips through our JSON chunk and leaves the pixels decodable and unchanged', async () => {
    const png = await twoColourPng(8, 4);
    const tagged = addGenerationParameters(png, params, { generator: 'tessera 0.1.0' });
    expect(readGenerationParameters(tagged)).toEqual({ dialect: 'tessera', parameters: params, generator: 'tessera 0.1.0' });
    expect(Array.from((await decodeImage(tagged)).data)).toEqual(Array.from((await decodeImage(png)).data));
  });

  it('writes an A1111 parameters chunk other tools read (sharp sees it as a PNG comment)', async () => {
    const tagged = addGenerationParameters(await twoColourPng(8, 4), params);
    const chunks = readPngTextChunks(tagged);
    expect(chunks.map((c) => [c.keyword, c.type])).toEqual([
      ['parameters', 'tEXt'],
      ['tessera', 'tEXt'],
    ]);
    expect(chunks[0].text).toBe(
      'a red fox in snow, (detailed:1.2)\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7.5, Seed: 1234, Size: 8x4, Model: demo-sd',
    );
    const comments = (await sharp(tagged).metadata()).comments ?? [];
    expect(comments.find((c) => c.keyword === 'parameters')?.text).toBe(chunks[0].text);
  });

  it('keeps non-Latin-1 prompts ("猫", emoji) intact, in iTXt chunks, in both records', async () => {
    const p = { ...params, prompt: '猫 on a sofa 🐈, café', negativePrompt: 'ぼやけ' };
    const tagged = addGenerationParameters(await twoColourPng(8, 4), p);
    expect(readPngTextChunks(tagged).map((c) => c.type)).toEqual(['iTXt', 'iTXt']);
    expect(readGenerationParameters(tagged)?.parameters).toEqual(p);
    const onlyA1111 = setPngTextChunks(await twoColourPng(8, 4), [readPngTextChunks(tagged)[0]]);
    const read = readGenerationParameters(onlyA1111);
    expect(read?.dialect).toBe('a1111');
    expect(read?.parameters.prompt).toBe('猫 on a sofa 🐈, café');
    expect(read?.parameters.negativePrompt).toBe('ぼやけ');
  });

  it('replaces earlier records instead of stacking them', async () => {
    const once = addGenerationParameters(await twoColourPng(8, 4), params);
    const twice = addGenerationParameters(once, { ...params, seed: 99 });
    expect(readPngTextChunks(twice)).toHaveLength(2);
    expect(readGenerationParameters(twice)?.parameters.seed).toBe(99);
  });

  it('rejects invalid parameters', async () => {
    const png = await twoColourPng(8, 4);
    expect(() => addGenerationParameters(png, { ...params, steps: 0 })).toThrow(/steps/);
  });

  it('falls back to the parameters chunk, with a warning, when our JSON is damaged', async () => {
    const tagged = addGenerationParameters(await twoColourPng(8, 4), params);
    const damaged = setPngTextChunks(tagged, [{ keyword: 'tessera', text: '{"version": 1, "parameters": {' }]);
    const read = readGenerationParameters(damaged);
    expect(read?.dialect).toBe('a1111');
    expect(read && 'warning' in read ? read.warning : undefined).toMatch(/invalid JSON/);
    expect(read?.parameters.seed).toBe(1234);
  });
});

describe('foreign dialects in PNG bytes', () => {
  it('finds each tool by its chunk keyword', async () => {
    const png = await twoColourPng(8, 4);
    const cases: [string, string, string][] = [
      ['invokeai_metadata', INVOKE_METADATA, 'invokeai'],
      ['prompt', COMFY_PROMPT, 'comfyui'],
      ['workflow', COMFY_WORKFLOW, 'comfyui'],
    ];
    for (const [keyword, text, dialect] of cases) {
      const read = readGenerationParameters(setPngTextChunks(png, [{ keyword, text }]));
      expect(read?.dialect).toBe(dialect);
      expect(read?.parameters.steps).toBeGreaterThan(0);
    }
  });

  it('returns null for a PNG without metadata and for non-PNG bytes', async () => {
    expect(readGenerationParameters(await twoColourPng(8, 4))).toBeNull();
    expect(readGenerationParameters(new TextEncoder().encode('hello'))).toBeNull();
  });

  it('reports a PNG with a broken chunk CRC as IMAGE_UNREADABLE', async () => {
    const png = Buffer.from(await twoColourPng(8, 4));
    png[20] ^= 0xff; // inside IHDR's data: its CRC no longer matches
    expect(() => readGenerationParameters(png)).toThrow(/cannot read the chunks/);
  });
});
