// The demo VAE: decoder = 1×1 linear map D (4→3) then nearest ×8 upsampling; encoder = 8×8 average pooling
// then E (3→4) with D·E = I, so decode(encode(img)) = img for 8×8-constant images. Latents are unscaled.
import { OnnxGraphBuilder, attr } from '../onnx-graph-builder.ts';
import { VAE_DECODER_BIAS, VAE_DECODER_MATRIX, VAE_LOGVAR, vaeEncoderBias, vaeEncoderMatrix } from './demo-sd-spec.ts';
import type { DemoSdVariant } from './demo-sd-variants.ts';

const toF32 = (g: OnnxGraphBuilder, v: string, type: string): string => (type === 'float32' ? v : g.op('Cast', [v], { to: attr.dtype('float32') }));
const fromF32 = (g: OnnxGraphBuilder, v: string, type: 'float32' | 'float16'): string => (type === 'float32' ? v : g.op('Cast', [v], { to: attr.dtype(type) }));

export function buildVaeDecoderGraph(variant: Pick<DemoSdVariant, 'vaeDecoder' | 'floatType'>): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_vae_decoder');
  const { latentSample, sample } = variant.vaeDecoder;
  const z = toF32(g, g.input(latentSample.name, latentSample.type, latentSample.shape), latentSample.type);
  const weight = g.constant('float32', VAE_DECODER_MATRIX.flat(), [3, 4, 1, 1]);
  const image = g.op('Conv', [z, weight, g.f32([...VAE_DECODER_BIAS])]);
  const up = g.op('Resize', [image, '', g.f32([1, 1, 8, 8]), ''], {
    mode: attr.s('nearest'),
    coordinate_transformation_mode: attr.s('asymmetric'),
    nearest_mode: attr.s('floor'),
  });
  g.output(fromF32(g, up, variant.floatType), sample.name, sample.type, sample.shape);
  return g;
}

export function buildVaeEncoderGraph(variant: Pick<DemoSdVariant, 'vaeEncoder' | 'floatType'>): OnnxGraphBuilder {
  const g = new OnnxGraphBuilder('demo_vae_encoder');
  const { sample, output } = variant.vaeEncoder;
  const image = toF32(g, g.input(sample.name, sample.type, sample.shape), sample.type);
  const pooled = g.op('AveragePool', [image], { kernel_shape: attr.ints([8, 8]), strides: attr.ints([8, 8]) });
  const weight = g.constant('float32', vaeEncoderMatrix().flat(), [4, 3, 1, 1]);
  const mean = g.op('Conv', [pooled, weight, g.f32(vaeEncoderBias())]);
  // A constant log-variance at diffusers' clamp floor: the distribution is (almost) a point at the mean.
  const logvar = g.op('Add', [g.op('Mul', [mean, g.f32(0)]), g.f32(VAE_LOGVAR)]);
  let result: string;
  if (output.name === 'latent_parameters') {
    result = g.op('Concat', [mean, logvar], { axis: attr.i(1) });
  } else {
    // Sampling baked in as the legacy/Optimum ≤1.22 exports trace it: mean + exp(0.5·logvar)·N(0,1), in fp32.
    const noise = g.op('RandomNormalLike', [mean], { dtype: attr.dtype('float32'), mean: attr.f(0), scale: attr.f(1) });
    const std = g.op('Exp', [g.op('Mul', [logvar, g.f32(0.5)])]);
    result = g.op('Add', [mean, g.op('Mul', [std, noise])]);
  }
  g.output(fromF32(g, result, variant.floatType), output.name, output.type, output.shape);
  return g;
}
