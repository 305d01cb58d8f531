// Random-weight background-removal nets of a real model's cost, for the bench. U²-Net's layout (Qin et al. 2020,
// the published channel table): six encoder and five decoder RSU stages ("residual U-blocks": 3×3 conv+ReLU
// stages around their own max-pool/bilinear-upsample U, the deepest level dilated; RSU4F dilates instead of
// pooling), side outputs fused by a 1×1 conv. BatchNorm is folded into the convs, as an exported graph has it.
// The I/O is the background-removal group's contract (subject-contracts.ts): input size, output count, a final
// Sigmoid or logits.
import { SUBJECT_CONTRACTS, type SubjectGroup } from '../../models/subject-contracts.ts';
import { attr } from '../onnx-graph-builder.ts';
import { NetBuilder } from './net-builder.ts';

/** One RSU stage: levels L (RSU-L; 'F' = RSU4F, dilated, no pooling), in / mid / out channels. */
interface RsuStage {
  levels: number | 'F';
  cin: number;
  mid: number;
  cout: number;
}

// U²-Net (full, not U²-Net†): stage1…stage6 then stage5d…stage1d, as in the paper's Table 1.
const U2NET_ENCODER: RsuStage[] = [
  { levels: 7, cin: 3, mid: 32, cout: 64 },
  { levels: 6, cin: 64, mid: 32, cout: 128 },
  { levels: 5, cin: 128, mid: 64, cout: 256 },
  { levels: 4, cin: 256, mid: 128, cout: 512 },
  { levels: 'F', cin: 512, mid: 256, cout: 512 },
  { levels: 'F', cin: 512, mid: 256, cout: 512 },
];
const U2NET_DECODER: RsuStage[] = [
  { levels: 'F', cin: 1024, mid: 256, cout: 512 },
  { levels: 4, cin: 1024, mid: 128, cout: 256 },
  { levels: 5, cin: 512, mid: 64, cout: 128 },
  { levels: 6, cin: 256, mid: 32, cout: 64 },
  { levels: 7, cin: 128, mid: 16, cout: 64 },
];

export interface SubjectNetConfig {
  /** The contract the graph's I/O follows (input size, output count, Sigmoid or logits). */
  group: SubjectGroup;
  /**
   * Stride of a patch-embedding stem (a k×k, stride-k conv to 64 channels) before the U²-Net stages, which
   * then run at size / stemStride; the fused map is upsampled back. 1 = no stem (U²-Net itself).
   */
  stemStride: number;
  inputName: string;
  outputNames: string[];
}

/** U²-Net as rembg runs u2net.onnx: 320², seven sigmoid outputs (fused map first). ≈ 44 M parameters. */
export const U2NET_FULL: SubjectNetConfig = { group: 'u2net', stemStride: 1, inputName: 'input.1', outputNames: ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6'] };

/**
 * BiRefNet-lite's cost, by assumption (BENCHMARKS.md, "Subject cut-out"): no published FLOP figure for it at
 * 1024² was at hand, so it is sized by its parameter count (≈ 44 M, like U²-Net) at its 1024² input, with a
 * stride-4 patch stem as its Swin-T backbone has, so the stages run at 256². Logits out, one output.
 */
export const BIREFNET_LITE_FULL: SubjectNetConfig = { group: 'birefnet', stemStride: 4, inputName: 'input_image', outputNames: ['output_image'] };

function convRelu(n: NetBuilder, x: string, cin: number, cout: number, hw: number, dilation = 1): string {
  return n.g.op('Relu', [n.conv(x, cin, cout, 3, hw, { dilation })]);
}

function pool(n: NetBuilder, x: string): string {
  return n.g.op('MaxPool', [x], { kernel_shape: attr.ints([2, 2]), strides: attr.ints([2, 2]), ceil_mode: attr.i(1) });
}

function upsample(n: NetBuilder, x: string, factor: number): string {
  return n.g.op('Resize', [x, '', n.g.f32([1, 1, factor, factor])], { mode: attr.s('linear') });
}

const cat = (n: NetBuilder, a: string, b: string) => n.g.op('Concat', [a, b], { axis: attr.i(1) });

/** RSU-L (pooled U of L levels) or RSU4F (dilations 1, 2, 4, 8 at one size), plus the residual. */
function rsu(n: NetBuilder, x: string, s: RsuStage, hw: number): string {
  const input = convRelu(n, x, s.cin, s.cout, hw);
  const dilated = s.levels === 'F';
  const depth = dilated ? 4 : (s.levels as number);
  const encoded: { h: string; hw: number }[] = [];
  let h = input;
  let size = hw;
  for (let level = 1; level < depth; level++) {
    if (level > 1 && !dilated) {
      h = pool(n, h);
      size /= 2;
    }
    h = convRelu(n, h, level === 1 ? s.cout : s.mid, s.mid, size, dilated ? 2 ** (level - 1) : 1);
    encoded.push({ h, hw: size });
  }
  // The deepest level: dilation 2 (RSU-L) or 8 (RSU4F), no pooling.
  let d = convRelu(n, h, s.mid, s.mid, size, dilated ? 8 : 2);
  for (let level = depth - 1; level >= 1; level--) {
    const skip = encoded[level - 1]!;
    if (!dilated && level < depth - 1) d = upsample(n, d, 2);
    d = convRelu(n, cat(n, d, skip.h), 2 * s.mid, level === 1 ? s.cout : s.mid, skip.hw, dilated ? 2 ** (level - 1) : 1);
  }
  return n.g.op('Add', [d, input]);
}

export function buildSubjectNet(cfg: SubjectNetConfig, seed = 11): NetBuilder {
  const contract = SUBJECT_CONTRACTS[cfg.group];
  const n = new NetBuilder(`full_compute_subject_${cfg.group}`, seed);
  const { g } = n;
  const input = g.input(cfg.inputName, 'float32', [1, 3, contract.size, contract.size]);
  let hw = contract.size / cfg.stemStride;
  const stemChannels = 64;
  let h = cfg.stemStride === 1 ? input : n.conv(input, 3, stemChannels, cfg.stemStride, hw, { stride: cfg.stemStride, pad: 0 });
  const encoder = cfg.stemStride === 1 ? U2NET_ENCODER : [{ ...U2NET_ENCODER[0]!, cin: stemChannels }, ...U2NET_ENCODER.slice(1)];
  const skips: { h: string; hw: number }[] = [];
  encoder.forEach((stage, i) => {
    if (i > 0) {
      h = pool(n, h);
      hw /= 2;
    }
    h = rsu(n, h, stage, hw);
    skips.push({ h, hw });
  });
  // Decoder: up, concatenate the encoder stage of that size, RSU; side maps from each decoder stage and the last encoder one.
  const sides: { h: string; channels: number; hw: number }[] = [{ h, channels: encoder.at(-1)!.cout, hw }];
  U2NET_DECODER.forEach((stage, i) => {
    const skip = skips[skips.length - 2 - i]!;
    h = rsu(n, cat(n, upsample(n, h, 2), skip.h), stage, skip.hw);
    hw = skip.hw;
    sides.unshift({ h, channels: stage.cout, hw });
  });
  const full = hw;
  const sideMaps = sides.map((s) => {
    const map = n.conv(s.h, s.channels, 1, 3, s.hw);
    return s.hw === full ? map : upsample(n, map, full / s.hw);
  });
  let fused = n.conv(g.op('Concat', sideMaps, { axis: attr.i(1) }), sideMaps.length, 1, 1, full);
  if (cfg.stemStride !== 1) fused = upsample(n, fused, cfg.stemStride);
  const shape = [1, 1, contract.size, contract.size];
  g.output(contract.logits ? fused : g.op('Sigmoid', [fused]), cfg.outputNames[0]!, 'float32', shape);
  // U²-Net's side outputs d1…d6, each upsampled to the input (only where the contract has them).
  cfg.outputNames.slice(1).forEach((name, i) => g.output(g.op('Sigmoid', [sideMaps[i]!]), name, 'float32', shape));
  return n;
}
