// A random-weight SAM ViT-B image encoder: 16×16 patch embedding of the 1024² input, 12 pre-LN blocks of width
// 768 (12 heads, MLP 3072) — windowed 14×14 attention except the global blocks 2, 5, 8, 11 — and the
// 256-channel conv neck. Relative position biases are left out (a few % of the cost). I/O: samexporter's
// pre-processed layout, input_image [1,3,1024,1024] → image_embeddings [1,256,64,64].
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

export interface SamEncoderConfig {
  imageSize: number;
  patch: number;
  width: number;
  layers: number;
  heads: number;
  window: number;
  globalLayers: number[];
  outChannels: number;
}

export const SAM_VIT_B: SamEncoderConfig = { imageSize: 1024, patch: 16, width: 768, layers: 12, heads: 12, window: 14, globalLayers: [2, 5, 8, 11], outChannels: 256 };

export function buildSamEncoder(cfg: SamEncoderConfig = SAM_VIT_B, seed = 4): NetBuilder {
  const n = new NetBuilder('full_compute_sam_encoder', seed);
  const { g, w } = n;
  const W = cfg.width;
  const grid = cfg.imageSize / cfg.patch;
  const image = g.input('input_image', 'float32', [1, 3, cfg.imageSize, cfg.imageSize]);
  const patches = n.conv(image, 3, W, cfg.patch, grid, { stride: cfg.patch, pad: 0 });
  let x = g.op('Add', [g.op('Transpose', [patches], { perm: attr.ints([0, 2, 3, 1]) }), w.random('pos', [1, grid, grid, W], 1)]); // [1,64,64,768]
  const windows = Math.ceil(grid / cfg.window);
  const padded = windows * cfg.window;
  const winTokens = cfg.window * cfg.window;
  for (let layer = 0; layer < cfg.layers; layer++) {
    const ln = n.layerNorm(x, W);
    let attended: string;
    if (cfg.globalLayers.includes(layer)) {
      const tokens = g.op('Reshape', [ln, g.i64([1, grid * grid, W])]);
      const a = n.attention(tokens, tokens, tokens, { dim: W, kvDim: W, inner: W, heads: cfg.heads, queries: grid * grid, keys: grid * grid }, { bias: true });
      attended = g.op('Reshape', [a, g.i64([1, grid, grid, W])]);
    } else {
      // pad to whole windows, cut into [windows², 14·14, C], attend within each window, stitch back, crop
      const p = g.op('Pad', [ln, g.i64([0, 0, 0, 0, 0, padded - grid, padded - grid, 0])]);
      const split = g.op('Reshape', [p, g.i64([1, windows, cfg.window, windows, cfg.window, W])]);
      const batched = g.op('Reshape', [g.op('Transpose', [split], { perm: attr.ints([0, 1, 3, 2, 4, 5]) }), g.i64([windows * windows, winTokens, W])]);
      const shape = { dim: W, kvDim: W, inner: W, heads: cfg.heads, queries: winTokens * windows * windows, keys: winTokens };
      const a = n.attention(batched, batched, batched, shape, { bias: true });
      const back = g.op('Transpose', [g.op('Reshape', [a, g.i64([1, windows, windows, cfg.window, cfg.window, W])])], { perm: attr.ints([0, 1, 3, 2, 4, 5]) });
      const full = g.op('Reshape', [back, g.i64([1, padded, padded, W])]);
      attended = g.op('Slice', [full, g.i64([0, 0]), g.i64([grid, grid]), g.i64([1, 2])]);
    }
    x = g.op('Add', [x, attended]);
    const tokens = grid * grid;
    x = g.op('Add', [x, n.linear(n.gelu(n.linear(n.layerNorm(x, W), W, 4 * W, tokens)), 4 * W, W, tokens)]);
  }
  // neck: 1×1 conv → LayerNorm2d → 3×3 conv → LayerNorm2d
  const nchw = g.op('Transpose', [x], { perm: attr.ints([0, 3, 1, 2]) });
  const C = cfg.outChannels;
  const neck = n.layerNorm2d(n.conv(n.layerNorm2d(n.conv(nchw, W, C, 1, grid), C), C, C, 3, grid), C);
  g.output(neck, 'image_embeddings', 'float32', [1, C, grid, grid]);
  return n;
}
