// A random-weight UNet with SD 1.5's architecture (diffusers UNet2DConditionModel: 320/640/1280/1280 channels,
// 2 ResNet blocks per level, 8-head self- and cross-attention transformers on levels 1–3, 1280-wide time
// embedding), so a step costs what SD 1.5's does. I/O: Optimum ≥ 1.24 (sample, timestep f32 [], ehs → out_sample).
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

export interface UnetConfig {
  channels: number[];
  layersPerBlock: number;
  heads: number;
  contextDim: number;
  /** Latent side the FLOPs are counted at (64 = 512² images). */
  latentSize: number;
  contextTokens: number;
}

export const SD15_UNET: UnetConfig = { channels: [320, 640, 1280, 1280], layersPerBlock: 2, heads: 8, contextDim: 768, latentSize: 64, contextTokens: 77 };

/** The published SD 1.5 UNet cost at 512² (batch 1): ≈ 0.8 TFLOPs per step (issue 8). */
export const SD15_UNET_REFERENCE_FLOPS = 0.8e12;

interface Ctx {
  n: NetBuilder;
  temb: string;
  context: string;
  cfg: UnetConfig;
}

function resnet(c: Ctx, x: string, cin: number, cout: number, hw: number): string {
  const { n } = c;
  let h = n.conv(n.silu(n.groupNorm(x, cin)), cin, cout, 3, hw);
  const t = n.g.op('Reshape', [n.linear(c.temb, 4 * c.cfg.channels[0]!, cout, 1), n.g.i64([1, cout, 1, 1])]);
  h = n.g.op('Add', [h, t]);
  h = n.conv(n.silu(n.groupNorm(h, cout)), cout, cout, 3, hw);
  const skip = cin === cout ? x : n.conv(x, cin, cout, 1, hw);
  return n.g.op('Add', [skip, h]);
}

function transformer(c: Ctx, x: string, ch: number, hw: number): string {
  const { n, cfg } = c;
  const tokens = hw * hw;
  let h = n.toTokens(n.conv(n.groupNorm(x, ch), ch, ch, 1, hw), ch);
  const self = { dim: ch, kvDim: ch, inner: ch, heads: cfg.heads, queries: tokens, keys: tokens };
  const ln1 = n.layerNorm(h, ch);
  h = n.g.op('Add', [h, n.attention(ln1, ln1, ln1, self)]);
  const cross = { ...self, kvDim: cfg.contextDim, keys: cfg.contextTokens };
  h = n.g.op('Add', [h, n.attention(n.layerNorm(h, ch), c.context, c.context, cross)]);
  // GEGLU feed-forward: C → 2·4C, value · gelu(gate), 4C → C
  const [value, gate] = n.g.nodeMulti('Split', [n.linear(n.layerNorm(h, ch), ch, 8 * ch, tokens), n.g.i64([4 * ch, 4 * ch])], 2, { axis: attr.i(-1) }) as [string, string];
  h = n.g.op('Add', [h, n.linear(n.g.op('Mul', [value, n.gelu(gate)]), 4 * ch, ch, tokens)]);
  return n.g.op('Add', [x, n.conv(n.fromTokens(h, x), ch, ch, 1, hw)]);
}

/** Sinusoidal timestep embedding (flip_sin_to_cos) → 2-layer MLP → SiLU, [1, 4·C0]. */
function timeEmbedding(n: NetBuilder, timestep: string, c0: number): string {
  const half = c0 / 2;
  const freqs = Array.from({ length: half }, (_, i) => Math.exp((-Math.log(10000) * i) / half));
  const args = n.g.op('Mul', [n.g.op('Unsqueeze', [timestep, n.g.i64([0])]), n.g.f32(freqs)]);
  let sinusoid = n.g.op('Unsqueeze', [n.g.op('Concat', [n.g.op('Cos', [args]), n.g.op('Sin', [args])], { axis: attr.i(0) }), n.g.i64([0])]);
  if (n.floatType !== 'float32') sinusoid = n.g.op('Cast', [sinusoid], { to: attr.dtype(n.floatType) });
  const emb = n.linear(n.silu(n.linear(sinusoid, c0, 4 * c0, 1)), 4 * c0, 4 * c0, 1);
  return n.silu(emb);
}

/** `floatType` float16 gives an Olive-style fp16 UNet (the timestep stays float32 rank 0) for the GPU bench. */
export function buildUnet(cfg: UnetConfig = SD15_UNET, seed = 1, floatType: 'float32' | 'float16' = 'float32'): NetBuilder {
  const n = new NetBuilder('full_compute_unet', seed, floatType);
  const { g } = n;
  const sample = g.input('sample', floatType, ['batch_size', 4, 'height', 'width']);
  const timestep = g.input('timestep', 'float32', []);
  const context = g.input('encoder_hidden_states', floatType, ['batch_size', 'sequence_length', cfg.contextDim]);
  const ch = cfg.channels;
  const c: Ctx = { n, temb: timeEmbedding(n, timestep, ch[0]!), context, cfg };
  const levels = ch.length;

  let hw = cfg.latentSize;
  let h = n.conv(sample, 4, ch[0]!, 3, hw);
  const skips: { value: string; ch: number }[] = [{ value: h, ch: ch[0]! }];
  let cur = ch[0]!;
  for (let level = 0; level < levels; level++) {
    const attn = level < levels - 1;
    for (let j = 0; j < cfg.layersPerBlock; j++) {
      h = resnet(c, h, cur, ch[level]!, hw);
      cur = ch[level]!;
      if (attn) h = transformer(c, h, cur, hw);
      skips.push({ value: h, ch: cur });
    }
    if (level < levels - 1) {
      hw /= 2;
      h = n.conv(h, cur, cur, 3, hw, { stride: 2 });
      skips.push({ value: h, ch: cur });
    }
  }
  // mid block
  h = transformer(c, resnet(c, h, cur, cur, hw), cur, hw);
  h = resnet(c, h, cur, cur, hw);

  for (let level = levels - 1; level >= 0; level--) {
    const attn = level < levels - 1;
    for (let j = 0; j <= cfg.layersPerBlock; j++) {
      const skip = skips.pop()!;
      h = resnet(c, g.op('Concat', [h, skip.value], { axis: attr.i(1) }), cur + skip.ch, ch[level]!, hw);
      cur = ch[level]!;
      if (attn) h = transformer(c, h, cur, hw);
    }
    if (level > 0) {
      hw *= 2;
      h = n.conv(g.op('Resize', [h, '', g.f32([1, 1, 2, 2])], { mode: attr.s('nearest') }), cur, cur, 3, hw);
    }
  }
  const out = n.conv(n.silu(n.groupNorm(h, cur)), cur, 4, 3, hw);
  g.output(out, 'out_sample', floatType, ['batch_size', 4, 'height', 'width']);
  return n;
}
