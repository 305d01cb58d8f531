// ClipTokenizer on the real CLIP vocabulary (native-models/demo/assets/clip-tokenizer). Expected ids are either the
// published example or vocab.json lookups of BPE symbols derived by hand: clean the text, split with CLIP's pattern,
// map UTF-8 bytes to the byte alphabet, then apply merges.txt in rank order (ranks quoted where a word needs several).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClipTokenizer } from '../../../../native-models/core/tokenizer/clip-tokenizer.ts';
import { isTesseraError } from '../../../../native-models/api/errors.ts';

const dir = join(import.meta.dirname, '../../../../native-models/demo/assets/clip-tokenizer');
const vocabJson = readFileSync(join(dir, 'vocab.json'), 'utf8');
const mergesTxt = readFileSync(join(dir, 'merges.txt'), 'utf8');
const vocab = JSON.parse(vocabJson) as Record<string, number>;
const tok = ClipTokenizer.fromFiles({ vocabJson, mergesTxt });
/** ids of hand-derived BPE symbols, looked up in vocab.json */
const ids = (...symbols: string[]): number[] => symbols.map((s) => {
  const id = vocab[s];
  if (id === undefined) throw new Error(`symbol ${s} is not in vocab.json`);
  return id;
});

function tesseraCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isTesseraError(error) ? `${error.code}: ${error.message}` : `other: ${String(error)}`;
  }
  return undefined;
}

describe('ClipTokenizer.encode', () => {
  it('"a photo of a cat" → 320 1125 539 320 2368 (published in the asset README)', () => {
    expect(tok.encode('a photo of a cat')).toEqual([320, 1125, 539, 320, 2368]);
  });

  it('words that need several merges: photo (t+o</w>@19, h+o@94, p+ho@304, pho+to</w>@613), mississippi', () => {
    expect(tok.encode('photo')).toEqual([1125]);
    // s+i@52, i+s@83, p+p@92, s+si@322, m+is@354, mis+si@2496, pp+i</w>@9082, missi+ssi@11175, mississi+ppi</w>@11720
    expect(tok.encode('mississippi')).toEqual(ids('mississippi</w>'));
    // a+a@1309 merges the left pair only (a a a a</w> → aa a a</w>), then a+a</w>@3382, aa+aa</w>@18824
    expect(tok.encode('aaaa')).toEqual(ids('aaaa</w>'));
  });

  it('lower-cases and folds whitespace before splitting', () => {
    expect(tok.encode('  A\n\tPHOTO   of a\u00a0 Cat ')).toEqual([320, 1125, 539, 320, 2368]);
  });

  it('punctuation runs stay together, apart from letters: "hello, world!! wait..."', () => {
    expect(tok.encode('hello, world!! wait...')).toEqual(ids('hello</w>', ',</w>', 'world</w>', '!!</w>', 'wait</w>', '...</w>'));
  });

  it('numbers split into single digits and contractions split off: "it\'s 2024", "DON\'T"', () => {
    expect(tok.encode("it's 2024")).toEqual([585, 568, 273, 271, 273, 275]); // it</w> 's</w> 2</w> 0</w> 2</w> 4</w>
    expect(tok.encode("DON'T")).toEqual(ids('don</w>', "'t</w>"));
  });

  it('non-ASCII letters go through UTF-8 bytes: é = C3 A9 → "Ã©"', () => {
    expect(tok.encode('café')).toEqual(ids('cafÃ©</w>')); // 15304
    // v+e</w>@51, n+a@585, Ã+¯@35177 → na Ã¯ ve</w>
    expect(tok.encode('naïve')).toEqual(ids('na', 'Ã¯', 've</w>'));
  });

  it('an emoji is one pre-token of four bytes F0 9F 90 B1 → "ðŁĲ±</w>"', () => {
    expect(tok.encode('🐱 emoji')).toEqual(ids('ðŁĲ±</w>', 'emoji</w>'));
  });

  it('HTML references are unescaped twice: "&amp;amp;" → "&", "&lt;3" → "<" "3", "&#39;s" → "\'s"', () => {
    expect(tok.encode('&amp;amp;')).toEqual(ids('&</w>'));
    expect(tok.encode('&lt;3')).toEqual(ids('<</w>', '3</w>'));
    expect(tok.encode('it&#39;s')).toEqual(ids('it</w>', "'s</w>"));
  });

  it('special tokens written in the text map to their ids, as in CLIP', () => {
    expect(tok.encode('<|endoftext|>')).toEqual([49407]);
    expect(tok.encode('<|startoftext|>cat')).toEqual([49406, 2368]);
  });

  it('the empty and all-blank prompts give no ids', () => {
    expect(tok.encode('')).toEqual([]);
    expect(tok.encode(' \n\t ')).toEqual([]);
  });
});

describe('ClipTokenizer.encodeForModel', () => {
  it('SD 1.x: BOS + ids + EOS, padded with <|endoftext|> to 77', () => {
    const row = tok.encodeForModel('a photo of a cat');
    expect(row).toBeInstanceOf(Int32Array);
    expect(row.length).toBe(77);
    expect(Array.from(row.slice(0, 8))).toEqual([49406, 320, 1125, 539, 320, 2368, 49407, 49407]);
    expect(row[76]).toBe(49407);
    expect([tok.bosTokenId, tok.eosTokenId, tok.padTokenId, tok.modelMaxLength]).toEqual([49406, 49407, 49407, 77]);
  });

  it('SD 2.x: special_tokens_map pad_token "!" (id 0) wins over tokenizer_config\'s <|endoftext|>', () => {
    const sd2 = ClipTokenizer.fromFiles({
      vocabJson,
      mergesTxt,
      tokenizerConfig: { pad_token: '<|endoftext|>', model_max_length: 77 },
      specialTokensMap: { pad_token: '!' },
    });
    const row = sd2.encodeForModel('a cat');
    expect(Array.from(row.slice(0, 6))).toEqual([49406, 320, 2368, 49407, 0, 0]);
    expect(sd2.padTokenId).toBe(0);
    // AddedToken object form
    const obj = ClipTokenizer.fromFiles({ vocabJson, mergesTxt, specialTokensMap: { pad_token: { content: '!', lstrip: false } } });
    expect(obj.padTokenId).toBe(0);
  });

  it('truncates to 75 ids and always ends with EOS; the empty prompt is BOS EOS pad…', () => {
    const row = tok.encodeForModel(Array(100).fill('cat').join(' '));
    expect(row[0]).toBe(49406);
    expect(Array.from(row.slice(1, 76)).every((id) => id === 2368)).toBe(true);
    expect(row[76]).toBe(49407);
    expect(Array.from(tok.encodeForModel('').slice(0, 3))).toEqual([49406, 49407, 49407]);
  });

  it('honours a shorter model_max_length and ignores transformers\' "unset" sentinel', () => {
    const short = ClipTokenizer.fromFiles({ vocabJson, mergesTxt, tokenizerConfig: { model_max_length: 5 } });
    expect(Array.from(short.encodeForModel('a photo of a cat'))).toEqual([49406, 320, 1125, 539, 49407]);
    const unset = ClipTokenizer.fromFiles({ vocabJson, mergesTxt, tokenizerConfig: { model_max_length: 1e30 } });
    expect(unset.modelMaxLength).toBe(77);
  });
});

describe('ClipTokenizer.decode', () => {
  it('round-trips cleaned text with </w> as word breaks', () => {
    // "🐱!" is one pre-token: emoji and '!' both fall in the "neither letter, digit nor space" run.
    expect(tok.decode(tok.encode('A photo of a café, 🐱!'))).toBe('a photo of a café , 🐱!');
  });

  it('can skip special tokens; a split multi-byte character decodes to U+FFFD', () => {
    expect(tok.decode(tok.encodeForModel('a cat'), { skipSpecialTokens: true })).toBe('a cat');
    expect(tok.decode(ids('Ã'))).toBe('\ufffd');
    expect(() => tok.decode([99999])).toThrow(RangeError);
  });
});

describe('ClipTokenizer.fromFiles errors', () => {
  it('malformed vocab.json or merges.txt is TOKENIZER_INVALID naming the file', () => {
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson: '{oops', mergesTxt }))).toMatch(/^TOKENIZER_INVALID: vocab\.json: not valid JSON/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson: '[1,2]', mergesTxt }))).toMatch(/^TOKENIZER_INVALID: vocab\.json: got an array/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson: '{"a": "x"}', mergesTxt }))).toMatch(/^TOKENIZER_INVALID: vocab\.json: id of "a"/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt: '#version: 0.2\na b\nc d e\n' }))).toMatch(/^TOKENIZER_INVALID: merges\.txt line 3/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt: '#version: 0.2\n' }))).toMatch(/^TOKENIZER_INVALID: merges\.txt: got no merge lines/);
  });

  it('a special token missing from the vocabulary or a malformed config entry is TOKENIZER_INVALID', () => {
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt, specialTokensMap: { pad_token: '<pad>' } }))).toMatch(/^TOKENIZER_INVALID: vocab\.json: pad token "<pad>" is missing/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt, specialTokensMap: { pad_token: 7 } }))).toMatch(/^TOKENIZER_INVALID: special_tokens_map\.json: pad_token/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt, tokenizerConfig: { model_max_length: 'x' } }))).toMatch(/^TOKENIZER_INVALID: tokenizer_config\.json: model_max_length/);
    expect(tesseraCode(() => ClipTokenizer.fromFiles({ vocabJson, mergesTxt, tokenizerConfig: [] }))).toMatch(/^TOKENIZER_INVALID: tokenizer_config\.json: got an array/);
  });
});
