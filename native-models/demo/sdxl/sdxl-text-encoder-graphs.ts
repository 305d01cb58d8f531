// The demo SDXL text encoders. text_encoder (CLIP-L) carries the colour (and "on"/"background") words, text_encoder_2 (bigG) the shape
// words, each in its PENULTIMATE layer `hidden_states.{N-1}`; `last_hidden_state` (= hidden_states.N) has the
// features moved one channel on (red → green, circle → square), so conditioning on it paints the wrong picture.
// text_encoder_2's pooled `text_embeds` has channel 0 = 1 for any encoded text (its EOS token): zero only when
// zeroed. Every other layer is all zeros. The refiner's text_encoder_2 (its only encoder) knows every word, in
// demo-sd's channels, so the refiner reads the whole prompt.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { COLOUR_CHANNEL_COUNT, SHAPE_CHANNEL_COUNT } from '../sd/demo-sd-spec.ts';
import { oneHotWordFeatures, type FeatureWord } from '../sd/text-encoder-graph.ts';
import type { DemoVocabulary } from '../sd/demo-vocabulary.ts';
import type { SdxlEncoderSpec } from './demo-sdxl-variants.ts';

const EOS_ID = 49407;

const isShape = (channel: number): boolean => channel >= COLOUR_CHANNEL_COUNT && channel < COLOUR_CHANNEL_COUNT + SHAPE_CHANNEL_COUNT;

/** What an encoder knows: SDXL's pair splits the words; the refiner's lone text_encoder_2 knows them all. */
export type EncoderKnowledge = 'split' | 'all';

/**
 * The words an encoder knows, in its own channels: encoder 1 the colours and composition words ("on",
 * "background") in demo-sd's channels; encoder 2 the shapes in channels 0–2 (or, alone, every word as demo-sd).
 */
export function encoderWords(encoder: SdxlEncoderSpec, vocabulary: DemoVocabulary, knowledge: EncoderKnowledge = 'split'): FeatureWord[] {
  if (knowledge === 'all') return vocabulary.words.map((w) => ({ tokenIds: w.tokenIds, channel: w.channel }));
  const first = encoder.part === 'text_encoder';
  return vocabulary.words
    .filter((w) => (first ? !isShape(w.channel) : isShape(w.channel)))
    .map((w) => ({ tokenIds: w.tokenIds, channel: first ? w.channel : w.channel - COLOUR_CHANNEL_COUNT }));
}

/** The channel a word lands in in the LAST layer: one on, cyclically within its group. */
function shifted(words: FeatureWord[], encoder: SdxlEncoderSpec, knowledge: EncoderKnowledge): FeatureWord[] {
  const group = encoder.part === 'text_encoder' || knowledge === 'all' ? COLOUR_CHANNEL_COUNT : SHAPE_CHANNEL_COUNT;
  return words.map((w) => (w.channel < group ? { ...w, channel: (w.channel + 1) % group } : w));
}

export function buildSdxlTextEncoderGraph(encoder: SdxlEncoderSpec, vocabulary: DemoVocabulary, knowledge: EncoderKnowledge = 'split'): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder(`demo_sdxl_${encoder.part}`);
  const H = encoder.width;
  const states = (): ['batch_size', 'sequence_length', number] => ['batch_size', 'sequence_length', H];
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const words = encoderWords(encoder, vocabulary, knowledge);
  const penultimate = oneHotWordFeatures(g, ids, words, H);
  const last = oneHotWordFeatures(g, ids, shifted(words, encoder, knowledge), H);
  const zeros = g.op('Mul', [penultimate, g.f32(0)]);
  const eosCount = g.op('ReduceSum', [g.op('Cast', [g.op('Equal', [ids, g.i64(EOS_ID)])], { to: attr.dtype('float32') }), g.i64([1])], { keepdims: attr.i(1) });
  const hasEos = g.op('Min', [eosCount, g.f32(1)]); // [B,1]
  const pooled = g.op('Pad', [hasEos, g.i64([0, 0, 0, H - 1]), g.f32(0)]); // [B,H]: channel 0 = EOS seen
  if (encoder.part === 'text_encoder_2') g.output(pooled, encoder.pooledName, 'float32', ['batch_size', H]);
  g.output(last, 'last_hidden_state', 'float32', states());
  // CLIP-L's pooler_output is not what SDXL pools: make it useless (negated), as demo-sd's is.
  if (encoder.part === 'text_encoder') g.output(g.op('Neg', [pooled]), encoder.pooledName, 'float32', ['batch_size', H]);
  for (let layer = 0; layer <= encoder.layers; layer++) {
    const value = layer === encoder.layers - 1 ? penultimate : layer === encoder.layers ? last : zeros;
    g.output(value, `hidden_states.${layer}`, 'float32', states());
  }
  return g;
}
