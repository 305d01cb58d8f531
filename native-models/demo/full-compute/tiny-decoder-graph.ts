// A random-weight TAESD decoder (madebyollin/taesd's `Decoder`): clamp tanh(x/3)·3, conv 4→64 + ReLU, then three
// times (3 blocks, nearest ×2, conv 64→64), one more block and conv 64→3; a block is conv-ReLU-conv-ReLU-conv
// plus the identity, then ReLU. 1,222,531 parameters in TAESD (its README); here the three upsampling convs carry
// a zero bias (+192). I/O: TAESD's own, latents [B,4,h,w] as the diffusion makes them → image [B,3,8h,8w] in [0,1].
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

const C = 64;

function block(n: NetBuilder, x: string, hw: number): string {
  const relu = (v: string) => n.g.op('Relu', [v]);
  const h = n.conv(relu(n.conv(relu(n.conv(x, C, C, 3, hw)), C, C, 3, hw)), C, C, 3, hw);
  return relu(n.g.op('Add', [h, x]));
}

export function buildTinyDecoder(latentSize = 64, seed = 9): NetBuilder {
  const n = new NetBuilder('full_compute_taesd_decoder', seed);
  const { g } = n;
  const latents = g.input('latents', 'float32', ['batch', 4, 'height', 'width']);
  const clamped = g.op('Mul', [g.op('Tanh', [g.op('Div', [latents, g.f32(3)])]), g.f32(3)]);
  let hw = latentSize;
  let h = g.op('Relu', [n.conv(clamped, 4, C, 3, hw)]);
  for (let stage = 0; stage < 3; stage++) {
    for (let b = 0; b < 3; b++) h = block(n, h, hw);
    hw *= 2;
    h = n.conv(g.op('Resize', [h, '', g.f32([1, 1, 2, 2])], { mode: attr.s('nearest') }), C, C, 3, hw);
  }
  h = block(n, h, hw);
  // random weights land anywhere: a sigmoid keeps the picture inside TAESD's [0, 1] (one elementwise op)
  g.output(g.op('Sigmoid', [n.conv(h, C, 3, 3, hw)]), 'image', 'float32', ['batch', 3, 'image_height', 'image_width']);
  return n;
}
