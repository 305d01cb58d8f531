// A random-weight SAM 2.1-tiny-sized image encoder: Hiera-tiny (patch embedding 7×7 stride 4 of the 1024² input,
// stages of 1/2/7/2 pre-LN blocks at widths 96/192/384/768 and 1/2/4/8 heads, windowed attention with windows
// 8/4/14/7 except the global blocks 5, 7, 9, MLP ×4) and SAM 2's FPN neck (256 channels, top-down from the /32 level
// into /16) with the decoder's conv_s0 / conv_s1 applied, as samexporter's export does. Simplified where the cost
// barely moves: a stage's first block projects and max-pools the tokens before attending (Hiera pools the queries
// inside that block), no window position-embedding interpolation. I/O: samexporter's, image [1,3,1024,1024] →
// high_res_feats_0 [1,32,256,256], high_res_feats_1 [1,64,128,128], image_embed [1,256,64,64].
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

const STAGES = [
  { dim: 96, heads: 1, blocks: 1, window: 8 },
  { dim: 192, heads: 2, blocks: 2, window: 4 },
  { dim: 384, heads: 4, blocks: 7, window: 14 },
  { dim: 768, heads: 8, blocks: 2, window: 7 },
] as const;
const GLOBAL_BLOCKS = [5, 7, 9];
const NECK = 256;

/** Attention within window×window tiles of an [1, side, side, dim] map (padded to whole tiles), or over all tokens. */
function attendTiles(n: NetBuilder, x: string, side: number, dim: number, heads: number, window: number | null): string {
  const { g } = n;
  const tile = window ?? side;
  const tiles = Math.ceil(side / tile);
  const padded = tiles * tile;
  const p = padded === side ? x : g.op('Pad', [x, g.i64([0, 0, 0, 0, 0, padded - side, padded - side, 0])]);
  const split = g.op('Reshape', [p, g.i64([1, tiles, tile, tiles, tile, dim])]);
  const batched = g.op('Reshape', [g.op('Transpose', [split], { perm: attr.ints([0, 1, 3, 2, 4, 5]) }), g.i64([tiles * tiles, tile * tile, dim])]);
  const a = n.attention(batched, batched, batched, { dim, kvDim: dim, inner: dim, heads, queries: tile * tile * tiles * tiles, keys: tile * tile }, { bias: true });
  const back = g.op('Transpose', [g.op('Reshape', [a, g.i64([1, tiles, tiles, tile, tile, dim])])], { perm: attr.ints([0, 1, 3, 2, 4, 5]) });
  const full = g.op('Reshape', [back, g.i64([1, padded, padded, dim])]);
  return padded === side ? full : g.op('Slice', [full, g.i64([0, 0]), g.i64([side, side]), g.i64([1, 2])]);
}

/** 2×2 max-pooling of an [1, side, side, dim] map. */
function pool2(n: NetBuilder, x: string): string {
  const nchw = n.g.op('Transpose', [x], { perm: attr.ints([0, 3, 1, 2]) });
  const pooled = n.g.op('MaxPool', [nchw], { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]) });
  return n.g.op('Transpose', [pooled], { perm: attr.ints([0, 2, 3, 1]) });
}

export function buildSam2Encoder(seed = 6): NetBuilder {
  const n = new NetBuilder('full_compute_sam2_tiny_encoder', seed);
  const { g, w } = n;
  const image = g.input('image', 'float32', [1, 3, 1024, 1024]);
  let side = 256;
  const embedded = n.conv(image, 3, STAGES[0].dim, 7, side, { stride: 4, pad: 3 });
  let x = g.op('Add', [g.op('Transpose', [embedded], { perm: attr.ints([0, 2, 3, 1]) }), w.random('pos', [1, side, side, STAGES[0].dim], 1)]);
  let dim: number = STAGES[0].dim;
  let block = 0;
  const levels: { map: string; dim: number; side: number }[] = [];
  for (const [s, stage] of STAGES.entries()) {
    if (s > 0) {
      // into the stage: wider tokens at half the side
      x = pool2(n, n.linear(n.layerNorm(x, dim), dim, stage.dim, side * side));
      dim = stage.dim;
      side /= 2;
    }
    for (let b = 0; b < stage.blocks; b++, block++) {
      const tokens = side * side;
      x = g.op('Add', [x, attendTiles(n, n.layerNorm(x, dim), side, dim, stage.heads, GLOBAL_BLOCKS.includes(block) ? null : stage.window)]);
      x = g.op('Add', [x, n.linear(n.gelu(n.linear(n.layerNorm(x, dim), dim, 4 * dim, tokens)), 4 * dim, dim, tokens)]);
    }
    levels.push({ map: g.op('Transpose', [x], { perm: attr.ints([0, 3, 1, 2]) }), dim, side });
  }
  // FPN neck: 1×1 lateral convs to 256; /32 added into /16 (SAM 2's fpn_top_down_levels), the /32 level then dropped
  const lateral = levels.map((l) => n.conv(l.map, l.dim, NECK, 1, l.side));
  const up = g.op('Resize', [lateral[3]!, '', g.f32([1, 1, 2, 2])], { mode: attr.s('nearest') });
  const embed = g.op('Add', [lateral[2]!, up]);
  g.output(n.conv(lateral[0]!, NECK, NECK / 8, 1, 256), 'high_res_feats_0', 'float32', [1, NECK / 8, 256, 256]);
  g.output(n.conv(lateral[1]!, NECK, NECK / 4, 1, 128), 'high_res_feats_1', 'float32', [1, NECK / 4, 128, 128]);
  g.output(g.op('Add', [embed, w.random('no_mem_embed', [1, NECK, 1, 1], 1)]), 'image_embed', 'float32', [1, NECK, 64, 64]);
  return n;
}
