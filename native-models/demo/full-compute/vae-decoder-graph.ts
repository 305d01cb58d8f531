// A random-weight SD VAE decoder (diffusers AutoencoderKL decoder: post_quant_conv, conv_in 4→512, mid block
// with one 512-wide single-head attention at latent size, 4 up blocks of 3 ResNets at 512/512/256/128 channels
// with nearest ×2 + conv upsampling, conv_out → RGB). I/O: latent_sample [B,4,h,w] → sample [B,3,8h,8w].
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

export interface VaeDecoderConfig {
  /** block_out_channels as in the VAE config (encoder order: 128, 256, 512, 512). */
  channels: number[];
  layersPerBlock: number;
  latentSize: number;
}

export const SD_VAE_DECODER: VaeDecoderConfig = { channels: [128, 256, 512, 512], layersPerBlock: 2, latentSize: 64 };

function resnet(n: NetBuilder, x: string, cin: number, cout: number, hw: number): string {
  const h = n.conv(n.silu(n.groupNorm(x, cin)), cin, cout, 3, hw);
  const h2 = n.conv(n.silu(n.groupNorm(h, cout)), cout, cout, 3, hw);
  return n.g.op('Add', [cin === cout ? x : n.conv(x, cin, cout, 1, hw), h2]);
}

export function buildVaeDecoder(cfg: VaeDecoderConfig = SD_VAE_DECODER, seed = 3): NetBuilder {
  const n = new NetBuilder('full_compute_vae_decoder', seed);
  const { g } = n;
  const latent = g.input('latent_sample', 'float32', ['batch_size', 4, 'latent_height', 'latent_width']);
  const ch = [...cfg.channels].reverse();
  let hw = cfg.latentSize;
  let cur = ch[0]!;
  let h = n.conv(n.conv(latent, 4, 4, 1, hw), 4, cur, 3, hw);
  // mid block: resnet, single-head self-attention over every latent pixel, resnet
  h = resnet(n, h, cur, cur, hw);
  const tokens = hw * hw;
  const attn = n.attention(n.toTokens(n.groupNorm(h, cur), cur), n.toTokens(n.groupNorm(h, cur), cur), n.toTokens(n.groupNorm(h, cur), cur), { dim: cur, kvDim: cur, inner: cur, heads: 1, queries: tokens, keys: tokens }, { bias: true });
  h = g.op('Add', [h, n.fromTokens(attn, h)]);
  h = resnet(n, h, cur, cur, hw);
  for (let level = 0; level < ch.length; level++) {
    for (let j = 0; j <= cfg.layersPerBlock; j++) {
      h = resnet(n, h, cur, ch[level]!, hw);
      cur = ch[level]!;
    }
    if (level < ch.length - 1) {
      hw *= 2;
      h = n.conv(g.op('Resize', [h, '', g.f32([1, 1, 2, 2])], { mode: attr.s('nearest') }), cur, cur, 3, hw);
    }
  }
  const out = n.conv(n.silu(n.groupNorm(h, cur)), cur, 3, 3, hw);
  g.output(out, 'sample', 'float32', ['batch_size', 3, 'height', 'width']);
  return n;
}
