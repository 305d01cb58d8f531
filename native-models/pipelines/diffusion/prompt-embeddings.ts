// Prompt → text-encoder hidden states, with A1111 weighting and 77-token chunks concatenated along the sequence.
import type { ClipTokenizer } from '../../core/tokenizer/clip-tokenizer.ts';
import { applyPromptWeights, tokenizeWeightedPrompt, type WeightedChunk } from '../../core/tokenizer/prompt-weighting.ts';
import type { OnnxModel } from '../../runtime/index.ts';
import { floatOutput, tokenIdsFeed } from './model-io-types.ts';

/** [1, 77·chunks, H] float32 hidden states. */
export interface PromptEmbeddings {
  data: Float32Array;
  dims: [number, number, number];
}

/** Runs the text encoder on all chunks at once ([k, 77] ids) and applies the per-token weights. */
async function encodeChunks(textEncoder: OnnxModel, chunks: WeightedChunk[]): Promise<PromptEmbeddings> {
  const length = chunks[0]!.ids.length;
  const ids = chunks.flatMap((c) => c.ids);
  const out = await textEncoder.run({ input_ids: tokenIdsFeed(textEncoder, ids, [chunks.length, length]) }, ['last_hidden_state']);
  const hidden = floatOutput(textEncoder, out, 'last_hidden_state');
  // [k, 77, H] row-major is already [1, 77·k, H]: chunk embeddings concatenated along the sequence.
  const dims: [number, number, number] = [1, chunks.length * length, hidden.dims[2]!];
  const weights = chunks.flatMap((c) => c.weights);
  return { data: applyPromptWeights(hidden.data, dims, weights), dims };
}

/**
 * Encodes the prompt and, when guidance needs it, the negative prompt; the shorter is padded with empty
 * chunks so both have the same sequence length (as the A1111 web UI does).
 */
export async function encodePromptPair(
  textEncoder: OnnxModel,
  tokenizer: ClipTokenizer,
  prompt: string,
  negativePrompt: string | undefined,
): Promise<{ cond: PromptEmbeddings; uncond?: PromptEmbeddings }> {
  const condChunks = tokenizeWeightedPrompt(tokenizer, prompt);
  if (negativePrompt === undefined) return { cond: await encodeChunks(textEncoder, condChunks) };
  const uncondChunks = tokenizeWeightedPrompt(tokenizer, negativePrompt);
  const empty = tokenizeWeightedPrompt(tokenizer, '')[0]!;
  while (condChunks.length < uncondChunks.length) condChunks.push(empty);
  while (uncondChunks.length < condChunks.length) uncondChunks.push(empty);
  return { cond: await encodeChunks(textEncoder, condChunks), uncond: await encodeChunks(textEncoder, uncondChunks) };
}
