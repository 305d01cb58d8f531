// The demo CLIP text encoder: one-hot features of the known words' real token ids in fixed channels of
// `last_hidden_state`; every other token (BOS, EOS, pad, unknown words) gives an all-zero row.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import type { DemoSdVariant } from './demo-sd-variants.ts';
import type { DemoVocabulary } from './demo-vocabulary.ts';

/** One-hot projection rows: row r has a 1 in the channel of word r. */
function projection(channels: number[], hiddenSize: number): number[] {
  const out = new Array<number>(channels.length * hiddenSize).fill(0);
  channels.forEach((c, r) => (out[r * hiddenSize + c] = 1));
  return out;
}

/** A known word's tokens and the channel it lights up. */
export interface FeatureWord {
  tokenIds: number[];
  channel: number;
}

/**
 * [B,S,H] float32 rows from int64 ids [B,S]: a 1 in the word's channel on the word's (first) token, 0 elsewhere.
 * A two-token word (e.g. "cy" "an</w>") counts only when its second token follows.
 */
export function oneHotWordFeatures(g: OnnxGraphBuilder, ids64: string, words: readonly FeatureWord[], H: number): string {
  const idsColumn = g.op('Unsqueeze', [ids64, g.i64([2])]); // [B,S,1]
  // Single-token words: Equal against every known id at once → [B,S,T] → one-hot channels.
  const single = words.filter((w) => w.tokenIds.length === 1);
  const singleHit = g.op('Cast', [g.op('Equal', [idsColumn, g.i64(single.map((w) => w.tokenIds[0]!))])], { to: attr.dtype('float32') });
  let hidden = g.op('MatMul', [singleHit, g.constant('float32', projection(single.map((w) => w.channel), H), [single.length, H])]);

  // Two-token words (e.g. "cy" "an</w>"): the feature sits on the first token when the next one matches.
  const pairs = words.filter((w) => w.tokenIds.length === 2);
  if (pairs.length > 0) {
    // next[s] = ids[s+1], with −1 after the last token, for any sequence length.
    const padded = g.op('Pad', [ids64, g.i64([0, 0, 0, 1]), g.constant('int64', [-1], [])]);
    const next = g.op('Slice', [padded, g.i64([1]), g.i64([Number.MAX_SAFE_INTEGER]), g.i64([1])]);
    const nextColumn = g.op('Unsqueeze', [next, g.i64([2])]);
    const firstHit = g.op('Equal', [idsColumn, g.i64(pairs.map((w) => w.tokenIds[0]!))]);
    const secondHit = g.op('Equal', [nextColumn, g.i64(pairs.map((w) => w.tokenIds[1]!))]);
    const pairHit = g.op('Cast', [g.op('And', [firstHit, secondHit])], { to: attr.dtype('float32') });
    const pairRows = g.op('MatMul', [pairHit, g.constant('float32', projection(pairs.map((w) => w.channel), H), [pairs.length, H])]);
    hidden = g.op('Add', [hidden, pairRows]);
  }
  return hidden;
}

export function buildTextEncoderGraph(variant: DemoSdVariant, vocabulary: DemoVocabulary): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_clip_text_encoder');
  const spec = variant.text;
  const H = variant.hiddenSize;
  const ids = g.input(spec.inputIds.name, spec.inputIds.type, spec.inputIds.shape);
  const ids64 = spec.inputIds.type === 'int64' ? ids : g.op('Cast', [ids], { to: attr.dtype('int64') });
  const hidden = oneHotWordFeatures(g, ids64, vocabulary.words, H);

  // pooler_output is deliberately useless: the negated feature sum, so a pipeline conditioning on it gets
  // negative colour weights (→ mid-gray) instead of the prompt's picture.
  const pooled = g.op('Neg', [g.op('ReduceSum', [hidden, g.i64([1])], { keepdims: attr.i(0) })]);
  const out = (v: string): string => (variant.floatType === 'float32' ? v : g.op('Cast', [v], { to: attr.dtype(variant.floatType) }));
  g.output(out(hidden), spec.lastHiddenState.name, spec.lastHiddenState.type, spec.lastHiddenState.shape);
  g.output(out(pooled), spec.poolerOutput.name, spec.poolerOutput.type, spec.poolerOutput.shape);
  return g;
}
