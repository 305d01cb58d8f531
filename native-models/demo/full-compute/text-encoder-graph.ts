// A random-weight CLIP ViT-L/14 text encoder (SD 1.x): 49,408-token embedding gather, 77 positions, 12 causal
// pre-LN layers of width 768 (12 heads, MLP 3072, quick_gelu), final LayerNorm. I/O: Optimum (input_ids int64).
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

export interface TextEncoderConfig {
  vocab: number;
  tokens: number;
  width: number;
  layers: number;
  heads: number;
}

export const CLIP_L_TEXT: TextEncoderConfig = { vocab: 49408, tokens: 77, width: 768, layers: 12, heads: 12 };

export function buildTextEncoder(cfg: TextEncoderConfig = CLIP_L_TEXT, seed = 2): NetBuilder {
  const n = new NetBuilder('full_compute_clip_text', seed);
  const { g, w } = n;
  const ids = g.input('input_ids', 'int64', ['batch_size', 'sequence_length']);
  const W = cfg.width;
  const tokenEmbedding = w.random('tok_emb', [cfg.vocab, W], 1);
  let x = g.op('Add', [g.op('Gather', [tokenEmbedding, ids], { axis: attr.i(0) }), w.random('pos_emb', [cfg.tokens, W], 1)]);
  // causal mask: −1e4 above the diagonal (CLIP's text transformer is causal)
  const mask = Array.from({ length: cfg.tokens * cfg.tokens }, (_, i) => (i % cfg.tokens > Math.floor(i / cfg.tokens) ? -1e4 : 0));
  const causal = g.constant('float32', mask, [cfg.tokens, cfg.tokens]);
  const shape = { dim: W, kvDim: W, inner: W, heads: cfg.heads, queries: cfg.tokens, keys: cfg.tokens };
  for (let layer = 0; layer < cfg.layers; layer++) {
    const ln = n.layerNorm(x, W);
    x = g.op('Add', [x, n.attention(ln, ln, ln, shape, { bias: true, mask: causal })]);
    const hidden = n.gelu(n.linear(n.layerNorm(x, W), W, 4 * W, cfg.tokens));
    x = g.op('Add', [x, n.linear(hidden, 4 * W, W, cfg.tokens)]);
  }
  const last = n.layerNorm(x, W);
  g.output(last, 'last_hidden_state', 'float32', ['batch_size', 'sequence_length', W]);
  // CLIP pools the EOS token; a max over the sequence has the same shape and negligible cost (the pipelines ignore it).
  g.output(g.op('ReduceMax', [last], { axes: attr.ints([1]), keepdims: attr.i(0) }), 'pooler_output', 'float32', ['batch_size', W]);
  return n;
}
