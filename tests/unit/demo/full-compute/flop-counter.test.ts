// The FLOP counter and the published-size checks of the full-compute generators (graphs built, nothing written).
import { describe, expect, it } from 'vitest';
import { FlopCounter } from '../../../../native-models/demo/full-compute/flop-counter.ts';
import { buildUnet, SD15_UNET_REFERENCE_FLOPS } from '../../../../native-models/demo/full-compute/unet-graph.ts';
import { buildTextEncoder } from '../../../../native-models/demo/full-compute/text-encoder-graph.ts';
import { buildVaeDecoder } from '../../../../native-models/demo/full-compute/vae-decoder-graph.ts';
import { buildSamEncoder } from '../../../../native-models/demo/full-compute/sam-encoder-graph.ts';

describe('FlopCounter', () => {
  it('counts 2 FLOPs per multiply-add', () => {
    const f = new FlopCounter();
    f.matmul('linear', 4096, 320, 320); // 2·4096·320·320 = 838,860,800
    expect(f.flops).toBe(838_860_800);
    f.conv('conv', 320, 320, 3, 3, 64, 64); // 2·320·320·9·4096 = 7,549,747,200
    expect(f.flops).toBe(838_860_800 + 7_549_747_200);
    expect(f.breakdown()).toEqual({ linear: 838_860_800, conv: 7_549_747_200 });
  });
});

describe('full-size generators (graph only)', () => {
  it('the UNet costs within 20% of SD 1.5 per step and has its parameter count', () => {
    const unet = buildUnet();
    expect(Math.abs(unet.flops.flops / SD15_UNET_REFERENCE_FLOPS - 1)).toBeLessThan(0.2);
    // SD 1.5 UNet2DConditionModel: 859,520,964 parameters (diffusers model card / sum of the checkpoint's tensors).
    expect(Math.abs(unet.w.parameters / 859_520_964 - 1)).toBeLessThan(0.001);
  });

  it('the text encoder, VAE decoder and SAM encoder have the published parameter counts', () => {
    // CLIP ViT-L/14 text model 123.06 M; SD VAE decoder (+ post_quant_conv) 49.49 M; SAM ViT-B image encoder
    // 89.67 M of which 0.09 M are the relative-position tables this generator leaves out.
    expect(buildTextEncoder().w.parameters / 1e6).toBeCloseTo(123.06, 1);
    expect(buildVaeDecoder().w.parameters / 1e6).toBeCloseTo(49.49, 1);
    expect(Math.abs(buildSamEncoder().w.parameters / 89.67e6 - 1)).toBeLessThan(0.01);
  });
});
