// tokenizeWeightedPrompt (A1111 chunking) on the real CLIP vocabulary and applyPromptWeights (A1111 "Original"
// emphasis). Token counts are hand-derived: "cat", "dog" are one token each (cat</w> 2368, dog</w> 1929),
// ", " is the single token ,</w> (267).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipTokenizer } from '../../../../native-models/core/tokenizer/clip-tokenizer.ts';
import { applyPromptWeights, promptChunkTokenCounts, tokenizeWeightedPrompt } from '../../../../native-models/core/tokenizer/prompt-weighting.ts';

const dir = join(import.meta.dirname, '../../../../native-models/demo/assets/clip-tokenizer');
const tok = ClipTokenizer.fromFiles({
  vocabJson: readFileSync(join(dir, 'vocab.json'), 'utf8'),
  mergesTxt: readFileSync(join(dir, 'merges.txt'), 'utf8'),
});
const BOS = 49406;
const EOS = 49407;
const CAT = 2368;
const DOG = 1929;
const COMMA = 267;
const words = (w: string, n: number): string => Array(n).fill(w).join(' ');
/** Token ids between BOS and the first EOS. */
const body = (ids: readonly number[]): number[] => ids.slice(1, ids.indexOf(EOS, 1));

describe('tokenizeWeightedPrompt', () => {
  it('one chunk with per-token weights; BOS/EOS/pad weigh 1', () => {
    const [chunk, ...rest] = tokenizeWeightedPrompt(tok, 'a (cat:1.5) [dog]');
    expect(rest).toEqual([]);
    expect(chunk!.ids.slice(0, 5)).toEqual([BOS, 320, CAT, DOG, EOS]);
    expect(chunk!.ids.length).toBe(77);
    expect(chunk!.weights.slice(0, 6)).toEqual([1, 1, 1.5, 1 / 1.1, 1, 1]);
    expect(chunk!.weights.length).toBe(77);
  });

  it('the empty prompt gives one chunk: BOS, EOS, padding', () => {
    const chunks = tokenizeWeightedPrompt(tok, '');
    expect(chunks.length).toBe(1);
    expect(chunks[0]!.ids.slice(0, 3)).toEqual([BOS, EOS, EOS]);
    expect(chunks[0]!.weights.every((w) => w === 1)).toBe(true);
  });

  it('75 tokens fit one chunk, 76 need two', () => {
    expect(tokenizeWeightedPrompt(tok, words('cat', 75)).length).toBe(1);
    const two = tokenizeWeightedPrompt(tok, words('cat', 76));
    expect(two.length).toBe(2);
    expect(body(two[0]!.ids).length).toBe(75);
    expect(two[0]!.ids[76]).toBe(EOS);
    expect(body(two[1]!.ids)).toEqual([CAT]);
  });

  it('comma backtrack: 70 cats, ",", 10 dogs → the 4 dogs after the comma move on (75 − 70 = 5 ≤ 20)', () => {
    const prompt = `${words('cat', 70)}, ${words('dog', 10)}`;
    const [first, second] = tokenizeWeightedPrompt(tok, prompt);
    expect(body(first!.ids)).toEqual([...Array(70).fill(CAT), COMMA]);
    expect(body(second!.ids)).toEqual(Array(10).fill(DOG));
    // Disabled, the split is a plain cut after 75 tokens.
    const [plain1, plain2] = tokenizeWeightedPrompt(tok, prompt, { commaPaddingBacktrack: 0 });
    expect(body(plain1!.ids)).toEqual([...Array(70).fill(CAT), COMMA, ...Array(4).fill(DOG)]);
    expect(body(plain2!.ids)).toEqual(Array(6).fill(DOG));
  });

  it('no backtrack when the last comma is more than 20 tokens back (75 − 50 = 25)', () => {
    const [first, second] = tokenizeWeightedPrompt(tok, `${words('cat', 50)}, ${words('dog', 30)}`);
    expect(body(first!.ids)).toEqual([...Array(50).fill(CAT), COMMA, ...Array(24).fill(DOG)]);
    expect(body(second!.ids)).toEqual(Array(6).fill(DOG));
  });

  it('weights travel with carried tokens', () => {
    const [, second] = tokenizeWeightedPrompt(tok, `${words('cat', 70)}, (${words('dog', 10)}:1.4)`);
    expect(second!.weights.slice(0, 12)).toEqual([1, ...Array(10).fill(1.4), 1]);
  });

  it('BREAK starts a new chunk, padding the current one', () => {
    const chunks = tokenizeWeightedPrompt(tok, 'cat BREAK dog');
    expect(chunks.map((c) => body(c.ids))).toEqual([[CAT], [DOG]]);
    // A leading BREAK closes an empty first chunk, as in A1111.
    expect(tokenizeWeightedPrompt(tok, 'BREAK dog').map((c) => body(c.ids))).toEqual([[], [DOG]]);
  });

  it('pads with the tokenizer\'s pad id (SD 2.x "!" = 0) after the EOS', () => {
    const sd2 = ClipTokenizer.fromFiles({
      vocabJson: readFileSync(join(dir, 'vocab.json'), 'utf8'),
      mergesTxt: readFileSync(join(dir, 'merges.txt'), 'utf8'),
      specialTokensMap: { pad_token: '!' },
    });
    expect(tokenizeWeightedPrompt(sd2, 'cat')[0]!.ids.slice(0, 5)).toEqual([BOS, CAT, EOS, 0, 0]);
  });
});

describe('applyPromptWeights', () => {
  it('weights each token and restores the mean (hand-computed, chunk length 2, H = 2)', () => {
    // z = [[1, 2], [3, 4]], w = [1, 2]: Σz = 10, Σ(z·w) = 1 + 2 + 2·(3 + 4) = 17, scale = 10/17.
    const out = applyPromptWeights(Float32Array.of(1, 2, 3, 4), [1, 2, 2], [1, 2], 2);
    const expected = [10 / 17, 20 / 17, 60 / 17, 80 / 17];
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    expect(out.reduce((a, b) => a + b, 0) / 4).toBeCloseTo(2.5, 6); // the original mean
  });

  it('restores the mean of each 77-token chunk separately, as A1111 encodes chunk by chunk', () => {
    const hidden = 3;
    const z = new Float32Array(2 * 77 * hidden).map((_, i) => Math.sin(i) + 0.5);
    const weights = Array.from({ length: 154 }, (_, t) => (t === 5 ? 1.5 : t === 100 ? 0.5 : 1));
    const out = applyPromptWeights(z, [1, 154, hidden], weights);
    const mean = (a: Float32Array, c: number) => a.slice(c * 77 * hidden, (c + 1) * 77 * hidden).reduce((s, v) => s + v, 0) / (77 * hidden);
    expect(mean(out, 0)).toBeCloseTo(mean(z, 0), 5);
    expect(mean(out, 1)).toBeCloseTo(mean(z, 1), 5);
    // Token 5 is 1.5× its original up to the chunk's common rescale; an unweighted token keeps the same rescale.
    const scale0 = out[0]! / z[0]!;
    expect(out[5 * hidden]! / z[5 * hidden]!).toBeCloseTo(1.5 * scale0, 5);
    expect(scale0).not.toBeCloseTo(1, 5);
  });

  it('all-1 weights leave the values unchanged and do not modify the input', () => {
    const z = Float32Array.of(...Array.from({ length: 77 * 2 }, (_, i) => i * 0.01 - 0.3));
    const out = applyPromptWeights(z, [1, 77, 2], Array(77).fill(1));
    expect(out).toEqual(z);
    expect(out).not.toBe(z);
  });

  it('rejects mismatched dims and weights', () => {
    expect(() => applyPromptWeights(new Float32Array(77 * 2), [1, 77, 3], Array(77).fill(1))).toThrow(/TENSOR|expected/);
    expect(() => applyPromptWeights(new Float32Array(76 * 2), [1, 76, 2], Array(76).fill(1))).toThrow(/expected \[1, 77·k, H\]/);
    expect(() => applyPromptWeights(new Float32Array(77 * 2), [1, 77, 2], Array(70).fill(1))).toThrow(/one per token/);
  });
});

describe('promptChunkTokenCounts', () => {
  it('counts the tokens of each chunk as the encoder packs them (BREAK and the comma backtrack included)', () => {
    expect(promptChunkTokenCounts(tok, '')).toEqual([0]);
    expect(promptChunkTokenCounts(tok, 'a (cat:1.5) [dog]')).toEqual([3]);
    // 80 "cat" tokens: 75 fill the first chunk, 5 go on; BREAK closes a chunk early.
    expect(promptChunkTokenCounts(tok, words('cat', 80))).toEqual([75, 5]);
    expect(promptChunkTokenCounts(tok, 'cat dog BREAK cat')).toEqual([2, 1]);
    // 70 cats, a comma, 10 dogs: at the 75th token the last comma is 4 back, so the 4 dogs after it move on.
    expect(promptChunkTokenCounts(tok, `${words('cat', 70)}, ${words('dog', 10)}`)).toEqual([71, 10]);
  });
});
