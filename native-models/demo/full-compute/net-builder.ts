// The layers the full-compute generators share (conv, linear, norms, attention), each adding its nodes to one
// graph, its random weights to one WeightStore and its MatMul/Conv FLOPs (batch 1, reference size) to one counter.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { FlopCounter } from './flop-counter.ts';
import { WeightStore } from './weight-store.ts';
import { float32ToHalfBits } from '../../core/float16.ts';

export interface AttentionShape {
  /** Width of the query input, and of the output. */
  dim: number;
  /** Width of the key/value inputs (cross-attention: 768 text states). */
  kvDim: number;
  /** Width inside the attention (SAM's two-way transformer halves it). */
  inner: number;
  heads: number;
  /** Query and key token counts at the reference size, for the FLOP count. */
  queries: number;
  keys: number;
}

export class NetBuilder {
  readonly g: OnnxGraphBuilder;
  readonly w: WeightStore;
  readonly flops = new FlopCounter();
  /**
   * Linear layers as onnxruntime's quantize_dynamic writes them (QOperator form): uint8 weights with a zero point,
   * the activation quantised per run by DynamicQuantizeLinear, MatMulInteger, then rescaled to float (the official
   * SAM web demo's decoder is made this way, `weight_type=QuantType.QUInt8`).
   */
  int8Linear = false;

  constructor(
    name: string,
    seed: number,
    /** Element type of weights and activations (float16 only for the GPU benchmark's UNet). */
    readonly floatType: 'float32' | 'float16' = 'float32',
  ) {
    this.g = new OnnxGraphBuilder(name);
    this.w = new WeightStore(seed, floatType);
  }

  /** A scalar constant in the graph's float type. */
  scalar(value: number): string {
    return this.floatType === 'float32' ? this.g.f32(value) : this.g.constant('float16', [float32ToHalfBits(value)], []);
  }

  /** NCHW convolution with bias; `outHW` is the output side at the reference size. */
  conv(x: string, cin: number, cout: number, kernel: number, outHW: number, opts: { stride?: number; pad?: number; dilation?: number; kind?: string } = {}): string {
    const stride = opts.stride ?? 1;
    const dilation = opts.dilation ?? 1;
    const pad = opts.pad ?? dilation * Math.floor(kernel / 2);
    const weight = this.w.random('conv', [cout, cin, kernel, kernel], cin * kernel * kernel);
    this.flops.conv(opts.kind ?? 'conv', cin, cout, kernel, kernel, outHW, outHW);
    return this.g.op('Conv', [x, weight, this.w.filled('conv_b', [cout], 0)], {
      kernel_shape: attr.ints([kernel, kernel]),
      strides: attr.ints([stride, stride]),
      pads: attr.ints([pad, pad, pad, pad]),
      ...(dilation > 1 ? { dilations: attr.ints([dilation, dilation]) } : {}),
    });
  }

  /** Stride-k, kernel-k transposed convolution (SAM's ×2 upscaling); `inHW` is the input side. */
  convTranspose(x: string, cin: number, cout: number, k: number, inHW: number): string {
    this.flops.conv('conv', cin, cout, k, k, inHW, inHW);
    const weight = this.w.random('deconv', [cin, cout, k, k], cin);
    return this.g.op('ConvTranspose', [x, weight, this.w.filled('deconv_b', [cout], 0)], { kernel_shape: attr.ints([k, k]), strides: attr.ints([k, k]) });
  }

  /** x [..., tokens, cin] · W [cin, cout] + b. */
  linear(x: string, cin: number, cout: number, tokens: number, opts: { bias?: boolean; kind?: string } = {}): string {
    this.flops.matmul(opts.kind ?? 'linear', tokens, cin, cout);
    const y = this.int8Linear ? this.int8MatMul(x, cin, cout) : this.g.op('MatMul', [x, this.w.random('linear', [cin, cout], cin)]);
    return opts.bias === false ? y : this.g.op('Add', [y, this.w.filled('linear_b', [cout], 0)]);
  }

  /** x · W with W uint8: DynamicQuantizeLinear(x) → MatMulInteger (both zero points) → Cast → × (x scale · W scale). */
  private int8MatMul(x: string, cin: number, cout: number): string {
    const { g } = this;
    const weight = this.w.randomUint8('linear_q', [cin, cout], cin);
    const [xq, xScale, xZero] = g.nodeMulti('DynamicQuantizeLinear', [x], 3);
    const accumulated = g.op('MatMulInteger', [xq!, weight.name, xZero!, g.constant('uint8', [weight.zeroPoint], [])]);
    return g.op('Mul', [g.op('Cast', [accumulated], { to: attr.dtype('float32') }), g.op('Mul', [xScale!, g.f32(weight.scale)])]);
  }

  silu(x: string): string {
    return this.g.op('Mul', [x, this.g.op('Sigmoid', [x])]);
  }

  /** GELU as x·σ(1.702x) (CLIP's quick_gelu; the cost of an erf GELU differs by one elementwise op). */
  gelu(x: string): string {
    return this.g.op('Mul', [x, this.g.op('Sigmoid', [this.g.op('Mul', [x, this.scalar(1.702)])])]);
  }

  /** GroupNorm over NCHW (opset 17 has no GroupNormalization): InstanceNormalization on [B, groups, rest]. */
  groupNorm(x: string, channels: number, groups = 32): string {
    const grouped = this.g.op('Reshape', [x, this.g.i64([0, groups, -1])]);
    const normed = this.g.op('InstanceNormalization', [grouped, this.w.filled('gn_one', [groups], 1), this.w.filled('gn_zero', [groups], 0)], { epsilon: attr.f(1e-5) });
    const back = this.g.op('Reshape', [normed, this.g.op('Shape', [x])]);
    return this.g.op('Add', [this.g.op('Mul', [back, this.w.filled('gn_gamma', [channels, 1, 1], 1)]), this.w.filled('gn_beta', [channels, 1, 1], 0)]);
  }

  /** LayerNorm over the last axis. */
  layerNorm(x: string, channels: number): string {
    return this.g.op('LayerNormalization', [x, this.w.filled('ln_gamma', [channels], 1), this.w.filled('ln_beta', [channels], 0)], { axis: attr.i(-1), epsilon: attr.f(1e-5) });
  }

  /** LayerNorm over the channels of NCHW (SAM's LayerNorm2d). */
  layerNorm2d(x: string, channels: number): string {
    const last = this.g.op('Transpose', [x], { perm: attr.ints([0, 2, 3, 1]) });
    return this.g.op('Transpose', [this.layerNorm(last, channels)], { perm: attr.ints([0, 3, 1, 2]) });
  }

  /** NCHW → [B, H·W, C]. */
  toTokens(x: string, channels: number): string {
    return this.g.op('Transpose', [this.g.op('Reshape', [x, this.g.i64([0, channels, -1])])], { perm: attr.ints([0, 2, 1]) });
  }

  /** [B, H·W, C] → NCHW with the shape of `like`. */
  fromTokens(tokens: string, like: string): string {
    return this.g.op('Reshape', [this.g.op('Transpose', [tokens], { perm: attr.ints([0, 2, 1]) }), this.g.op('Shape', [like])]);
  }

  /**
   * Multi-head attention: q from `qIn` [B, N, dim], k from `kIn` and v from `vIn` [B, M, kvDim], output
   * projection back to `dim`; `mask` is added to the scores (CLIP's causal mask).
   */
  attention(qIn: string, kIn: string, vIn: string, s: AttentionShape, opts: { bias?: boolean; mask?: string } = {}): string {
    const { g } = this;
    const head = s.inner / s.heads;
    const bias = opts.bias ?? false;
    const split = (x: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [x, g.i64([0, 0, s.heads, head])])], { perm: attr.ints(perm) });
    const q = split(g.op('Mul', [this.linear(qIn, s.dim, s.inner, s.queries, { bias }), this.scalar(1 / Math.sqrt(head))]), [0, 2, 1, 3]);
    const k = split(this.linear(kIn, s.kvDim, s.inner, s.keys, { bias }), [0, 2, 3, 1]);
    const v = split(this.linear(vIn, s.kvDim, s.inner, s.keys, { bias }), [0, 2, 1, 3]);
    this.flops.matmul('attention', s.queries, s.inner, s.keys);
    let scores = g.op('MatMul', [q, k]);
    if (opts.mask) scores = g.op('Add', [scores, opts.mask]);
    this.flops.matmul('attention', s.queries, s.keys, s.inner);
    const mixed = g.op('MatMul', [g.op('Softmax', [scores], { axis: attr.i(-1) }), v]);
    const merged = g.op('Reshape', [g.op('Transpose', [mixed], { perm: attr.ints([0, 2, 1, 3]) }), g.i64([0, 0, s.inner])]);
    return this.linear(merged, s.inner, s.dim, s.queries);
  }
}
