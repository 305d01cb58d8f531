// Weighted prompts as the A1111 web UI encodes them: emphasis parsing, 77-token chunks, and re-weighting embeddings.
import { TesseraError } from '../../api/errors.ts';
import type { ClipTokenizer } from './clip-tokenizer.ts';
import { parsePromptAttention } from './prompt-attention-parser.ts';

export { parsePromptAttention } from './prompt-attention-parser.ts';
export type { PromptSegment } from './prompt-attention-parser.ts';

/** One text-encoder input row: `ids` [modelMaxLength] (BOS, tokens, EOS, pad…) and a weight per position. */
export interface WeightedChunk {
  ids: number[];
  /** Same length as ids; 1.0 at BOS, EOS and padding. */
  weights: number[];
}

export interface WeightedPromptOptions {
  /**
   * A1111's `comma_padding_backtrack` (default 20): when a chunk fills up and its last comma is at most this many
   * tokens back, the tokens after that comma move to the next chunk so a phrase is not cut in two. 0 disables it.
   */
  commaPaddingBacktrack?: number;
}

/**
 * Tokenises an A1111-style prompt into chunks of modelMaxLength (77) ids whose encoder outputs the caller
 * concatenates along the token axis. Each weighted run is tokenised on its own (as A1111 does), then tokens are
 * packed 75 to a chunk: a full chunk is closed before the next token; a BREAK closes the current chunk early;
 * with the comma backtrack the tail after a recent comma is carried over (see options). The last partial chunk
 * is closed at the end, and an empty prompt still gives one chunk (BOS, EOS, padding).
 */
export function tokenizeWeightedPrompt(
  tokenizer: ClipTokenizer,
  prompt: string,
  options: WeightedPromptOptions = {},
): WeightedChunk[] {
  const backtrack = options.commaPaddingBacktrack ?? 20;
  const capacity = tokenizer.modelMaxLength - 2;
  const commaId = tokenizer.tokenToId(',</w>');
  const chunks: WeightedChunk[] = [];
  let tokens: number[] = [];
  let weights: number[] = [];
  let lastComma = -1;

  const closeChunk = (): void => {
    const ids = Array.from(tokenizer.wrapForModel(tokens));
    const rowWeights = new Array<number>(tokenizer.modelMaxLength).fill(1);
    for (let i = 0; i < weights.length; i++) rowWeights[i + 1] = weights[i]!;
    chunks.push({ ids, weights: rowWeights });
    tokens = [];
    weights = [];
    lastComma = -1;
  };

  for (const segment of parsePromptAttention(prompt)) {
    if (segment.kind === 'break') {
      closeChunk();
      continue;
    }
    for (const token of tokenizer.encode(segment.text)) {
      if (token === commaId) {
        lastComma = tokens.length;
      } else if (backtrack > 0 && tokens.length === capacity && lastComma !== -1 && tokens.length - lastComma <= backtrack) {
        // Move everything after the last comma into the next chunk.
        const carriedTokens = tokens.slice(lastComma + 1);
        const carriedWeights = weights.slice(lastComma + 1);
        tokens = tokens.slice(0, lastComma + 1);
        weights = weights.slice(0, lastComma + 1);
        closeChunk();
        tokens = carriedTokens;
        weights = carriedWeights;
      }
      if (tokens.length === capacity) closeChunk();
      tokens.push(token);
      weights.push(segment.weight);
    }
  }
  if (tokens.length > 0 || chunks.length === 0) closeChunk();
  return chunks;
}

/**
 * How many prompt tokens each 77-id chunk of tokenizeWeightedPrompt carries (BOS, EOS and padding not counted),
 * in order: what a prompt editor shows against each chunk's capacity of modelMaxLength − 2 (75).
 */
export function promptChunkTokenCounts(tokenizer: ClipTokenizer, prompt: string, options: WeightedPromptOptions = {}): number[] {
  return tokenizeWeightedPrompt(tokenizer, prompt, options).map((chunk) => chunk.ids.indexOf(tokenizer.eosTokenId, 1) - 1);
}

/**
 * A1111's "Original" emphasis on text-encoder output `hiddenStates` [1, 77·k, H] float32 (chunks concatenated
 * along the token axis), with `weights` [77·k] from the chunks. For each 77-token chunk c separately — A1111
 * encodes and re-weights one chunk at a time:
 *   z'[t, h] = z[t, h] · w[t];   z''[t, h] = z'[t, h] · mean(z_c) / mean(z'_c)
 * so each chunk keeps its original mean over all its 77·H values. Returns a new array; all-1 weights return an
 * unchanged copy; a chunk whose weighted mean is 0 is left unscaled (A1111 would divide by zero).
 */
export function applyPromptWeights(
  hiddenStates: Float32Array,
  dims: readonly [number, number, number],
  weights: readonly number[],
  chunkLength = 77,
): Float32Array {
  const [batch, tokenCount, hidden] = dims;
  if (batch !== 1 || tokenCount % chunkLength !== 0 || tokenCount === 0) {
    throw new TesseraError('TENSOR_MISMATCH', `prompt embeddings: got dims [${dims.join(', ')}], expected [1, ${chunkLength}·k, H]`);
  }
  if (hiddenStates.length !== tokenCount * hidden) {
    throw new TesseraError('TENSOR_MISMATCH', `prompt embeddings: got ${hiddenStates.length} values, expected ${tokenCount}·${hidden} = ${tokenCount * hidden}`);
  }
  if (weights.length !== tokenCount) {
    throw new TesseraError('TENSOR_MISMATCH', `prompt weights: got ${weights.length}, expected one per token (${tokenCount})`);
  }
  const out = new Float32Array(hiddenStates);
  for (let start = 0; start < tokenCount; start += chunkLength) {
    let original = 0;
    let weighted = 0;
    let allOne = true;
    for (let t = start; t < start + chunkLength; t++) {
      const w = weights[t]!;
      if (w !== 1) allOne = false;
      for (let i = t * hidden; i < (t + 1) * hidden; i++) {
        original += hiddenStates[i]!;
        weighted += hiddenStates[i]! * w;
      }
    }
    if (allOne) continue;
    // Means over the same count, so the ratio of sums is the ratio of means.
    const scale = weighted === 0 ? 1 : original / weighted;
    for (let t = start; t < start + chunkLength; t++) {
      const factor = weights[t]! * scale;
      for (let i = t * hidden; i < (t + 1) * hidden; i++) out[i] = hiddenStates[i]! * factor;
    }
  }
  return out;
}
