// A random-weight UNet with SD 1.5's architecture (diffusers UNet2DConditionModel: 320/640/1280/1280 channels,
// 2 ResNet blocks per level, 8-head self- and cross-attention transformers on levels 1–3, 1280-wide time
// embedding), so a step costs what SD 1.5's does. I/O: Optimum ≥ 1.24 (sample, timestep f32 [], ehs → out_sample).
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

export interface UnetConfig {
  channels: number[];
  layersPerBlock: number;
  /** Attention heads of every transformer, or (SDXL) a fixed head width: heads = channels / headDim. */
  heads: number | { headDim: number };
  /** Transformer blocks per attention layer on each level (0 = that level has none), and in the mid block. */
  transformerDepth: number[];
  midTransformerDepth: number;
  contextDim: number;
  /** Latent side the FLOPs are counted at (64 = 512² images). */
  latentSize: number;
  contextTokens: number;
}

export const SD15_UNET: UnetConfig = { channels: [320, 640, 1280, 1280], layersPerBlock: 2, heads: 8, transformerDepth: [1, 1, 1, 0], midTransformerDepth: 1, contextDim: 768, latentSize: 64, contextTokens: 77 };

/** The published SD 1.5 UNet cost at 512² (batch 1): ≈ 0.8 TFLOPs per step (issue 8). */
export const SD15_UNET_REFERENCE_FLOPS = 0.8e12;

export interface UnetContext {
  n: NetBuilder;
  /** The time embedding after its SiLU, [1 or batch, 4·C0]. */
  temb: string;
  /** Its batch in the Reshape to [b, C, 1, 1]: 1 (one timestep for the whole batch, SD 1.5) or -1 (per item, SDXL). */
  tembBatch: 1 | -1;
  context: string;
  cfg: UnetConfig;
}
type Ctx = UnetContext;

function resnet(c: Ctx, x: string, cin: number, cout: number, hw: number): string {
  const { n } = c;
  let h = n.conv(n.silu(n.groupNorm(x, cin)), cin, cout, 3, hw);
  const t = n.g.op('Reshape', [n.linear(c.temb, 4 * c.cfg.channels[0]!, cout, 1), n.g.i64([c.tembBatch, cout, 1, 1])]);
  h = n.g.op('Add', [h, t]);
  h = n.conv(n.silu(n.groupNorm(h, cout)), cout, cout, 3, hw);
  const skip = cin === cout ? x : n.conv(x, cin, cout, 1, hw);
  return n.g.op('Add', [skip, h]);
}

/** One Transformer2DModel: norm, proj_in, `depth` basic blocks (self-attn, cross-attn, GEGLU), proj_out, residual. */
function transformer(c: Ctx, x: string, ch: number, hw: number, depth: number): string {
  const { n, cfg } = c;
  const tokens = hw * hw;
  // proj_in/out as 1×1 convs: the same FLOPs and weights as SDXL's linear projections (use_linear_projection)
  let h = n.toTokens(n.conv(n.groupNorm(x, ch), ch, ch, 1, hw), ch);
  const heads = typeof cfg.heads === 'number' ? cfg.heads : ch / cfg.heads.headDim;
  const self = { dim: ch, kvDim: ch, inner: ch, heads, queries: tokens, keys: tokens };
  const cross = { ...self, kvDim: cfg.contextDim, keys: cfg.contextTokens };
  for (let block = 0; block < depth; block++) {
    const ln1 = n.layerNorm(h, ch);
    h = n.g.op('Add', [h, n.attention(ln1, ln1, ln1, self)]);
    h = n.g.op('Add', [h, n.attention(n.layerNorm(h, ch), c.context, c.context, cross)]);
    // GEGLU feed-forward: C → 2·4C, value · gelu(gate), 4C → C
    const [value, gate] = n.g.nodeMulti('Split', [n.linear(n.layerNorm(h, ch), ch, 8 * ch, tokens), n.g.i64([4 * ch, 4 * ch])], 2, { axis: attr.i(-1) }) as [string, string];
    h = n.g.op('Add', [h, n.linear(n.g.op('Mul', [value, n.gelu(gate)]), 4 * ch, ch, tokens)]);
  }
  return n.g.op('Add', [x, n.conv(n.fromTokens(h, x), ch, ch, 1, hw)]);
}

/** Sinusoidal embedding (flip_sin_to_cos) of `values` [N] → [N, dim], in the graph's float type. */
export function sinusoid(n: NetBuilder, values: string, dim: number): string {
  const half = dim / 2;
  const freqs = Array.from({ length: half }, (_, i) => Math.exp((-Math.log(10000) * i) / half));
  const args = n.g.op('Mul', [n.g.op('Unsqueeze', [values, n.g.i64([1])]), n.g.f32(freqs)]);
  const out = n.g.op('Concat', [n.g.op('Cos', [args]), n.g.op('Sin', [args])], { axis: attr.i(1) });
  return n.floatType === 'float32' ? out : n.g.op('Cast', [out], { to: attr.dtype(n.floatType) });
}

/** The timestep's sinusoid → 2-layer MLP, [1, 4·C0], before its SiLU (SDXL adds its text/time embedding there). */
export function timeEmbedding(n: NetBuilder, timestep: string, c0: number): string {
  const emb = sinusoid(n, n.g.op('Unsqueeze', [timestep, n.g.i64([0])]), c0);
  return n.linear(n.silu(n.linear(emb, c0, 4 * c0, 1)), 4 * c0, 4 * c0, 1);
}

/** The UNet's inputs besides the sample: SD 1.5's (timestep, encoder_hidden_states); SDXL adds its own. */
export interface UnetInputs {
  /** The time embedding before its SiLU. */
  emb: string;
  tembBatch: 1 | -1;
  context: string;
}

function sd15Inputs(n: NetBuilder, cfg: UnetConfig): UnetInputs {
  const timestep = n.g.input('timestep', 'float32', []);
  const context = n.g.input('encoder_hidden_states', n.floatType, ['batch_size', 'sequence_length', cfg.contextDim]);
  return { emb: timeEmbedding(n, timestep, cfg.channels[0]!), tembBatch: 1, context };
}

/** `floatType` float16 gives an Olive-style fp16 UNet (the timestep stays float32 rank 0) for the GPU bench. */
export function buildUnet(cfg: UnetConfig = SD15_UNET, seed = 1, floatType: 'float32' | 'float16' = 'float32', inputs: (n: NetBuilder, cfg: UnetConfig) => UnetInputs = sd15Inputs): NetBuilder {
  const n = new NetBuilder('full_compute_unet', seed, floatType);
  const { g } = n;
  const sample = g.input('sample', floatType, ['batch_size', 4, 'height', 'width']);
  const { emb, tembBatch, context } = inputs(n, cfg);
  const ch = cfg.channels;
  const c: Ctx = { n, temb: n.silu(emb), tembBatch, context, cfg };
  const levels = ch.length;

  let hw = cfg.latentSize;
  let h = n.conv(sample, 4, ch[0]!, 3, hw);
  const skips: { value: string; ch: number }[] = [{ value: h, ch: ch[0]! }];
  let cur = ch[0]!;
  for (let level = 0; level < levels; level++) {
    const depth = cfg.transformerDepth[level]!;
    for (let j = 0; j < cfg.layersPerBlock; j++) {
      h = resnet(c, h, cur, ch[level]!, hw);
      cur = ch[level]!;
      if (depth > 0) h = transformer(c, h, cur, hw, depth);
      skips.push({ value: h, ch: cur });
    }
    if (level < levels - 1) {
      hw /= 2;
      h = n.conv(h, cur, cur, 3, hw, { stride: 2 });
      skips.push({ value: h, ch: cur });
    }
  }
  // mid block
  h = transformer(c, resnet(c, h, cur, cur, hw), cur, hw, cfg.midTransformerDepth);
  h = resnet(c, h, cur, cur, hw);

  for (let level = levels - 1; level >= 0; level--) {
    const depth = cfg.transformerDepth[level]!;
    for (let j = 0; j <= cfg.layersPerBlock; j++) {
      const skip = skips.pop()!;
      h = resnet(c, g.op('Concat', [h, skip.value], { axis: attr.i(1) }), cur + skip.ch, ch[level]!, hw);
      cur = ch[level]!;
      if (depth > 0) h = transformer(c, h, cur, hw, depth);
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
