// CLIP's byte-level BPE tokenizer (openai/CLIP simple_tokenizer, HF CLIPTokenizer): text → ids and back, pure TS.
import { TesseraError } from '../../api/errors.ts';
import { BpeMerger, END_OF_WORD } from './bpe-merger.ts';
import { BYTE_TO_UNICODE, UNICODE_TO_BYTE } from './byte-unicode.ts';
import { PY_WHITESPACE_CLASS, cleanClipText } from './text-cleaning.ts';
import { resolveSpecialTokens } from './tokenizer-config.ts';
import type { ClipSpecialTokens } from './tokenizer-config.ts';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';

/** CLIP's vocabulary is 256 bytes + 256 bytes with </w> + merges + 2 specials = 49408, so 49152 − 258 merges. */
const MAX_MERGES = 49152 - 256 - 2;

/**
 * CLIP's pre-tokenisation pattern (case-insensitive): the two special tokens, English contractions, letter runs,
 * single digits, runs of anything else that is not whitespace. `\s` is spelled out as Python's class.
 */
const PRE_TOKEN = new RegExp(
  `<\\|startoftext\\|>|<\\|endoftext\\|>|'s|'t|'re|'ve|'m|'ll|'d|[\\p{L}]+|[\\p{N}]|[^${PY_WHITESPACE_CLASS}\\p{L}\\p{N}]+`,
  'giu',
);

export interface ClipTokenizerFiles {
  /** Text of vocab.json: { token: id }. */
  vocabJson: string;
  /** Text of merges.txt: "#version" header, then one "left right" merge per line, in rank order. */
  mergesTxt: string;
  /** Parsed tokenizer_config.json, if the folder has one. */
  tokenizerConfig?: unknown;
  /** Parsed special_tokens_map.json, if the folder has one. */
  specialTokensMap?: unknown;
}

export class ClipTokenizer {
  readonly bosTokenId: number;
  readonly eosTokenId: number;
  readonly padTokenId: number;
  readonly unkTokenId: number;
  /** Ids per model input including start and end tokens: 77 for every Stable Diffusion text encoder. */
  readonly modelMaxLength: number;
  private readonly merger: BpeMerger;

  private constructor(
    private readonly vocab: ReadonlyMap<string, number>,
    private readonly idToToken: ReadonlyMap<number, string>,
    merges: readonly (readonly [string, string])[],
    special: ClipSpecialTokens,
  ) {
    const id = (field: keyof Omit<ClipSpecialTokens, 'modelMaxLength'>): number => {
      const value = vocab.get(special[field]);
      if (value === undefined) {
        throw new TesseraError('TOKENIZER_INVALID', `vocab.json: ${field} token ${JSON.stringify(special[field])} is missing, expected it in the vocabulary`);
      }
      return value;
    };
    this.bosTokenId = id('bos');
    this.eosTokenId = id('eos');
    this.padTokenId = id('pad');
    this.unkTokenId = id('unk');
    this.modelMaxLength = special.modelMaxLength;
    this.merger = new BpeMerger(merges, [special.bos, special.eos]);
  }

  /** Builds a tokenizer from the files' contents; malformed content is a TOKENIZER_INVALID error naming the file. */
  static fromFiles(files: ClipTokenizerFiles): ClipTokenizer {
    const vocab = parseVocab(files.vocabJson);
    const merges = parseMerges(files.mergesTxt);
    const special = resolveSpecialTokens(files.tokenizerConfig, files.specialTokensMap);
    const idToToken = new Map<number, string>();
    for (const [token, id] of vocab) idToToken.set(id, token);
    return new ClipTokenizer(vocab, idToToken, merges, special);
  }

  /** Token ids of `text` without start/end tokens and without truncation. */
  encode(text: string): number[] {
    const ids: number[] = [];
    for (const match of cleanClipText(text).matchAll(PRE_TOKEN)) {
      const bytes = encodeUtf8(match[0]).map((b) => BYTE_TO_UNICODE[b]!).join('');
      for (const symbol of this.merger.apply(bytes)) ids.push(this.vocab.get(symbol) ?? this.unkTokenId);
    }
    return ids;
  }

  /**
   * The text encoder's `input_ids` row: start token, the first modelMaxLength − 2 ids, end token, then pad ids up
   * to modelMaxLength — what diffusers gets from padding="max_length", truncation=True.
   */
  encodeForModel(text: string): Int32Array {
    return this.wrapForModel(this.encode(text));
  }

  /** Wraps already-encoded ids (without start/end) as one model row, truncating to fit. */
  wrapForModel(ids: readonly number[]): Int32Array {
    const row = new Int32Array(this.modelMaxLength).fill(this.padTokenId);
    const body = ids.slice(0, this.modelMaxLength - 2);
    row[0] = this.bosTokenId;
    row.set(body, 1);
    row[body.length + 1] = this.eosTokenId;
    return row;
  }

  /** Text of `ids`: each "</w>" becomes a space; bytes split mid-character decode to U+FFFD; trimmed. */
  decode(ids: ArrayLike<number>, options: { skipSpecialTokens?: boolean } = {}): string {
    const special = new Set([this.bosTokenId, this.eosTokenId, this.padTokenId]);
    let symbols = '';
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i]!;
      if (options.skipSpecialTokens && special.has(id)) continue;
      const token = this.idToToken.get(id);
      if (token === undefined) {
        throw new RangeError(`token id ${id} is not in the vocabulary (size ${this.idToToken.size})`);
      }
      symbols += token;
    }
    const bytes: number[] = [];
    for (const ch of symbols) {
      const b = UNICODE_TO_BYTE.get(ch);
      if (b !== undefined) bytes.push(b);
      else bytes.push(...encodeUtf8(ch));
    }
    return decodeUtf8(bytes).replaceAll(END_OF_WORD, ' ').trim();
  }

  /** Vocabulary id of one BPE symbol (e.g. ",</w>"), or undefined. */
  tokenToId(token: string): number | undefined {
    return this.vocab.get(token);
  }
}

function parseVocab(text: string): Map<string, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new TesseraError('TOKENIZER_INVALID', `vocab.json: not valid JSON (${(error as Error).message}), expected an object of token → id`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new TesseraError('TOKENIZER_INVALID', `vocab.json: got ${Array.isArray(parsed) ? 'an array' : typeof parsed}, expected an object of token → id`);
  }
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(parsed)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      throw new TesseraError('TOKENIZER_INVALID', `vocab.json: id of ${JSON.stringify(token)} is ${JSON.stringify(id)}, expected a non-negative integer`);
    }
    vocab.set(token, id);
  }
  if (vocab.size === 0) throw new TesseraError('TOKENIZER_INVALID', 'vocab.json: got an empty object, expected the CLIP vocabulary');
  return vocab;
}

/** Like transformers' CLIPTokenizer: skip the "#version" header and keep at most 48894 merges. */
function parseMerges(text: string): [string, string][] {
  const lines = text.replace(/\r\n/g, '\n').trim().split('\n');
  const start = lines[0]?.startsWith('#') ? 1 : 0;
  const merges: [string, string][] = [];
  for (let i = start; i < lines.length && merges.length < MAX_MERGES; i++) {
    const parts = lines[i]!.split(' ');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
      throw new TesseraError('TOKENIZER_INVALID', `merges.txt line ${i + 1}: got ${JSON.stringify(lines[i])}, expected two symbols separated by one space`);
    }
    merges.push([parts[0]!, parts[1]!]);
  }
  if (merges.length === 0) throw new TesseraError('TOKENIZER_INVALID', 'merges.txt: got no merge lines, expected the CLIP merges');
  return merges;
}
