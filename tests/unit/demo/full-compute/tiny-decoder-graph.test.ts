// The bench's TAESD-sized decoder has TAESD's architecture: its parameter count is TAESD's published 1,222,531
// (madebyollin/taesd README) plus the zero biases of its three upsampling convs.
import { describe, expect, it } from 'vitest';
import { buildTinyDecoder } from '../../../../native-models/demo/full-compute/tiny-decoder-graph.ts';
import { buildVaeDecoder } from '../../../../native-models/demo/full-compute/vae-decoder-graph.ts';

describe('full-compute tiny decoder', () => {
  it("has TAESD's parameters (+3·64 biases) and a small fraction of the VAE decoder's FLOPs at 512²", () => {
    const tiny = buildTinyDecoder();
    expect(tiny.w.parameters).toBe(1_222_531 + 3 * 64);
    // TAESD's point: decoding costs far less than the VAE (counted here: 141 vs 2,514 GFLOPs)
    expect(tiny.flops.flops / buildVaeDecoder().flops.flops).toBeLessThan(0.1);
  });

});
